// What one human step costs (issue 17): a few whistle cases driven through the API (start, community resolves, field
// check passes, shift chief closes), then, per human step, the workflow tasks, activities (normal and local) and
// timers read from each case's history, and the transactions and SQL statements the worker's activities issued
// (counted by a drizzle logger and a wrapper on `transaction` around the worker's database handle), and the API's
// statements beside them (its own handle's logger; logins included).
//   npx tsx bench/step-cost.ts                 (BENCH_N cases, default 5; PGlite in a temporary folder)
//   DATABASE_URL=postgres://… npx tsx bench/step-cost.ts   (a fresh database shanzhi_bench_steps, dropped afterwards)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Logger } from 'drizzle-orm';
import { Pool } from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Db } from '../db/client';
import * as schema from '../db/schema';
import { seedDemo, seedProcesses } from '../db/seed';
import { createApp } from '../api/app';
import { createWorker } from '../worker/create-worker';
import { LogNotifier } from '../activities/notifier';
import { devServerExecutable } from '../runtime/temporal-executables';
import { jsonCaller } from './json-client';
import { CASE_INPUT, STEPS } from './whistle-load';
import { freshPostgres } from './fresh-database';

const N = Number(process.env.BENCH_N ?? 5);
/** Human steps per case: community handles, field check, close. */
const HUMAN_STEPS = 3;
const migrationsFolder = join(__dirname, '..', 'migrations');

interface Counts { statements: number; transactions: number; apiStatements: number }

/** BENCH_LOG_SQL=1: every statement is printed as it is issued, marked by who issued it (for reading a step's SQL). */
const LOG_SQL = process.env.BENCH_LOG_SQL === '1';

/** Two handles on one database: a plain one for the API and set-up, and the worker's, which counts what it issues. */
async function openCounted(dir: string, counts: Counts) {
  const logger: Logger = { logQuery: (query) => { counts.statements++; if (LOG_SQL) console.log('worker:', query.slice(0, 200)); } };
  const apiLogger: Logger = { logQuery: (query) => { counts.apiStatements++; if (LOG_SQL) console.log('api:', query.slice(0, 200)); } };
  const countTransactions = (db: Db): Db => new Proxy(db, {
    get(target, key, receiver) {
      if (key !== 'transaction') return Reflect.get(target, key, receiver) as unknown;
      return (...args: Parameters<Db['transaction']>) => { counts.transactions++; return target.transaction(...args); };
    },
  });
  if (process.env.DATABASE_URL) {
    const fresh = await freshPostgres(process.env.DATABASE_URL, 'shanzhi_bench_steps');
    const pool = new Pool({ connectionString: fresh.url, max: 10 });
    await migratePg(drizzlePg(pool), { migrationsFolder });
    return {
      kind: 'postgres', plain: drizzlePg(pool, { schema }) as unknown as Db, api: drizzlePg(pool, { schema, logger: apiLogger }) as unknown as Db, counted: countTransactions(drizzlePg(pool, { schema, logger }) as unknown as Db),
      close: async () => { await pool.end(); await fresh.drop(); },
    };
  }
  const client = await PGlite.create(join(dir, 'pglite'));
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  return {
    kind: 'pglite', plain: drizzlePglite(client, { schema }) as unknown as Db, api: drizzlePglite(client, { schema, logger: apiLogger }) as unknown as Db, counted: countTransactions(drizzlePglite(client, { schema, logger }) as unknown as Db),
    close: () => client.close(),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-step-cost-'));
  const counts: Counts = { statements: 0, transactions: 0, apiStatements: 0 };
  const database = await openCounted(dir, counts);
  await seedProcesses(database.plain);
  await seedDemo(database.plain);
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: devServerExecutable(), dbFilename: join(dir, 'temporal.db') } });
  const worker = await createWorker({ connection: env.nativeConnection, namespace: 'default', db: database.counted, notifier: new LogNotifier() });
  const run = worker.run();
  const app = createApp({
    db: database.api, temporal: env.client, clock: { now: async () => new Date() }, jwtSecret: 'bench-secret-bench-secret-bench-secret',
    ping: { db: async () => undefined, temporal: async () => undefined }, log: () => undefined,
  });
  const server: Server = await new Promise((resolve) => { const s = createServer(app).listen(0, () => resolve(s)); });
  const call = jsonCaller(`http://127.0.0.1:${(server.address() as { port: number }).port}/api`);
  const tokens: Record<string, string> = {};
  for (const u of ['grid_worker', 'community_staff', 'shift_chief']) tokens[u] = String((await call('/auth/login', null, { username: u, password: 'demo123' })).token);

  /** The task the answer names, or (before the answer named them) the one the inbox shows once it is written. */
  const nextTask = async (answer: Record<string, unknown> | null, instanceId: string, stepId: string, as: string): Promise<string> => {
    const named = (answer?.next as Array<{ taskId: string; stepId: string }> | undefined)?.find((t) => t.stepId === stepId);
    if (named) return named.taskId;
    for (;;) {
      const page = await call(`/tasks?scope=available&instanceId=${instanceId}`, tokens[as]) as { items: Array<{ taskId: string; stepId: string }> };
      const task = page.items.find((t) => t.stepId === stepId);
      if (task) return task.taskId;
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  const ids: string[] = [];
  for (let i = 0; i < N; i++) {
    const { instanceId } = await call('/processes/whistle-escalation/instances', tokens.grid_worker, { input: CASE_INPUT }) as { instanceId: string };
    ids.push(instanceId);
    let taskId = await nextTask(null, instanceId, 'Task_CommunityHandle', 'community_staff');
    for (const step of STEPS) {
      const answer = await call(`/tasks/${taskId}/actions`, tokens[step.by], { action: step.action, data: step.data });
      taskId = await nextTask(answer, instanceId, step.next, step.nextBy);
    }
    await call(`/tasks/${taskId}/actions`, tokens.shift_chief, { action: 'close', data: {} });
    await env.client.workflow.getHandle(instanceId).result();
  }

  const history = { workflowTasks: 0, activities: 0, localActivities: 0, timersStarted: 0, timersCancelled: 0 };
  for (const id of ids) {
    for (const event of (await env.client.workflow.getHandle(id).fetchHistory()).events ?? []) {
      if (event.workflowTaskCompletedEventAttributes) history.workflowTasks++;
      if (event.activityTaskScheduledEventAttributes) history.activities++;
      if (event.markerRecordedEventAttributes?.markerName === 'core_local_activity') history.localActivities++;
      if (event.timerStartedEventAttributes) history.timersStarted++;
      if (event.timerCanceledEventAttributes) history.timersCancelled++;
    }
  }
  const perStep = (n: number) => Number((n / (N * HUMAN_STEPS)).toFixed(2));
  console.log(JSON.stringify({
    cases: N, humanStepsPerCase: HUMAN_STEPS, database: database.kind,
    total: { ...history, transactions: counts.transactions, statements: counts.statements },
    perHumanStep: {
      workflowTasks: perStep(history.workflowTasks), activities: perStep(history.activities), localActivities: perStep(history.localActivities),
      timersStarted: perStep(history.timersStarted), timersCancelled: perStep(history.timersCancelled),
      transactions: perStep(counts.transactions), statements: perStep(counts.statements), apiStatements: perStep(counts.apiStatements),
    },
    note: 'total sums every case; perHumanStep divides the whole case (start and close included) by its human steps',
  }, null, 2));

  server.close();
  worker.shutdown();
  await run;
  await env.teardown();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
