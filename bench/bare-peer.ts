// The bare-Temporal peer of benchmark 1 as processes of its own, laid out like Shanzhi's: `worker` runs the bare
// workflow (bench/bare-workflow.ts) on its task queue; `http` is a minimal Express endpoint in front of the bare
// workflow's start and Updates, so the peer pays the same HTTP hop and process boundary as Shanzhi's API does.
// The bare worker runs at the SDK's defaults (per-promise stack traces on, which Shanzhi's workers turn off);
// BENCH_BARE_PROMISE_STACKS=0 turns them off on the peer too, to see the rest of the difference alone.
//   node --import tsx bench/bare-peer.ts worker|http   (TEMPORAL_ADDRESS; PORT for http)
import express from 'express';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../worker/create-worker';
import { withoutPromiseStacks } from '../worker/promise-stacks';
import { bareStep } from './bare-workflow';

export const BARE_TASK_QUEUE = 'bench-bare';

async function runWorker(address: string): Promise<void> {
  const connection = await NativeConnection.connect({ address });
  // Bundled with Shanzhi's own bundler settings, so the two sides differ only in what their workflows do.
  const workflowBundle = await bundleWorkflows(require.resolve('./bare-workflow'));
  const create = () => Worker.create({ connection, namespace: 'default', taskQueue: BARE_TASK_QUEUE, workflowBundle });
  const worker = await (process.env.BENCH_BARE_PROMISE_STACKS === '0' ? withoutPromiseStacks(create) : create());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  console.log('[bare-worker] polling task queue');
  await worker.run();
}

async function runHttp(address: string, port: number): Promise<void> {
  const client = new Client({ connection: await Connection.connect({ address }), namespace: 'default' });
  const app = express();
  app.use(express.json());
  let started = 0;
  app.post('/cases', async (_req, res) => {
    const handle = await client.workflow.start('bareThreeSteps', { taskQueue: BARE_TASK_QUEUE, workflowId: `bare-http-${process.pid}-${Date.now()}-${started++}` });
    res.status(201).json({ id: handle.workflowId });
  });
  app.post('/cases/:id/steps', async (req, res) => {
    res.json({ steps: await client.workflow.getHandle(req.params.id).executeUpdate(bareStep) });
  });
  const server = app.listen(port, '127.0.0.1', () => console.log(`[bare-http] listening on ${port}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
}

if (require.main === module) {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is required');
  const run = process.argv[2] === 'http' ? runHttp(address, Number(process.env.PORT ?? 0)) : runWorker(address);
  run.catch((error: unknown) => { console.error(error); process.exit(1); });
}
