// Benchmark 5: timers at scale. BENCH_N open instances whose deadlines are spread uniformly over BENCH_SPREAD_S
// seconds; fire lag = wall clock when the deadline's handling started in the worker − the scheduled deadline.
// Shanzhi: a human task (the real primitive) whose deadline is moved at once to its instant (the extension path); the
// lag is taken when the escalation activity (expireTask: task row timed out + audit event) starts, and again when it
// has committed. Bare Temporal: a workflow that sleeps until the instant, then runs an activity that takes the wall
// clock. Same dev server, same worker, one phase after the other (bare first).
// Each phase first runs a small calibration batch (deadline "now") to learn how fast instances start and fire here;
// the common t0 of the spread is then set far enough ahead that every instance is started and waiting before it.
// Each side also reports its CPU per deadline by process over the burst, and where its lag went, read from a sample of
// histories (the timer fired late, the workflow task waited in the queue, or its run took long until the handling).
//   npm run bench:timers         (BENCH_N, default 5000; BENCH_SPREAD_S, default 60 per 5,000; BENCH_CONCURRENCY, default 20;
//                                 WORKER_MAX_CACHED_WORKFLOWS, default the real worker's: half the heap at 0.5 MiB each)
import type { WorkflowHandle } from '@temporalio/client';
import { percentile, pool } from './stats';
import { appendResult } from './report';
import { benchN, scaled, settingsInEnvironment } from './settings';
import { peerContext, sampleLoad, startPeerStack } from './peer-engine';
import { PEER_TASK_QUEUE } from './peer-workflow';
import { defaultCacheSize } from '../worker/create-worker';
import { cpuPer, pidsNamed, readCpu, type CpuReading } from './cpu-usage';

const N = benchN(5000);
// The spread keeps its proportion to N (60 s for 5,000), so a small trial asks for the same burst rate, 83 a second.
const SPREAD_MS = scaled('BENCH_SPREAD_S', 60, N, 5000, 5) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
// The real worker's cache (worker/create-worker.ts: half the heap at 0.5 MiB a workflow, about 4,000 on a 4 GiB heap)
// unless WORKER_MAX_CACHED_WORKFLOWS is set. Until 2026-12-06 this benchmark capped it at a fifth of the instances,
// from when a workflow cost 2 MiB and the SDK's default filled the heap; evicted instances replay when they fire.
const CACHE = process.env.WORKER_MAX_CACHED_WORKFLOWS ? Number(process.env.WORKER_MAX_CACHED_WORKFLOWS) : defaultCacheSize();
const CALIBRATION = Math.min(N, 200);

type Kind = 'bare' | 'shanzhi';

interface Phase {
  kind: Kind;
  leadMs: number;
  startSeconds: number;
  /** Instances whose deadline was set in the workflow only after it was due (Shanzhi; bare: start returned after it). */
  lateStarts: number;
  lag: number[];
  /** Shanzhi only: until the timeout row and its audit event are committed. */
  committedLag: number[];
  /** CPU ms per deadline by process, from just before the first deadline to the last instance closed (the worker runs in this process). */
  cpu: Record<string, number>;
  /** Median ms of each stage of the lag, read from a sample of histories (lagStages). */
  stages: Record<string, number>;
}

/** The Temporal server, PostgreSQL (every backend) and this process (the worker, and the clients waiting). */
const cpuNow = (): CpuReading => {
  const { clients, ...servers } = readCpu({ temporal: { pids: () => pidsNamed('temporal') }, postgres: { pids: () => pidsNamed('postgres') } });
  return { ...servers, worker: clients };
};

const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

function shuffled(n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

async function main(): Promise<void> {
  const ready = new Map<string, number>();
  const fired = new Map<string, number>();
  const committed = new Map<string, number>();
  const first = (map: Map<string, number>, key: string, at: number) => { if (!map.has(key)) map.set(key, at); };
  const stack = await startPeerStack('timers', {
    rescheduled: (id, at) => first(ready, id, at),
    expiring: (id, at) => first(fired, id, at),
    expired: (id, at) => first(committed, id, at),
    stamp: (id, at) => first(fired, id, at),
  }, { maxCachedWorkflows: CACHE });
  const client = stack.env.client;
  const load = sampleLoad();

  const start = (kind: Kind, id: string, dueAt: number): Promise<WorkflowHandle> => (kind === 'bare'
    ? client.workflow.start('bareDeadline', { taskQueue: PEER_TASK_QUEUE, workflowId: id, args: [{ key: id, dueAt }] })
    : client.workflow.start('peerDeadline', { taskQueue: PEER_TASK_QUEUE, workflowId: id, args: [{ ctx: peerContext(id), dueAt }] }));
  /**
   * Where the lag goes, from the histories of a sample of instances (server event times, and the worker's clock for
   * the handling): the timer fired late (the server's timer queue), the workflow task waited to be picked up (the
   * task queue: pollers and slots), ran until the handling started (the worker: activation, and the local activity's
   * wait for the database), each as a median over the sample.
   */
  const lagStages = async (ids: string[], dueOf: Map<string, number>, handled: Map<string, number>): Promise<Record<string, number>> => {
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 100)) === 0);
    const timerLate: number[] = [];
    const taskWait: number[] = [];
    const toHandling: number[] = [];
    for (const id of sample) {
      const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
      const at = (e: (typeof events)[number]) => Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);
      const firedIndex = events.findIndex((e) => e.timerFiredEventAttributes);
      if (firedIndex < 0) continue;
      const started = events.slice(firedIndex).find((e) => e.workflowTaskStartedEventAttributes);
      if (!started) continue;
      timerLate.push(at(events[firedIndex]) - dueOf.get(id)!);
      taskWait.push(at(started) - at(events[firedIndex]));
      toHandling.push(handled.get(id)! - at(started));
    }
    return { timerLate: percentile(timerLate, 50), taskWait: percentile(taskWait, 50), toHandling: percentile(toHandling, 50) };
  };
  const allFired = async (ids: string[], giveUp: number) => {
    while (ids.some((id) => !fired.has(id))) {
      if (Date.now() > giveUp) throw new Error(`${ids.filter((id) => !fired.has(id)).length} deadlines never fired`);
      await sleepMs(200);
    }
  };

  const runPhase = async (kind: Kind): Promise<Phase> => {
    // Calibration: instances due at once, started and fired end to end; the lead is 1.2 times what N of them would take
    // (a calibration instance also fires and closes, so starting alone is cheaper still).
    const calibration = Array.from({ length: CALIBRATION }, (_, i) => `${kind}-calibration-${process.pid}-${i}`);
    const calibrating = performance.now();
    const calibrationHandles: WorkflowHandle[] = [];
    await pool(CALIBRATION, CONCURRENCY, async (i) => { calibrationHandles[i] = await start(kind, calibration[i], Date.now()); });
    await allFired(calibration, Date.now() + 600_000);
    await pool(CALIBRATION, CONCURRENCY, async (i) => { await calibrationHandles[i].result(); });
    const leadMs = Math.max(15_000, Math.round(((performance.now() - calibrating) * N * 1.2) / CALIBRATION));

    const ids = Array.from({ length: N }, (_, i) => `${kind}-timer-${process.pid}-${i}`);
    const t0 = Date.now() + leadMs;
    const due = Array.from({ length: N }, (_, k) => t0 + Math.floor(((k + Math.random()) * SPREAD_MS) / N));
    const owner = shuffled(N); // deadline k belongs to instance owner[k]: no link between start order and deadline
    const dueOf = new Map(owner.map((i, k) => [ids[i], due[k]]));
    const handles: WorkflowHandle[] = [];
    let lateStarts = 0;
    const starting = performance.now();
    await pool(N, CONCURRENCY, async (i) => {
      handles[i] = await start(kind, ids[i], dueOf.get(ids[i])!);
      if (kind === 'bare' && Date.now() > dueOf.get(ids[i])!) lateStarts++;
    });
    const startSeconds = (performance.now() - starting) / 1000;
    console.log(`${kind}: lead ${(leadMs / 1000).toFixed(0)} s from a calibration of ${CALIBRATION}; ${N} started in ${startSeconds.toFixed(1)} s; first deadline in ${((t0 - Date.now()) / 1000).toFixed(0)} s`);

    // CPU is read over the burst alone: once every Shanzhi instance has set its deadline, from just before the first.
    while (kind === 'shanzhi' && ids.some((id) => !ready.has(id)) && Date.now() < t0 - 1_000) await sleepMs(200);
    await sleepMs(t0 - 500 - Date.now());
    const cpuBefore = cpuNow();
    const burstFrom = process.hrtime.bigint() / 1000n;
    await allFired(ids, due[N - 1] + 600_000);
    await pool(N, CONCURRENCY, async (i) => { await handles[i].result(); });
    const cpu = cpuPer(cpuBefore, cpuNow(), N);
    // The burst's bounds on the monotonic clock V8's CPU profiles count in (µs), to cut a `--cpu-prof` profile to it.
    console.log(`${kind}: burst from ${burstFrom} to ${process.hrtime.bigint() / 1000n} µs (monotonic); CPU ms per deadline ${JSON.stringify(cpu)}`);
    if (kind === 'shanzhi') lateStarts = ids.filter((id) => ready.get(id)! > dueOf.get(id)!).length;
    const stages = await lagStages(ids, dueOf, fired);
    const lag = ids.map((id) => fired.get(id)! - dueOf.get(id)!);
    const committedLag = kind === 'shanzhi' ? ids.map((id) => committed.get(id)! - dueOf.get(id)!) : [];
    return { kind, leadMs, startSeconds, lateStarts, lag, committedLag, cpu, stages };
  };

  let bare: Phase;
  let shanzhi: Phase;
  try {
    bare = await runPhase('bare');
    shanzhi = await runPhase('shanzhi');
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const stats = (lag: number[]) => ({ p50: percentile(lag, 50), p99: percentile(lag, 99), max: Math.max(...lag), min: Math.min(...lag) });
  const result = {
    loadAverage: load(), instances: N, spreadSeconds: SPREAD_MS / 1000, concurrency: CONCURRENCY, cache: CACHE,
    bare: { ...stats(bare.lag), leadSeconds: bare.leadMs / 1000, startSeconds: bare.startSeconds, lateStarts: bare.lateStarts },
    shanzhi: { ...stats(shanzhi.lag), leadSeconds: shanzhi.leadMs / 1000, startSeconds: shanzhi.startSeconds, lateStarts: shanzhi.lateStarts },
    shanzhiCommitted: stats(shanzhi.committedLag),
    cpuPerDeadline: { bare: bare.cpu, shanzhi: shanzhi.cpu },
    lagStages: { bare: bare.stages, shanzhi: shanzhi.stages },
  };
  console.log(JSON.stringify(result, null, 2));
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const fmtStages = (st: Record<string, number>) => `${ms(st.timerLate)} / ${ms(st.taskWait)} / ${ms(st.toHandling)}`;
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
  appendResult('Timers at scale: deadlines vs bare Temporal timers (benchmark 5)', [...settingsInEnvironment(), 'npm run bench:timers'].join(' '), [
    `${N} open instances per side, deadlines spread uniformly over ${SPREAD_MS / 1000} s, same Temporal dev server (SQLite) and worker `
      + `(workflow cache ${CACHE}${N > CACHE ? ', so most instances are replayed when their timer fires' : ''}), PostgreSQL; bare phase first, then Shanzhi; `
      + `mean 1-minute load average during the run ${result.loadAverage.toFixed(1)}.`,
    '',
    '| side | fire lag p50 | p99 | max | all started in (lead before the first deadline) | deadline set after it was due |',
    '|---|---|---|---|---|---|',
    `| bare Temporal (sleep, then an activity) | ${ms(result.bare.p50)} | ${ms(result.bare.p99)} | ${ms(result.bare.max)} | ${bare.startSeconds.toFixed(0)} s (${(bare.leadMs / 1000).toFixed(0)} s) | ${bare.lateStarts} |`,
    `| Shanzhi (human-task deadline → escalation activity starts) | ${ms(result.shanzhi.p50)} | ${ms(result.shanzhi.p99)} | ${ms(result.shanzhi.max)} | ${shanzhi.startSeconds.toFixed(0)} s (${(shanzhi.leadMs / 1000).toFixed(0)} s) | ${shanzhi.lateStarts} |`,
    `| Shanzhi, until the timeout row and audit event are committed | ${ms(result.shanzhiCommitted.p50)} | ${ms(result.shanzhiCommitted.p99)} | ${ms(result.shanzhiCommitted.max)} | | |`,
    `| ratio Shanzhi ÷ bare (handling starts) | ${ratio(result.shanzhi.p50, result.bare.p50)} | ${ratio(result.shanzhi.p99, result.bare.p99)} | ${ratio(result.shanzhi.max, result.bare.max)} | | |`,
    '',
    `Where the lag goes (median over a sample of ${Math.min(N, 100)} histories per side: the timer fired after its instant / the workflow task then waited to be picked up / from its start until the handling started): `
      + `bare ${fmtStages(bare.stages)}; Shanzhi ${fmtStages(shanzhi.stages)}.`,
    '',
    `CPU ms per deadline by process, from just before the first deadline until every instance had closed: `
      + `bare ${Object.entries(bare.cpu).map(([k, v]) => `${k} ${v}`).join(', ')}; Shanzhi ${Object.entries(shanzhi.cpu).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    'Fire lag is the worker\'s wall clock when the deadline\'s activity starts minus the scheduled instant (workflow-time '
      + '`Date.now()` would only be the workflow task\'s start). Every instance is started with its instant before the '
      + 'first deadline (t0 after a lead calibrated on a small batch); a Shanzhi instance registers itself, opens its '
      + 'task (inbox row, audit event) and moves the deadline to the instant through the primitive\'s extension path, and '
      + 'its escalation writes the timed-out row and a hash-chained audit event and closes the instance. The bare '
      + 'workflows run in the same worker but load none of Shanzhi\'s modules (each workflow has its own module cache).',
  ]);
  await stack.stop();
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
