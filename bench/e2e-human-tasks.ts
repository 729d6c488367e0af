// Benchmark 1: end-to-end human tasks vs bare Temporal on the same dev server and worker settings.
// Shanzhi: start a whistle-escalation case over HTTP, wait until each task is in the inbox, complete it over HTTP
// (community resolves, field check passes, shift chief closes) until the case is closed. Bare: a workflow waiting
// on three Updates. Alternating rounds; the median round of each is reported with the ratio.
// The Shanzhi stack and round are bench/whistle-load.ts, shared with benchmarks 3 and 6.
//   npm run bench:e2e   (BENCH_N cases per round, default 2000; BENCH_CONCURRENCY, default 50; BENCH_ROUNDS, default 3:
//                        the size, about 25 minutes here; set smaller ones for a trial run)
//   DATABASE_URL=postgres://… npm run bench:e2e   (PostgreSQL: runs in a fresh database shanzhi_bench_e2e, dropped afterwards)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { median, percentile, pool } from './stats';
import { bareStep } from './bare-workflow';
import { appendResult } from './report';
import { startWhistleStack } from './whistle-load';
import { freshPostgres } from './fresh-database';

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-'));
  const fresh = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL, 'shanzhi_bench_e2e') : undefined;
  const stack = await startWhistleStack({ dir, databaseUrl: fresh?.url });
  const { env, database } = stack;
  const bareWorker = await Worker.create({
    connection: env.nativeConnection, namespace: 'default', taskQueue: 'bench-bare',
    workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./bare-workflow') }),
  });
  const bareRun = bareWorker.run();

  const shanzhiRound = () => stack.round(N, CONCURRENCY);

  const bareRound = async () => {
    const started = performance.now();
    await pool(N, CONCURRENCY, async (i) => {
      const handle = await env.client.workflow.start('bareThreeSteps', { taskQueue: 'bench-bare', workflowId: `bare-${Date.now()}-${i}-${Math.random()}` });
      for (let s = 0; s < 3; s++) await handle.executeUpdate(bareStep);
      await handle.result();
    });
    return { seconds: (performance.now() - started) / 1000 };
  };

  const shanzhi: Array<Awaited<ReturnType<typeof shanzhiRound>>> = [];
  const bare: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    shanzhi.push(await shanzhiRound());
    bare.push((await bareRound()).seconds);
    console.log(`round ${round + 1}: shanzhi ${shanzhi[round].seconds.toFixed(1)} s, bare ${bare[round].toFixed(1)} s`);
  }
  const shanzhiSeconds = median(shanzhi.map((r) => r.seconds));
  const bareSeconds = median(bare);
  const visible = shanzhi.flatMap((r) => r.visible);
  const next = shanzhi.flatMap((r) => r.next);
  const result = {
    cases: N, concurrency: CONCURRENCY, rounds: ROUNDS, database: database.kind,
    shanzhiCasesPerSecond: N / shanzhiSeconds, bareCasesPerSecond: N / bareSeconds, ratio: (N / shanzhiSeconds) / (N / bareSeconds),
    startToTaskVisibleMs: { p50: percentile(visible, 50), p99: percentile(visible, 99) },
    completeToNextTaskMs: { p50: percentile(next, 50), p99: percentile(next, 99) },
  };
  console.log(JSON.stringify(result, null, 2));
  const settings = [
    process.env.DATABASE_URL ? 'DATABASE_URL=postgres://…' : '',
    process.env.BENCH_N ? `BENCH_N=${N}` : '',
    process.env.BENCH_CONCURRENCY ? `BENCH_CONCURRENCY=${CONCURRENCY}` : '',
    process.env.BENCH_ROUNDS ? `BENCH_ROUNDS=${ROUNDS}` : '',
  ].filter(Boolean);
  appendResult('End-to-end human tasks vs bare Temporal (benchmark 1)', [...settings, 'npm run bench:e2e'].join(' '), [
    `| database | cases × rounds | concurrency | Shanzhi cases/s | bare Temporal cases/s | ratio | start→task visible p50 / p99 | complete→next task p50 / p99 |`,
    `|---|---|---|---|---|---|---|---|`,
    `| ${result.database} | ${N} × ${ROUNDS} | ${CONCURRENCY} | ${result.shanzhiCasesPerSecond.toFixed(1)} | ${result.bareCasesPerSecond.toFixed(1)} | ${result.ratio.toFixed(2)} | ${result.startToTaskVisibleMs.p50.toFixed(0)} / ${result.startToTaskVisibleMs.p99.toFixed(0)} ms | ${result.completeToNextTaskMs.p50.toFixed(0)} / ${result.completeToNextTaskMs.p99.toFixed(0)} ms |`,
    '',
    'A Shanzhi case here is three human tasks (community resolves, field check passes, shift chief closes), each seen in the inbox over HTTP before it is completed over HTTP; the bare peer is a workflow taking three Updates on the same dev server.',
  ]);

  bareWorker.shutdown();
  await bareRun;
  await stack.close();
  await fresh?.drop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
