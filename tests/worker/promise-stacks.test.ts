// Workers record no per-promise stack traces unless asked (worker/promise-stacks.ts): the Temporal UI's stack trace
// query is refused by a default worker and answered, with the workflow's own source file, by one created with
// promiseStackTraces. Creating either leaves node:worker_threads as it was.
import workerThreads from 'node:worker_threads';
import type { Worker } from '@temporalio/worker';
import { createWorker, bundleWorkflows } from '../../worker/create-worker';
import { startTimeSkipping, type TemporalHandle } from '../../runtime/temporal';
import { LogNotifier } from '../../activities/notifier';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

jest.setTimeout(120_000);

let temporal: TemporalHandle;
let database: TestDatabase;
const workers: Worker[] = [];
const runs: Array<Promise<void>> = [];
const OriginalThreadWorker = workerThreads.Worker;

beforeAll(async () => {
  [temporal, database] = await Promise.all([startTimeSkipping(), createTestDatabase()]);
  const workflowBundle = await bundleWorkflows(require.resolve('../support/waiting-workflow'));
  for (const [taskQueue, promiseStackTraces] of [['stacks-off', undefined], ['stacks-on', true]] as const) {
    const worker = await createWorker({
      connection: temporal.nativeConnection, namespace: temporal.namespace, taskQueue, workflowBundle, promiseStackTraces,
      db: database.db, notifier: new LogNotifier(),
    });
    workers.push(worker);
    runs.push(worker.run());
  }
});

afterAll(async () => {
  for (const worker of workers) worker.shutdown();
  await Promise.all(runs);
  await temporal?.close();
  await database?.close();
});

async function stackTraceOf(taskQueue: string): Promise<string> {
  const handle = await temporal.client.workflow.start('waitingWorkflow', { taskQueue, workflowId: `waiting-${taskQueue}` });
  return handle.query<string>('__stack_trace');
}

test('a default worker records no promise stack traces, so the stack trace query is refused', async () => {
  const refusal = await stackTraceOf('stacks-off').then(() => undefined, (error: Error) => error);
  expect((refusal?.cause as Error | undefined)?.message).toMatch(/stack traces are not enabled on this worker/);
});

test('a worker created with promiseStackTraces answers the stack trace query from the workflow source', async () => {
  expect(await stackTraceOf('stacks-on')).toMatch(/waiting-workflow/);
});

test('creating workers leaves node:worker_threads as it was', () => {
  expect(workerThreads.Worker).toBe(OriginalThreadWorker);
});
