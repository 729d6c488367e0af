// Connects to Temporal in one of three wirings: an existing cluster (TEMPORAL_ADDRESS), the embedded dev server
// persisted under .data/ with its Web UI, or the time-skipping test server (simulation mode and tests).
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Simulation } from '../domain/clock';
import type { Config } from './config';
import { devServerExecutable, testServerExecutable } from './temporal-executables';
import { startingAt } from './fake-start-time';

export interface TemporalHandle {
  client: Client;
  nativeConnection: NativeConnection;
  namespace: string;
  address: string;
  webUi?: string;
  clock: Clock;
  simulation?: Simulation;
  ping(): Promise<void>;
  close(): Promise<void>;
}

function fromEnvironment(env: TestWorkflowEnvironment, namespace: string, address: string, webUi?: string, simulated = false): TemporalHandle {
  return {
    client: env.client,
    nativeConnection: env.nativeConnection,
    namespace,
    address,
    webUi,
    clock: simulated ? { now: async () => new Date(await env.currentTimeMs()) } : { now: async () => new Date() },
    simulation: simulated ? { advance: async (ms) => { await env.sleep(ms); return new Date(await env.currentTimeMs()); } } : undefined,
    ping: async () => { await env.connection.workflowService.getSystemInfo({}); },
    close: () => env.teardown(),
  };
}

/**
 * The SDK's client pings its server every 30 s. The time-skipping test server (grpc-java) allows a ping only every
 * five minutes without data between them and, after the third, sends GOAWAY ("too many pings") and drops the
 * connection with whatever calls were on it: a clerk's Update waiting on a busy worker, a skip of the clock. On a
 * loaded CI machine a test file can wait that long, and its next calls failed (a 503, a test that hung). The server is
 * a child process on this machine, so the client here pings rarely. `createTimeSkipping` takes no connection
 * options; the environment's own factory (private in its typings, used as it is in this SDK version) does.
 */
async function createTimeSkipping(executable: ReturnType<typeof testServerExecutable>): Promise<TestWorkflowEnvironment> {
  const factory = TestWorkflowEnvironment as unknown as {
    create(options: {
      server: { type: 'time-skipping'; executable: typeof executable };
      supportsTimeSkipping: true;
      connectionOptions: { channelArgs: Record<string, number> };
    }): Promise<TestWorkflowEnvironment>;
  };
  return factory.create({
    server: { type: 'time-skipping', executable },
    supportsTimeSkipping: true,
    connectionOptions: { channelArgs: { 'grpc.keepalive_time_ms': 10 * 60_000, 'grpc.keepalive_permit_without_calls': 0 } },
  });
}

/** The time-skipping test server; `startAt` starts its clock on that instant instead of now (see fake-start-time.ts). */
export async function startTimeSkipping(options: { startAt?: Date } = {}): Promise<TemporalHandle> {
  const { startAt } = options;
  const executable = startAt ? startingAt(testServerExecutable(), startAt) : testServerExecutable();
  const env = await createTimeSkipping(executable);
  if (startAt) {
    const behind = startAt.getTime() - await env.currentTimeMs();
    if (behind > 0) await env.sleep(behind);
  }
  return fromEnvironment(env, 'default', 'time-skipping test server', undefined, true);
}

export async function connectTemporal(config: Config): Promise<TemporalHandle> {
  const { temporal } = config;
  if (temporal.address) {
    const options = { address: temporal.address, tls: temporal.tls ? { clientCertPair: { crt: Buffer.from(temporal.tls.cert), key: Buffer.from(temporal.tls.key) } } : undefined, apiKey: temporal.apiKey };
    const connection = await Connection.connect(options);
    const nativeConnection = await NativeConnection.connect(options);
    return {
      client: new Client({ connection, namespace: temporal.namespace }),
      nativeConnection,
      namespace: temporal.namespace,
      address: temporal.address,
      clock: { now: async () => new Date() },
      ping: async () => { await connection.workflowService.getSystemInfo({}); },
      close: async () => { await nativeConnection.close(); await connection.close(); },
    };
  }
  if (config.simulation) return startTimeSkipping();
  mkdirSync(config.dataDir, { recursive: true });
  const env = await startDevServer({
    server: {
      executable: devServerExecutable(),
      dbFilename: join(config.dataDir, 'temporal.db'),
      namespace: temporal.namespace,
      port: temporal.port,
      ui: true,
      uiPort: temporal.uiPort,
      extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL'],
    },
  });
  return fromEnvironment(env, temporal.namespace, `127.0.0.1:${temporal.port}`, `http://localhost:${temporal.uiPort}`);
}

/** How many times a dev server that does not answer within the SDK's fixed five seconds is started afresh. */
const DEV_SERVER_ATTEMPTS = 3;

/**
 * The SDK gives the dev server five seconds to answer and then kills it. On a busy two-core machine (a test
 * suite beside it, a large SQLite file to open) that is sometimes too short, so a slow start is tried again;
 * any other failure (a port in use, a missing executable) is thrown at once.
 */
async function startDevServer(options: Parameters<typeof TestWorkflowEnvironment.createLocal>[0]): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createLocal(options);
    } catch (error) {
      if (attempt >= DEV_SERVER_ATTEMPTS || !/did not start within/.test(String(error))) throw error;
      console.warn(`[temporal] the dev server was slow to start (attempt ${attempt} of ${DEV_SERVER_ATTEMPTS}); starting it again`);
    }
  }
}
