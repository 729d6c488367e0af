// The Shanzhi load of the benchmarks that measure one part in this process (audit append, worker memory): a Temporal
// dev server, the database (migrated, seeded), a Shanzhi worker in this process (unless the benchmark runs its
// own), the API on a free port, and a round of N cases driven by benchmark 1's clerks (bench/e2e-clients.ts: start
// over HTTP, act on each task once it is in the inbox, until the shift chief closes the case).
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
import { CASE_INPUT, CASE_STEPS, ShanzhiClerks, type CaseTimings } from './e2e-clients';

export { CASE_INPUT };

/** The case's first two decisions and the task each one leads to; the shift chief's close ends it. */
export const STEPS = CASE_STEPS.slice(0, -1).map((step, i) => ({ ...step, next: CASE_STEPS[i + 1].stepId, nextBy: CASE_STEPS[i + 1].by }));

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

  // Polled with a backing-off pause, as benchmark 1's clerks do: a tight loop of many clients only measures the polls.
  const waitForTask = async (instanceId: string, stepId: string, as: string) => {
    for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
      const page = await call(`/tasks?scope=available&instanceId=${instanceId}`, tokens[as]) as { items: Array<{ taskId: string; stepId: string }> };
      const task = page.items.find((t) => t.stepId === stepId);
      if (task) return task.taskId;
      await new Promise((r) => setTimeout(r, pause));
    }
  };
  const startCase = async () => {
    const { instanceId } = await call('/processes/whistle-escalation/instances', tokens.grid_worker, { input: CASE_INPUT }) as { instanceId: string };
    return instanceId;
  };

  const clerks = new ShanzhiClerks(call, tokens);
  const round = async (n: number, concurrency: number): Promise<RoundResult> => {
    const cases: CaseTimings[] = [];
    const started = performance.now();
    await pool(n, concurrency, async () => { cases.push(await clerks.runCase()); });
    return { seconds: (performance.now() - started) / 1000, visible: cases.map((c) => c.visible), next: cases.flatMap((c) => c.next) };
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
