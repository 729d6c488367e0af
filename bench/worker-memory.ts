// Benchmark 6: worker memory and workflow-cache eviction. The Shanzhi worker runs in its own process
// (`node --import tsx worker/main.ts`, configured by env like `npm run worker`) against a dev server and a fresh
// PostgreSQL database this benchmark creates; the API runs in this process (bench/whistle-load.ts).
// Memory: the worker's RSS idle after start-up, then with BENCH_OPEN whistle-escalation cases all waiting at their
// first human task (the cache holds them all); RSS per open instance = (after − idle) / open.
// Eviction: a second worker process with a small cache (BENCH_EVICT_CACHE workflows). The same transition (the
// field check passes → the shift chief's task is in the inbox) is timed on cases touched just before (cached) and
// on cases last touched hundreds of cases ago (evicted: the worker replays the history first), interleaved.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:memory
//     (runs in a fresh database shanzhi_bench_memory, dropped afterwards; BENCH_N (or BENCH_OPEN) open cases, default 2000;
//      BENCH_SAMPLES completions of each kind, default a tenth of them)
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { tasks } from '../db/schema';
import { PROJECT_ROOT } from '../runtime/config';
import { median, percentile, pool } from './stats';
import { appendResult } from './report';
import { benchN, scaled, settingsInEnvironment } from './settings';
import { STEPS, startWhistleStack, type WhistleStack } from './whistle-load';
import { freshPostgres } from './fresh-database';

const OPEN = benchN(2000, 'BENCH_OPEN');
const SAMPLES = scaled('BENCH_SAMPLES', 200, OPEN, 2000, 20);
const EVICT_CACHE = Number(process.env.BENCH_EVICT_CACHE ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const WARMUP = 20;
/** The worker's V8 heap limit: at 1.4–2 MiB per cached workflow, 2,000 cached ones come close to Node's default (~4 GiB here). */
const WORKER_HEAP_MIB = Number(process.env.BENCH_WORKER_HEAP_MIB ?? 8192);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * VmRSS of the worker's node process, in MiB. tsx compiles through an esbuild service in a child process; that
 * helper is not part of a production worker (built code needs no tsx) and is not counted.
 */
function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** The median of five readings a second apart, after `settleMs`: RSS moves with the garbage collector. */
async function steadyRss(pid: number, settleMs: number): Promise<number> {
  await guard(sleep(settleMs));
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) { readings.push(rssMiB(pid)); await guard(sleep(1000)); }
  return median(readings);
}

interface WorkerProcess { child: ChildProcess; stop(): Promise<void> }

/** Rejects when a worker process exits without the benchmark stopping it, so no wait below hangs on a dead worker. */
let workerExited: (error: Error) => void = () => undefined;
const workerFailure = new Promise<never>((_, reject) => { workerExited = reject; });
workerFailure.catch(() => undefined);
const guard = <T>(work: Promise<T>): Promise<T> => Promise.race([work, workerFailure]);

/** Starts `worker/main.ts` as its own node process and resolves once it polls the task queue. */
async function startWorkerProcess(env: Record<string, string>, logFile: string): Promise<WorkerProcess> {
  // `npm run worker` without npm and tsx's CLI in between, so child.pid is the worker's own node process. It runs
  // from worker/ as `main.ts`: on a shared machine, a broad `pkill -f worker/main.ts` meant for other workers
  // stopped this one twice mid-run.
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: join(PROJECT_ROOT, 'worker'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A failed run must not leave the worker behind.
  process.once('exit', () => { child.kill('SIGKILL'); });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stderr!.pipe(log);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    if (!stopping) workerExited(new Error(`the worker process ${child.pid} exited unexpectedly (${signal ?? `code ${code}`}); see ${logFile}`));
    resolve();
  }));
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes('[worker] polling task queue')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before polling; see ${logFile}`)));
  });
  return { child, stop: async () => { stopping = true; child.kill('SIGTERM'); await exited; } };
}

async function openFirstTasks(stack: WhistleStack, ids: string[]): Promise<void> {
  const chunk = 500;
  for (;;) {
    let open = 0;
    for (let i = 0; i < ids.length; i += chunk) {
      const [row] = await stack.database.db.select({ n: sql<number>`count(*)::int` }).from(tasks)
        .where(and(eq(tasks.stepId, 'Task_CommunityHandle'), eq(tasks.status, 'open'), inArray(tasks.instanceId, ids.slice(i, i + chunk))));
      open += row.n;
    }
    if (open === ids.length) return;
    await guard(sleep(1000));
  }
}

async function startCases(stack: WhistleStack, count: number): Promise<{ ids: string[]; seconds: number }> {
  const ids: string[] = [];
  const started = performance.now();
  await pool(count, CONCURRENCY, async () => { ids.push(await stack.startCase()); });
  await openFirstTasks(stack, ids);
  return { ids, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('benchmark 6 runs the worker in its own process, so it needs PostgreSQL: set DATABASE_URL');
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-memory-'));
  const fresh = await freshPostgres(process.env.DATABASE_URL, 'shanzhi_bench_memory');
  const stack = await startWhistleStack({ dir, databaseUrl: fresh.url, worker: false });
  try {
    await measure(dir, fresh.url, stack);
  } finally {
    await stack.close();
    await fresh.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(dir: string, databaseUrl: string, stack: WhistleStack): Promise<void> {
  const workerEnv = (cache: number) => ({
    TEMPORAL_ADDRESS: stack.env.address, DATABASE_URL: databaseUrl, SHANZHI_DATA_DIR: join(dir, 'worker-data'),
    WORKER_MAX_CACHED_WORKFLOWS: String(cache), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${WORKER_HEAP_MIB}`.trim(),
  });
  const logFile = join(dir, 'worker.log');
  const { tokens, call } = stack;
  const waitForTask = (id: string, stepId: string, as: string) => guard(stack.waitForTask(id, stepId, as));
  const act = (taskId: string, step: (typeof STEPS)[number]) => call(`/tasks/${taskId}/actions`, tokens[step.by], { action: step.action, data: step.data });

  // Memory: a cache big enough for every open case.
  const big = await startWorkerProcess(workerEnv(OPEN + 100), logFile);
  const idle = await steadyRss(big.child.pid!, 10_000);
  console.log(`worker pid ${big.child.pid}: idle RSS ${idle.toFixed(0)} MiB`);
  const tenth = Math.round(OPEN / 10);
  const first = await startCases(stack, tenth);
  const atTenth = await steadyRss(big.child.pid!, 10_000);
  console.log(`RSS with ${tenth} open: ${atTenth.toFixed(0)} MiB`);
  const opened = await startCases(stack, OPEN - tenth);
  console.log(`${OPEN} cases waiting at their first task after ${(first.seconds + opened.seconds).toFixed(0)} s of starts`);
  const loaded = await steadyRss(big.child.pid!, 10_000);
  console.log(`RSS with ${OPEN} open: ${loaded.toFixed(0)} MiB`);
  await big.stop();

  // Eviction: a small cache; evicted cases had their first step long before, cached ones just before.
  const small = await startWorkerProcess(workerEnv(EVICT_CACHE), logFile);
  const { ids } = await startCases(stack, 2 * (SAMPLES + WARMUP));
  const evictedIds = ids.slice(0, SAMPLES + WARMUP);
  const cachedIds = ids.slice(SAMPLES + WARMUP);
  const firstStep = async (id: string) => {
    await act(await waitForTask(id, 'Task_CommunityHandle', STEPS[0].by), STEPS[0]);
    return waitForTask(id, STEPS[0].next, STEPS[0].nextBy);
  };
  const fieldChecks = new Map<string, string>();
  await pool(evictedIds.length, 5, async (i) => { fieldChecks.set(evictedIds[i], await firstStep(evictedIds[i])); });
  const timeSecondStep = async (id: string, taskId: string) => {
    await sleep(100);
    const t0 = performance.now();
    await act(taskId, STEPS[1]);
    await waitForTask(id, STEPS[1].next, STEPS[1].nextBy);
    return performance.now() - t0;
  };
  const evicted: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    const e = await timeSecondStep(evictedIds[i], fieldChecks.get(evictedIds[i])!);
    const c = await timeSecondStep(cachedIds[i], await firstStep(cachedIds[i]));
    if (i >= WARMUP) { evicted.push(e); cached.push(c); }
  }
  await small.stop();

  const result = {
    database: 'postgres', open: OPEN,
    rssMiB: {
      idle, atTenth, withOpen: loaded,
      perOpenInstanceKiB: ((loaded - idle) * 1024) / OPEN,
      /** The slope between a tenth and all of them open: without start-up's one-off costs (JIT, pools, buffers). */
      marginalPerOpenInstanceKiB: ((loaded - atTenth) * 1024) / (OPEN - tenth),
    },
    startSeconds: first.seconds + opened.seconds,
    completionMs: {
      cached: { p50: percentile(cached, 50), p99: percentile(cached, 99) },
      evicted: { p50: percentile(evicted, 50), p99: percentile(evicted, 99) },
    },
    samples: SAMPLES, evictCache: EVICT_CACHE, workerHeapMiB: WORKER_HEAP_MIB,
  };
  console.log(JSON.stringify(result, null, 2));
  const c = result.completionMs;
  appendResult('Worker memory and cache eviction (benchmark 6)', ['DATABASE_URL=postgres://…', ...settingsInEnvironment(), 'npm run bench:memory'].join(' '), [
    `| worker RSS idle | with ${tenth} open | with ${OPEN} open | per open instance (from idle) | per open instance (${tenth}→${OPEN}) | completion, cached p50 / p99 | completion, evicted p50 / p99 | evicted ÷ cached (p50) |`,
    `|---|---|---|---|---|---|---|---|`,
    `| ${idle.toFixed(0)} MiB | ${atTenth.toFixed(0)} MiB | ${loaded.toFixed(0)} MiB | ${result.rssMiB.perOpenInstanceKiB.toFixed(0)} KiB | ${result.rssMiB.marginalPerOpenInstanceKiB.toFixed(0)} KiB | ${c.cached.p50.toFixed(0)} / ${c.cached.p99.toFixed(0)} ms | ${c.evicted.p50.toFixed(0)} / ${c.evicted.p99.toFixed(0)} ms | ${(c.evicted.p50 / c.cached.p50).toFixed(2)} |`,
    '',
    `RSS is the worker's node process's VmRSS (tsx's esbuild helper process not counted; median of five readings, 10 s after start-up and after the open whistle cases all waited at their first task, every one in its workflow cache; ` +
    `worker heap limit ${WORKER_HEAP_MIB} MiB, Node's default here is ${(getHeapStatistics().heap_size_limit / 2 ** 20).toFixed(0)} MiB); ` +
    `the ${tenth}→${OPEN} slope leaves out start-up's one-off growth (JIT, connection pools). ` +
    `Completion is the field-check "pass" over HTTP until the shift chief's task is in the inbox, ${SAMPLES} of each interleaved, on a worker with a ${EVICT_CACHE}-workflow cache: ` +
    'cached cases had their previous step just before, evicted ones hundreds of cases earlier, so the worker fetches and replays their history first.',
  ]);
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
