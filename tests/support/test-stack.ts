// The whole system in-process for tests: a time-skipping Temporal server, a real worker with the real
// activities, a fresh database and the Express app. Time moves only when a test advances it.
import request from 'supertest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from '@temporalio/worker';
import { eq, and } from 'drizzle-orm';
import { createApp } from '../../api/app';
import { createActivities } from '../../activities';
import { LogNotifier } from '../../activities/notifier';
import type { EnforcementPlatform } from '../../activities/enforcement-platform';
import type { ResultPublisher } from '../../activities/result-publisher';
import { tasks } from '../../db/schema';
import { startTimeSkipping, type TemporalHandle } from '../../runtime/temporal';
import { TASK_QUEUE } from '../../workflows/lib/messages';
import { DEMO_PASSWORD } from '../../db/demo-org';
import { createTestDatabase, type TestDatabase } from './test-database';
import { BUNDLE_PATH } from './paths';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointWriter } from '../../audit/checkpoint-writer';
import { fileCheckpointSource } from '../../audit/checkpoint-source';
import type { OidcSettings } from '../../api/auth/oidc-settings';

export interface TestStackOptions {
  /** The enforcement platform the licensing pushes go to (a test may make it fail). */
  enforcement?: EnforcementPlatform;
  /** The publicity system random-inspection results go to (a test may make it unreachable). */
  publisher?: ResultPublisher;
  /** Serve the built web app from this folder (history-API routing), as `npm start` does. */
  staticDir?: string;
  /** Listen on an ephemeral port, for browser tests; the address is `baseUrl`. */
  listen?: boolean;
  /** Sign audit checkpoints into a temporary folder (at start and after appends) and verify against them. */
  checkpoints?: boolean;
  /** Start Temporal's clock on this instant (e.g. '2026-09-01T09:00:00+08:00') for dates worked out by hand. */
  startAt?: string;
  /** Single sign-on settings (read at each request, so a test may fill in the issuer once its provider listens). */
  oidc?: OidcSettings;
}

export interface TestStack {
  app: ReturnType<typeof createApp>;
  /** `http://127.0.0.1:<port>` when started with `listen`. */
  baseUrl?: string;
  database: TestDatabase;
  temporal: TemporalHandle;
  notifier: LogNotifier;
  /** The checkpoint writer, when started with `checkpoints`. */
  checkpoints?: CheckpointWriter;
  /** Signs a demo user in and returns a bearer header value. */
  login(username: string): Promise<string>;
  /** Advances Temporal's clock (firing timers) and lets the worker settle. */
  advance(ms: number): Promise<void>;
  /** Advances Temporal's clock to an instant (ISO with offset); fails if the clock has already passed it. */
  advanceTo(instant: string): Promise<void>;
  /** Polls until the instance has an open task at the step, and returns it. */
  openTask(instanceId: string, stepId: string): Promise<typeof tasks.$inferSelect>;
  /** Stops the worker for the rest of the stack's life (what the API does with no worker to answer). */
  stopWorker(): Promise<void>;
  /** Polls until exactly `count` tasks of the step are open (parallel branches open theirs one by one). */
  openTasks(instanceId: string, stepId: string, count: number): Promise<Array<typeof tasks.$inferSelect>>;
  close(): Promise<void>;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function createTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const [temporal, database] = await Promise.all([
    startTimeSkipping({ startAt: options.startAt ? new Date(options.startAt) : undefined }), createTestDatabase(),
  ]);
  const notifier = new LogNotifier();
  const checkpointDir = options.checkpoints ? mkdtempSync(join(tmpdir(), 'shanzhi-checkpoints-')) : undefined;
  const keyFile = checkpointDir ? join(checkpointDir, 'keys', 'checkpoint-ed25519.pem') : '';
  const checkpoints = checkpointDir ? new CheckpointWriter(database.db, { dir: checkpointDir, keyFile, debounceMs: 1000, log: () => undefined }) : undefined;
  await checkpoints?.start();
  const worker = await Worker.create({
    connection: temporal.nativeConnection,
    namespace: temporal.namespace,
    taskQueue: TASK_QUEUE,
    workflowBundle: { codePath: BUNDLE_PATH },
    activities: createActivities({ db: database.db, notifier, enforcement: options.enforcement, publisher: options.publisher, checkpoints }),
  });
  const workerRun = worker.run();
  const app = createApp({
    db: database.db, temporal: temporal.client, clock: temporal.clock, simulation: temporal.simulation,
    jwtSecret: 'test-secret-test-secret-test-secret-00', log: () => undefined,
    ping: { db: () => database.ping(), temporal: () => temporal.ping() }, staticDir: options.staticDir,
    checkpoints: checkpointDir ? fileCheckpointSource(checkpointDir, keyFile) : undefined, oidc: options.oidc,
  });
  const server = options.listen
    ? await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); })
    : undefined;
  const tokens = new Map<string, string>();
  return {
    app, database, temporal, notifier, checkpoints,
    baseUrl: server ? `http://127.0.0.1:${(server.address() as AddressInfo).port}` : undefined,
    async login(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await request(app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      const bearer = `Bearer ${res.body.token}`;
      tokens.set(username, bearer);
      return bearer;
    },
    async advance(ms) {
      await temporal.simulation!.advance(ms);
    },
    async advanceTo(instant) {
      const behind = Date.parse(instant) - (await temporal.clock.now()).getTime();
      if (Number.isNaN(behind) || behind < 0) throw new Error(`the clock is already past ${instant} (scenarios of one stack run in date order)`);
      await temporal.simulation!.advance(behind);
    },
    openTask(instanceId, stepId) {
      return waitFor(async () => {
        const [row] = await database.db.select().from(tasks)
          .where(and(eq(tasks.instanceId, instanceId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));
        return row;
      }, `an open ${stepId} task on ${instanceId}`);
    },
    async stopWorker() {
      worker.shutdown();
      await workerRun;
    },
    openTasks(instanceId, stepId, count) {
      return waitFor(async () => {
        const rows = await database.db.select().from(tasks)
          .where(and(eq(tasks.instanceId, instanceId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));
        return rows.length === count ? rows : undefined;
      }, `${count} open ${stepId} tasks on ${instanceId}`);
    },
    async close() {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
      await temporal.close();
      await checkpoints?.stop();
      await database.close();
      if (checkpointDir) rmSync(checkpointDir, { recursive: true, force: true });
    },
  };
}
