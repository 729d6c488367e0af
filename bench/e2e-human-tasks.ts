// Benchmark 1: end-to-end human tasks vs bare Temporal on the same dev server and worker settings.
// Shanzhi: start a whistle-escalation case over HTTP, wait until each task is in the inbox, complete it over HTTP
// (community resolves, field check passes, shift chief closes) until the case is closed. Bare: a workflow waiting
// on three Updates. Alternating rounds; the median round of each is reported with the ratio.
//   npm run bench:e2e            (BENCH_N cases per round, default 200; BENCH_CONCURRENCY, default 20; BENCH_ROUNDS, default 3)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { openDatabase } from '../db/client';
import { seedDemo, seedProcesses } from '../db/seed';
import { createApp } from '../api/app';
import { createWorker } from '../worker/create-worker';
import { LogNotifier } from '../activities/notifier';
import { devServerExecutable } from '../runtime/temporal-executables';
import { median, percentile, pool } from './stats';
import { bareStep } from './bare-workflow';
import { appendResult } from './report';

const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** The case's first two decisions and the task each one leads to; the shift chief's close ends it. */
const STEPS = [
  { by: 'community_staff', action: 'resolve', data: { result: '已修复' }, next: 'Task_FieldCheck', nextBy: 'grid_worker' },
  { by: 'grid_worker', action: 'pass', data: {}, next: 'Task_Close', nextBy: 'shift_chief' },
];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-'));
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: devServerExecutable(), dbFilename: join(dir, 'temporal.db'), extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL'] } });
  const database = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: join(dir, 'pglite') });
  await database.migrate();
  await seedProcesses(database.db);
  await seedDemo(database.db);
  const worker = await createWorker({ connection: env.nativeConnection, namespace: 'default', db: database.db, notifier: new LogNotifier() });
  const bareWorker = await Worker.create({
    connection: env.nativeConnection, namespace: 'default', taskQueue: 'bench-bare',
    workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./bare-workflow') }),
  });
  const runs = [worker.run(), bareWorker.run()];
  const app = createApp({
    db: database.db, temporal: env.client, clock: { now: async () => new Date() }, jwtSecret: 'bench-secret-bench-secret-bench-secret',
    ping: { db: () => database.ping(), temporal: async () => undefined }, log: () => undefined,
  });
  const server: Server = await new Promise((resolve) => { const s = createServer(app).listen(0, () => resolve(s)); });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api`;
  const call = async (path: string, token: string | null, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const tokens: Record<string, string> = {};
  for (const u of ['grid_worker', 'community_staff', 'shift_chief', 'auditor']) tokens[u] = String((await call('/auth/login', null, { username: u, password: 'demo123' })).token);

  const waitForTask = async (instanceId: string, stepId: string, as: string) => {
    for (;;) {
      const page = await call(`/tasks?scope=available&instanceId=${instanceId}`, tokens[as]) as { items: Array<{ taskId: string; stepId: string }> };
      const task = page.items.find((t) => t.stepId === stepId);
      if (task) return task.taskId;
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  const shanzhiRound = async () => {
    const visible: number[] = [];
    const next: number[] = [];
    const started = performance.now();
    await pool(N, CONCURRENCY, async () => {
      const t0 = performance.now();
      const { instanceId } = await call('/processes/whistle-escalation/instances', tokens.grid_worker, {
        input: { category: 'road-damage', gridCode: 'G-A1-01', location: '基准测试路1号', description: '基准测试', source: 'grid' },
      }) as { instanceId: string };
      let taskId = await waitForTask(instanceId, 'Task_CommunityHandle', 'community_staff');
      visible.push(performance.now() - t0);
      for (const step of STEPS) {
        const t1 = performance.now();
        await call(`/tasks/${taskId}/actions`, tokens[step.by], { action: step.action, data: step.data });
        taskId = await waitForTask(instanceId, step.next, step.nextBy);
        next.push(performance.now() - t1);
      }
      await call(`/tasks/${taskId}/actions`, tokens.shift_chief, { action: 'close', data: {} });
    });
    return { seconds: (performance.now() - started) / 1000, visible, next };
  };

  const bareRound = async () => {
    const started = performance.now();
    await pool(N, CONCURRENCY, async (i) => {
      const handle = await env.client.workflow.start('bareThreeSteps', { taskQueue: 'bench-bare', workflowId: `bare-${Date.now()}-${i}-${Math.random()}` });
      for (let s = 0; s < 3; s++) await handle.executeUpdate(bareStep);
      await handle.result();
    });
    return { seconds: (performance.now() - started) / 1000 };
  };

  const shanzhi: Array<Awaited<ReturnType<typeof shanzhiRound>>> = [];
  const bare: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    shanzhi.push(await shanzhiRound());
    bare.push((await bareRound()).seconds);
    console.log(`round ${round + 1}: shanzhi ${shanzhi[round].seconds.toFixed(1)} s, bare ${bare[round].toFixed(1)} s`);
  }
  const shanzhiSeconds = median(shanzhi.map((r) => r.seconds));
  const bareSeconds = median(bare);
  const visible = shanzhi.flatMap((r) => r.visible);
  const next = shanzhi.flatMap((r) => r.next);
  const result = {
    cases: N, concurrency: CONCURRENCY, rounds: ROUNDS, database: database.kind,
    shanzhiCasesPerSecond: N / shanzhiSeconds, bareCasesPerSecond: N / bareSeconds, ratio: (N / shanzhiSeconds) / (N / bareSeconds),
    startToTaskVisibleMs: { p50: percentile(visible, 50), p99: percentile(visible, 99) },
    completeToNextTaskMs: { p50: percentile(next, 50), p99: percentile(next, 99) },
  };
  console.log(JSON.stringify(result, null, 2));
  appendResult('End-to-end human tasks vs bare Temporal (benchmark 1)', 'npm run bench:e2e', [
    `| database | cases × rounds | concurrency | Shanzhi cases/s | bare Temporal cases/s | ratio | start→task visible p50 / p99 | complete→next task p50 / p99 |`,
    `|---|---|---|---|---|---|---|---|`,
    `| ${result.database} | ${N} × ${ROUNDS} | ${CONCURRENCY} | ${result.shanzhiCasesPerSecond.toFixed(1)} | ${result.bareCasesPerSecond.toFixed(1)} | ${result.ratio.toFixed(2)} | ${result.startToTaskVisibleMs.p50.toFixed(0)} / ${result.startToTaskVisibleMs.p99.toFixed(0)} ms | ${result.completeToNextTaskMs.p50.toFixed(0)} / ${result.completeToNextTaskMs.p99.toFixed(0)} ms |`,
    '',
    'A Shanzhi case here is three human tasks (community resolves, field check passes, shift chief closes), each seen in the inbox over HTTP before it is completed over HTTP; the bare peer is a workflow taking three Updates on the same dev server.',
  ]);

  server.close();
  worker.shutdown();
  bareWorker.shutdown();
  await Promise.all(runs);
  await env.teardown();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
