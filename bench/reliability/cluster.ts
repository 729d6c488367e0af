// The system as the reliability scripts run it: a dev server they can restart, a database migrated and seeded once,
// a prebuilt workflow bundle so a (re)started worker polls within seconds, and Shanzhi processes to spawn.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../db/client';
import { seedDemo, seedProcesses } from '../../db/seed';
import { bundleWorkflows } from '../../worker/create-worker';
import { devServer, freePort, shanzhiPart, waitForPort, type Part } from './processes';

export interface Cluster {
  dir: string;
  temporalAddress: string;
  temporal: Part;
  databaseUrl: string;
  /** The script's own connection, for setting up and for the verdict afterwards. */
  database: Database;
  /** A worker process (not yet started). */
  worker(name: string): Part;
  /** An API process on a free port (not yet started), with its base URL. */
  api(name: string): Promise<{ part: Part; base: string; port: number }>;
  /** One worker and one API process, started, with the API accepting connections. */
  startWorkerAndApi(): Promise<{ worker: Part; api: { part: Part; base: string; port: number } }>;
  close(): Promise<void>;
}

export async function startCluster(databaseUrl: string, parts: Part[] = []): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-reliability-'));
  const port = await freePort();
  const temporal = devServer(dir, port);
  parts.push(temporal);
  // However the script ends (a failed check, an exception, Ctrl-C), it leaves no server or worker behind.
  process.once('exit', () => { for (const part of parts) part.killNow(); });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  temporal.start();
  await waitForPort(port);
  const database = await openDatabase({ url: databaseUrl });
  await database.exclusively(async () => {
    await database.migrate();
    await seedProcesses(database.db);
    await seedDemo(database.db);
  });
  const bundlePath = join(dir, 'workflows.js');
  writeFileSync(bundlePath, (await bundleWorkflows()).code);
  const env = {
    TEMPORAL_ADDRESS: `127.0.0.1:${port}`, DATABASE_URL: databaseUrl, SHANZHI_DATA_DIR: join(dir, 'data'),
    SHANZHI_WORKFLOW_BUNDLE: bundlePath, SHANZHI_JWT_SECRET: 'reliability-secret-reliability-secret',
  };
  const worker = (name: string) => { const part = shanzhiPart(name, 'worker/main.ts', env, dir); parts.push(part); return part; };
  const api = async (name: string) => {
    const apiPort = await freePort();
    const part = shanzhiPart(name, 'api/main.ts', { ...env, PORT: String(apiPort) }, dir);
    parts.push(part);
    return { part, base: `http://127.0.0.1:${apiPort}`, port: apiPort };
  };
  return {
    dir, temporal, temporalAddress: env.TEMPORAL_ADDRESS, databaseUrl, database, worker, api,
    startWorkerAndApi: async () => {
      const started = { worker: worker('worker'), api: await api('api') };
      started.worker.start();
      started.api.part.start();
      await waitForPort(started.api.port);
      return started;
    },
    close: async () => {
      for (const part of parts) await part.stop();
      await database.close();
    },
  };
}
