// Assembles the running system from its parts: database (migrated, seeded), Temporal, worker and API.
// `npm start` runs all of them in one process; `npm run worker` and `npm run api` run one part each.
import type { Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { openDatabase, type Database } from '../db/client';
import { useHashForNewChains } from '../db/chain-hash';
import { seedCatalogs, seedDemo, seedProcesses } from '../db/seed';
import { seedDemoSubjects } from '../db/demo-subjects';
import { bootstrapProduction } from '../db/bootstrap';
import { createApp } from '../api/app';
import { createWorker } from '../worker/create-worker';
import { HttpGatewayNotifier, LogNotifier, type Notifier } from '../activities/notifier';
import { HttpCreditRegistry } from '../activities/credit-registry';
import { HttpEnforcementPlatform } from '../activities/enforcement-platform';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { AUDIT_CHECKPOINTS_WORKFLOW_ID, TASK_QUEUE } from '../workflows/lib/messages';
import type { Config } from './config';
import { PROJECT_ROOT } from './config';
import { connectTemporal, type TemporalHandle } from './temporal';
import { jwtSecretFor } from './secret';
import { CheckpointWriter } from '../audit/checkpoint-writer';
import { fileCheckpointSource } from '../audit/checkpoint-source';

export type Log = (line: string) => void;

export async function openDatabaseFor(config: Config, log: Log): Promise<Database> {
  // Before anything is appended (the bootstrap writes the security log's first events).
  useHashForNewChains(config.auditHash);
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'pglite') });
  await database.exclusively(async () => {
    await database.migrate();
    await seedProcesses(database.db);
    await seedCatalogs(database.db);
    if (config.production) {
      const { bootstrapped } = await bootstrapProduction(database.db, config.bootstrapPassword);
      if (bootstrapped) log('[db] bootstrapped: root unit and the accounts sysadmin, secadmin, auditadmin (change their passwords at first sign-in)');
    } else {
      const { seeded } = await seedDemo(database.db);
      if (seeded) log('[db] demo organisation, users and catalogs seeded');
      const subjects = await seedDemoSubjects(database.db);
      if (subjects.seeded > 0) log(`[db] ${subjects.seeded} demo market subjects seeded`);
    }
  }).catch(async (error: unknown) => { await database.close(); throw error; });
  return database;
}

export function notifierFor(config: Config, log: Log): Notifier {
  return config.notifyUrl ? new HttpGatewayNotifier(config.notifyUrl) : new LogNotifier(log);
}

/** Starts the checkpoint loop once per namespace; a running loop is left alone. */
async function startCheckpoints(temporal: TemporalHandle, intervalMinutes: number): Promise<void> {
  try {
    await temporal.client.workflow.start('auditCheckpoints', {
      taskQueue: TASK_QUEUE, workflowId: AUDIT_CHECKPOINTS_WORKFLOW_ID, args: [{ intervalMinutes }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

export interface RunningParts {
  database: Database;
  temporal: TemporalHandle;
  worker?: Worker;
  workerRun?: Promise<void>;
  server?: Server;
  stop(): Promise<void>;
}

export async function startParts(config: Config, parts: { worker: boolean; api: boolean }, log: Log): Promise<RunningParts> {
  const database = await openDatabaseFor(config, log);
  // Every process that appends audit events signs them soon after, and once at start-up.
  const checkpoints = new CheckpointWriter(database.db, { ...config.checkpoints, log });
  const temporal = await checkpoints.start().then(() => connectTemporal(config))
    .catch(async (error: unknown) => { await checkpoints.stop().catch(() => undefined); await database.close(); throw error; });
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let server: Server | undefined;
  const stopStarted = async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await temporal.close();
    await checkpoints.stop().catch((error: unknown) => log(`[audit] last checkpoint not written: ${(error as Error).message}`));
    await database.close();
  };
  try {
    if (parts.worker) {
      worker = await createWorker({
        connection: temporal.nativeConnection, namespace: temporal.namespace, db: database.db, notifier: notifierFor(config, log),
        checkpoints,
        maxCachedWorkflows: config.worker.maxCachedWorkflows,
        promiseStackTraces: config.worker.promiseStackTraces,
        workflowBundle: config.worker.bundlePath ? { codePath: config.worker.bundlePath } : undefined,
        creditRegistry: config.creditUrl ? new HttpCreditRegistry(config.creditUrl) : undefined,
        enforcement: config.enforcementUrl ? new HttpEnforcementPlatform(config.enforcementUrl) : undefined,
      });
      workerRun = worker.run();
      await startCheckpoints(temporal, config.checkpoints.intervalMinutes);
    }
    if (parts.api) {
      const app = createApp({
        db: database.db, temporal: temporal.client, clock: temporal.clock, simulation: temporal.simulation,
        jwtSecret: jwtSecretFor(config), production: config.production, sessionLimits: config.sessions, trustProxy: config.trustProxy, log, staticDir: join(PROJECT_ROOT, 'modeler', 'dist'),
        creditRegistry: config.creditUrl ? new HttpCreditRegistry(config.creditUrl) : undefined,
        ping: { db: () => database.ping(), temporal: () => temporal.ping() },
        checkpoints: fileCheckpointSource(config.checkpoints.dir, config.checkpoints.keyFile),
        oidc: config.oidc,
      });
      server = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(config.port, () => resolve(s));
        s.once('error', (error: NodeJS.ErrnoException) => {
          reject(error.code === 'EADDRINUSE' ? new Error(`port ${config.port} is in use: stop the other server or set PORT`) : error);
        });
      });
    }
  } catch (error) {
    // Nothing half-started is left behind: the embedded Temporal server and the database close too.
    await stopStarted();
    throw error;
  }
  let stopped = false;
  return {
    database, temporal, worker, workerRun, server,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      // The SDK shuts workers down on SIGINT/SIGTERM by itself; stopStarted only asks when it has not begun.
      await stopStarted();
    },
  };
}
