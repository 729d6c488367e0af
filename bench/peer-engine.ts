// Benchmark 4: the same small process (start → user task with a one-hour boundary timer → end) in bpmn-engine —
// in memory, and durable (its state saved to PostgreSQL at the wait and recovered from it to complete) — against
// Shanzhi (the real human-task primitive on Temporal, completed through the API's task path). Alternating rounds;
// throughput is the median round, latencies are pooled over all rounds.
//   npm run bench:peer           (BENCH_N instances per contender, default 3000, split over BENCH_ROUNDS, default 3;
//                                 BENCH_CONCURRENCY, default 50; DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// The Shanzhi database and the peer's state table live in a scratch database created on that server and dropped at the end.
import { EventEmitter, once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Pool } from 'pg';
import { BpmnModdle } from 'bpmn-moddle';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { Worker } from '@temporalio/worker';
import { bundleWorkflows, defaultCacheSize } from '../worker/create-worker';
import { withoutPromiseStacks } from '../worker/promise-stacks';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { openDatabase, type Database } from '../db/client';
import { createActivities } from '../activities';
import { LogNotifier } from '../activities/notifier';
import { DbCreditRegistry } from '../activities/credit-registry';
import { DEFAULT_SESSION_LIMITS, SessionStore } from '../api/auth/sessions';
import { OrgTree } from '../api/org/org-tree';
import { systemClock, type AppContext } from '../api/context';
import { actOnTask } from '../api/tasks/act-on-task';
import type { Actor } from '../domain/actor';
import { WHISTLE_KEY } from '../domain/processes/whistle-escalation';
import type { InstanceContext } from '../workflows/lib/instance';
import { devServerExecutable } from '../runtime/temporal-executables';
import { median, percentile, pool } from './stats';
import { appendResult } from './report';
import { benchN, benchRounds, settingsInEnvironment } from './settings';
import { PEER_ORG_UNIT, PEER_TASK_QUEUE, type BenchActivities } from './peer-workflow';

// bpmn-engine and bpmn-elements publish ESM type declarations for their CommonJS builds (lib/index.cjs): load the builds.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Engine } = require('bpmn-engine') as typeof import('bpmn-engine', { with: { 'resolution-mode': 'import' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const elements = require('bpmn-elements') as Record<string, unknown>;

export const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Hooks into the real activities, called in the worker process: the moment a row is committed or a handler starts. */
export interface StackHooks {
  opened?: (instanceId: string, taskId: string) => void;
  rescheduled?: (instanceId: string, at: number) => void;
  expiring?: (instanceId: string, at: number) => void;
  expired?: (instanceId: string, at: number) => void;
  stamp?: (key: string, at: number) => void;
}

export interface PeerStack {
  env: TestWorkflowEnvironment;
  database: Database;
  url: string;
  worker: Worker;
  stop(): Promise<void>;
}

/**
 * A Temporal dev server (SQLite file, as in benchmark 1), a scratch PostgreSQL database with Shanzhi's migrations,
 * and one worker with the settings of worker/create-worker.ts running the bench workflows and the real activities.
 */
export async function startPeerStack(name: string, hooks: StackHooks, options: { maxCachedWorkflows?: number } = {}): Promise<PeerStack> {
  const dir = mkdtempSync(join(tmpdir(), `shanzhi-bench-${name}-`));
  const dbName = `shanzhi_bench_${name}_${process.pid}`;
  const admin = new Pool({ connectionString: BASE_URL, max: 1 });
  await admin.query(`drop database if exists ${dbName}`);
  await admin.query(`create database ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString() });
  await database.migrate();
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: devServerExecutable(), dbFilename: join(dir, 'temporal.db'), extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL'] } });
  const real = createActivities({ db: database.db, notifier: new LogNotifier() });
  const stamp: BenchActivities['stamp'] = async (key) => { hooks.stamp?.(key, Date.now()); };
  // As the real worker, without per-promise stack traces (worker/promise-stacks.ts), for both sides of the benchmarks.
  const worker = await withoutPromiseStacks(async () => Worker.create({
    connection: env.nativeConnection, namespace: 'default', taskQueue: PEER_TASK_QUEUE,
    // As the real worker: WORKER_MAX_CACHED_WORKFLOWS when set, else its default (half the heap at 0.5 MiB a workflow).
    maxCachedWorkflows: options.maxCachedWorkflows ?? (process.env.WORKER_MAX_CACHED_WORKFLOWS ? Number(process.env.WORKER_MAX_CACHED_WORKFLOWS) : defaultCacheSize()),
    workflowBundle: await bundleWorkflows(require.resolve('./peer-workflow')),
    activities: {
      ...real,
      stamp,
      async openTask(args: Parameters<typeof real.openTask>[0]) {
        await real.openTask(args);
        hooks.opened?.(args.instanceId, args.taskId);
      },
      async rescheduleTask(args: Parameters<typeof real.rescheduleTask>[0]) {
        await real.rescheduleTask(args);
        hooks.rescheduled?.(args.instanceId, Date.now());
      },
      // Cases since the step-batching patches write their steps through one local activity: the same hooks, by write.
      async recordStep(args: Parameters<typeof real.recordStep>[0]) {
        for (const write of args.writes) if (write.kind === 'expire') hooks.expiring?.(write.args.instanceId, Date.now());
        await real.recordStep(args);
        const now = Date.now();
        for (const write of args.writes) {
          if (write.kind === 'open') hooks.opened?.(write.args.instanceId, write.args.taskId);
          if (write.kind === 'reschedule') hooks.rescheduled?.(write.args.instanceId, now);
          if (write.kind === 'expire') hooks.expired?.(write.args.instanceId, now);
        }
      },
      async expireTask(args: Parameters<typeof real.expireTask>[0]) {
        hooks.expiring?.(args.instanceId, Date.now());
        await real.expireTask(args);
        hooks.expired?.(args.instanceId, Date.now());
      },
    },
  }));
  const running = worker.run();
  return {
    env, database, url: url.toString(), worker,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await database.close();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Samples the 1-minute load average every 5 s: the machine is shared, so each report says how busy it was. */
export function sampleLoad(): () => number {
  const samples = [loadavg()[0]];
  const timer = setInterval(() => samples.push(loadavg()[0]), 5000);
  return () => {
    clearInterval(timer);
    return samples.reduce((a, b) => a + b, 0) / samples.length;
  };
}

/** The context of one bench instance: a whistle-escalation case in community A1, so the API's task path applies. */
export function peerContext(instanceId: string): InstanceContext {
  return {
    instanceId, processKey: WHISTLE_KEY, processVersion: 1, title: '基准测试：单个待办',
    startedBy: { id: 'bench-grid', name: '基准网格员', role: 'grid_worker', orgUnitId: 'grid-a1-1' },
    orgPath: ['grid-a1-1', PEER_ORG_UNIT],
  };
}

// start → userTask (boundary timer PT1H → late end) → end
const SOURCE = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Defs_Peer" targetNamespace="http://shanzhi.bench">
  <process id="Process_Peer" isExecutable="true">
    <startEvent id="StartEvent" />
    <sequenceFlow id="Flow_1" sourceRef="StartEvent" targetRef="Task_User" />
    <userTask id="Task_User" />
    <boundaryEvent id="Timer_Deadline" attachedToRef="Task_User" cancelActivity="true">
      <timerEventDefinition><timeDuration xsi:type="tFormalExpression">PT1H</timeDuration></timerEventDefinition>
    </boundaryEvent>
    <sequenceFlow id="Flow_2" sourceRef="Task_User" targetRef="EndEvent_Done" />
    <sequenceFlow id="Flow_3" sourceRef="Timer_Deadline" targetRef="EndEvent_Late" />
    <endEvent id="EndEvent_Done" />
    <endEvent id="EndEvent_Late" />
  </process>
</definitions>`;

interface Round { seconds: number; wait: number[]; end: number[] }
type Contender = (round: number, count: number) => Promise<Round>;

async function timed(count: number, concurrency: number, instance: (i: number, wait: number[], end: number[]) => Promise<void>): Promise<Round> {
  const wait: number[] = [];
  const end: number[] = [];
  const started = performance.now();
  await pool(count, concurrency, (i) => instance(i, wait, end));
  return { seconds: (performance.now() - started) / 1000, wait, end };
}

async function main(): Promise<void> {
  const N = benchN(3000);
  const ROUNDS = benchRounds(3);
  const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
  const perRound = Math.ceil(N / ROUNDS);
  const load = sampleLoad();

  // Parsed once and handed to every engine as a serialized context: bpmn-engine's documented fast path.
  const sourceContext = serializer(await new BpmnModdle().fromXML(SOURCE) as never, TypeResolver(elements as never));

  const opened = new Map<string, (taskId: string) => void>();
  const stack = await startPeerStack('peer', { opened: (instanceId, taskId) => opened.get(instanceId)?.(taskId) });
  const { env, database } = stack;
  const pg = new Pool({ connectionString: stack.url, max: 10 });
  await pg.query('create table bench_bpmn_engine_state (id text primary key, state jsonb not null, updated_at timestamptz not null default now())');

  const memory: Contender = (round, count) => timed(count, CONCURRENCY, async (i, wait, end) => {
    const t0 = performance.now();
    const listener = new EventEmitter();
    const waiting = once(listener, 'wait');
    const engine = new Engine({ name: `mem-${round}-${i}`, sourceContext });
    const execution = await engine.execute({ listener });
    await waiting;
    const t1 = performance.now();
    wait.push(t1 - t0);
    const ended = engine.waitFor('end');
    execution.signal({ id: 'Task_User' });
    await ended;
    end.push(performance.now() - t1);
  });

  const durable: Contender = (round, count) => timed(count, CONCURRENCY, async (i, wait, end) => {
    const id = `durable-${round}-${i}`;
    const t0 = performance.now();
    const listener = new EventEmitter();
    const waiting = once(listener, 'wait');
    const engine = new Engine({ name: id, sourceContext });
    await engine.execute({ listener });
    await waiting;
    await pg.query('insert into bench_bpmn_engine_state (id, state) values ($1, $2)', [id, JSON.stringify(await engine.getState())]);
    await engine.stop(); // the process may now forget the instance: only the row remembers it
    const t1 = performance.now();
    wait.push(t1 - t0);

    const { rows } = await pg.query<{ state: object }>('select state from bench_bpmn_engine_state where id = $1', [id]);
    const recovered = new Engine({ name: id }).recover(rows[0].state);
    const listener2 = new EventEmitter();
    const waitingAgain = once(listener2, 'wait');
    const execution = await recovered.resume({ listener: listener2 });
    await waitingAgain;
    const ended = recovered.waitFor('end');
    execution.signal({ id: 'Task_User' });
    await ended;
    await pg.query('update bench_bpmn_engine_state set state = $2, updated_at = now() where id = $1', [id, JSON.stringify(await recovered.getState())]);
    end.push(performance.now() - t1);
  });

  const orgTree = new OrgTree(database.db);
  const api: AppContext = {
    db: database.db, temporal: env.client, clock: systemClock, jwtSecret: 'bench-secret-bench-secret-bench-secret',
    ping: { db: () => database.ping(), temporal: async () => undefined }, orgTree, log: () => undefined,
    creditRegistry: new DbCreditRegistry(database.db),
    sessions: new SessionStore(database.db, 'bench-secret-bench-secret-bench-secret', orgTree, { limits: DEFAULT_SESSION_LIMITS, adminTotpRequired: false }),
  };
  const clerk: Actor = { id: 'bench-community', name: '基准社区工作人员', roles: ['community_staff'], orgUnitId: PEER_ORG_UNIT, scopeOrgUnitIds: [PEER_ORG_UNIT] };
  const shanzhi: Contender = (round, count) => timed(count, CONCURRENCY, async (i, wait, end) => {
    const id = `peer-${round}-${i}-${process.pid}`;
    const taskOpened = new Promise<string>((resolve) => opened.set(id, resolve));
    const t0 = performance.now();
    const handle = await env.client.workflow.start('peerUserTask', { taskQueue: PEER_TASK_QUEUE, workflowId: id, args: [{ ctx: peerContext(id) }] });
    const taskId = await taskOpened; // the inbox row and its audit event are committed
    opened.delete(id);
    const t1 = performance.now();
    wait.push(t1 - t0);
    await actOnTask(api, clerk, taskId, 'resolve', { result: '已办结', photos: ['after.jpg'] });
    if (await handle.result() !== 'completed') throw new Error(`${id} did not complete`);
    end.push(performance.now() - t1);
  });

  const contenders: Array<[string, Contender]> = [['memory', memory], ['durable', durable], ['shanzhi', shanzhi]];
  const rounds = new Map<string, Round[]>(contenders.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = contenders.map((_, k) => contenders[(k + round) % contenders.length]);
    const line: string[] = [];
    for (const [name, run] of order) {
      const r = await run(round, perRound);
      rounds.get(name)!.push(r);
      line.push(`${name} ${(perRound / r.seconds).toFixed(1)}/s`);
    }
    console.log(`round ${round + 1}: ${line.join(', ')}`);
  }

  const summary = (name: string) => {
    const rs = rounds.get(name)!;
    const wait = rs.flatMap((r) => r.wait);
    const end = rs.flatMap((r) => r.end);
    return {
      perSecond: median(rs.map((r) => perRound / r.seconds)),
      wait: { p50: percentile(wait, 50), p99: percentile(wait, 99) },
      end: { p50: percentile(end, 50), p99: percentile(end, 99) },
    };
  };
  const result = { loadAverage: load(), n: perRound * ROUNDS, rounds: ROUNDS, concurrency: CONCURRENCY, memory: summary('memory'), durable: summary('durable'), shanzhi: summary('shanzhi') };
  console.log(JSON.stringify(result, null, 2));
  const ms = (v: number) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
  const row = (label: string, s: ReturnType<typeof summary>) =>
    `| ${label} | ${s.perSecond.toFixed(1)} | ${ms(s.wait.p50)} / ${ms(s.wait.p99)} ms | ${ms(s.end.p50)} / ${ms(s.end.p99)} ms | ${s === result.shanzhi ? '—' : (result.shanzhi.perSecond / s.perSecond).toFixed(2)} |`;
  appendResult('Peer engine: bpmn-engine vs Shanzhi (benchmark 4)', [...settingsInEnvironment(), 'npm run bench:peer'].join(' '), [
    `${result.n} instances per contender (${ROUNDS} alternating rounds of ${perRound}), ${CONCURRENCY} in flight, PostgreSQL, Temporal dev server (SQLite) on the same machine; bpmn-engine ${bpmnEngineVersion()}; mean 1-minute load average during the run ${result.loadAverage.toFixed(1)}.`,
    '',
    '| contender | instances/s (median round) | start→wait p50 / p99 | complete→end p50 / p99 | Shanzhi ÷ this |',
    '|---|---|---|---|---|',
    row('bpmn-engine in memory', result.memory),
    row('bpmn-engine durable (state in PostgreSQL at the wait)', result.durable),
    row('Shanzhi (human-task primitive on Temporal)', result.shanzhi),
    '',
    'The process is start → user task with a one-hour boundary timer → end. "Wait" is the user task waiting: for the '
      + 'durable peer once its state row is saved, for Shanzhi once the inbox row and its audit event are committed; "end" '
      + 'runs from the completion call to the end (the peer loads, recovers and resumes its state and saves the final one; '
      + 'Shanzhi goes through the API\'s task path — inbox checks, then the validated Update — and closes the instance). '
      + 'Per instance Shanzhi writes the instance, the task row and four hash-chained audit events and survives a crash of '
      + 'any process; the durable peer writes one JSON state row twice and has no audit, timer service or locking across '
      + 'processes (its timer lives in the process that resumed it); the in-memory peer survives nothing.',
  ]);

  await pg.query('drop table bench_bpmn_engine_state');
  await pg.end();
  await stack.stop();
}

function bpmnEngineVersion(): string {
  // The package exports no subpaths: read its package.json next to the CommonJS build (lib/index.cjs).
  return (JSON.parse(readFileSync(join(dirname(require.resolve('bpmn-engine')), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

if (require.main === module) main().catch((error: unknown) => { console.error(error); process.exit(1); });
