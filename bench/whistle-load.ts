// Benchmark 1's Shanzhi load, shared by the benchmarks that drive whistle-escalation cases over HTTP: a Temporal
// dev server, the database (migrated, seeded), a Shanzhi worker in this process (unless the benchmark runs its
// own), the API on a free port, and a round of N cases: start over HTTP, wait until each task is in the inbox,
// complete it over HTTP (community resolves, field check passes, shift chief closes) until the case is closed.
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { Worker } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { openDatabase, type Database } from '../db/client';
import { seedDemo, seedProcesses } from '../db/seed';
import { createApp } from '../api/app';
import { createWorker } from '../worker/create-worker';
import { jsonCaller } from './json-client';
import { LogNotifier } from '../activities/notifier';
import { devServerExecutable } from '../runtime/temporal-executables';
import { pool } from './stats';

/** The case's first two decisions and the task each one leads to; the shift chief's close ends it. */
export const STEPS = [
  { by: 'community_staff', action: 'resolve', data: { result: '已修复', photos: ['after.jpg'] }, next: 'Task_FieldCheck', nextBy: 'grid_worker' },
  { by: 'grid_worker', action: 'pass', data: {}, next: 'Task_Close', nextBy: 'shift_chief' },
];

export const CASE_INPUT = { category: 'road-damage', gridCode: 'G-A1-01', location: '基准测试路1号', description: '基准测试', source: 'grid' };

export interface WhistleStackOptions {
  /** Temporary folder for the dev server's SQLite file and, without databaseUrl, PGlite's data. */
  dir: string;
  /** PostgreSQL connection string; absent = PGlite in dir. */
  databaseUrl?: string;
  /** false when the benchmark runs the worker itself (in another process); default true. */
  worker?: boolean;
}

export interface RoundResult {
  seconds: number;
  /** Per case: start over HTTP until the first task is in the inbox, ms. */
  visible: number[];
  /** Per completion: the action over HTTP until the next task is in the inbox, ms. */
  next: number[];
}

export interface WhistleStack {
  env: TestWorkflowEnvironment;
  database: Database;
  worker?: Worker;
  tokens: Record<string, string>;
  call(path: string, token: string | null, body?: unknown): Promise<Record<string, unknown>>;
  /** Starts one case over HTTP as the grid worker; returns its instance id. */
  startCase(): Promise<string>;
  /** Polls the inbox of `as` until the instance has an available task at stepId; returns its id. */
  waitForTask(instanceId: string, stepId: string, as: string): Promise<string>;
  /** Benchmark 1's Shanzhi round: n cases, at most `concurrency` in flight, each from start to close. */
  round(n: number, concurrency: number): Promise<RoundResult>;
  close(): Promise<void>;
}

export async function startWhistleStack(options: WhistleStackOptions): Promise<WhistleStack> {
  const { dir } = options;
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: devServerExecutable(), dbFilename: join(dir, 'temporal.db'), extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL'] } });
  const database = await openDatabase(options.databaseUrl ? { url: options.databaseUrl } : { dataDir: join(dir, 'pglite') });
  await database.migrate();
  await seedProcesses(database.db);
  await seedDemo(database.db);
  const worker = options.worker === false ? undefined
    : await createWorker({ connection: env.nativeConnection, namespace: 'default', db: database.db, notifier: new LogNotifier() });
  const run = worker?.run();
  const app = createApp({
    db: database.db, temporal: env.client, clock: { now: async () => new Date() }, jwtSecret: 'bench-secret-bench-secret-bench-secret',
    ping: { db: () => database.ping(), temporal: async () => undefined }, log: () => undefined,
  });
  const server: Server = await new Promise((resolve) => { const s = createServer(app).listen(0, () => resolve(s)); });
  const call = jsonCaller(`http://127.0.0.1:${(server.address() as { port: number }).port}/api`);
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
  const startCase = async () => {
    const { instanceId } = await call('/processes/whistle-escalation/instances', tokens.grid_worker, { input: CASE_INPUT }) as { instanceId: string };
    return instanceId;
  };

  const round = async (n: number, concurrency: number): Promise<RoundResult> => {
    const visible: number[] = [];
    const next: number[] = [];
    const started = performance.now();
    await pool(n, concurrency, async () => {
      const t0 = performance.now();
      const instanceId = await startCase();
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

  return {
    env, database, worker, tokens, call, startCase, waitForTask, round,
    async close() {
      server.close();
      worker?.shutdown();
      await run;
      await env.teardown();
      await database.close();
    },
  };
}
