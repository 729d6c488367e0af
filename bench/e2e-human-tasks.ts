// Benchmark 1: end-to-end human tasks vs bare Temporal, each side laid out as in production and driven the same way.
// Shanzhi: on PostgreSQL (DATABASE_URL) an API process and a worker process (`api/main.ts`, `worker/main.ts`); on
// PGlite the embedded stack in one process (`scripts/start.ts`, as `npm start`). Clients in this process start a
// whistle-escalation case over HTTP and take it through three human tasks (community resolves, field check passes,
// shift chief closes), acting on the task each answer names (bench/e2e-clients.ts). The bare peer: a workflow taking
// three Updates, its worker in a process of its own, measured two ways — Updates straight from a Temporal client
// (the peer never waits for anything to become visible) and through a minimal HTTP endpoint in its own process.
// Alternating rounds on one Temporal dev server; the median rounds give the ratios. Beside them, where the time
// goes: history events per decision from a sample of cases, and what the database did per decision.
//   npm run bench:e2e   (BENCH_N cases per round, default 2000; BENCH_ROUNDS, default 3; BENCH_CONCURRENCY, default 50;
//                        BENCH_SAMPLE cases whose histories are counted, default 20. BENCH_N=100 BENCH_ROUNDS=1 is a
//                        trial of a few minutes that prints the same JSON)
//   DATABASE_URL=postgres://… npm run bench:e2e   (PostgreSQL: a fresh database shanzhi_bench_e2e, dropped afterwards)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { median, percentile, pool } from './stats';
import { appendResult } from './report';
import { freshPostgres } from './fresh-database';
import { jsonCaller, type JsonCall } from './json-client';
import { startCluster } from './reliability/cluster';
import { Part, freePort, waitForPort } from './reliability/processes';
import { ShanzhiClerks, bareDirectCase, bareHttpCase, CASE_STEPS, type CaseTimings } from './e2e-clients';
import { historyCounts, perDecision, SqlCounters, sqlPerDecision, type SqlSnapshot } from './e2e-breakdown';
import { cpuPer, pidsNamed, readCpu, type CpuReading, type CpuSource } from './cpu-usage';
import { bundleWorkflows } from '../worker/create-worker';

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 20);
const DECISIONS = CASE_STEPS.length;

interface Layout {
  database: 'postgres' | 'pglite';
  temporalAddress: string;
  apiBase: string;
  /** The Shanzhi database's URL, for its statistics (PostgreSQL only). */
  databaseUrl?: string;
  parts: Part[];
  dir: string;
  close(): Promise<void>;
}

/** PostgreSQL: the dev server, an API process and a worker process (bench/reliability/cluster.ts). */
async function separateProcesses(adminUrl: string): Promise<Layout> {
  const fresh = await freshPostgres(adminUrl, 'shanzhi_bench_e2e');
  const parts: Part[] = [];
  const cluster = await startCluster(fresh.url, parts);
  const { api, worker } = await cluster.startWorkerAndApi();
  await worker.printed(/polling task queue/);
  return {
    database: 'postgres', temporalAddress: cluster.temporalAddress, apiBase: `${api.base}/api`, databaseUrl: fresh.url, parts, dir: cluster.dir,
    close: async () => { await cluster.close(); await fresh.drop(); },
  };
}

/** PGlite: the embedded stack in one process of its own, as `npm start` runs it, with its own dev server. */
async function embeddedProcess(): Promise<Layout> {
  const dir = join(await import('node:os').then((os) => os.tmpdir()), `shanzhi-bench-e2e-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const bundlePath = join(dir, 'workflows.js');
  writeFileSync(bundlePath, (await bundleWorkflows()).code);
  const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  const stack = new Part('shanzhi', process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    NODE_ENV: 'development', SHANZHI_DATA_DIR: join(dir, 'data'), PORT: String(port), TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort), SHANZHI_WORKFLOW_BUNDLE: bundlePath, SHANZHI_JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    TEMPORAL_ADDRESS: '',
  }, join(dir, 'shanzhi.log'));
  const parts = [stack];
  process.once('exit', () => { for (const part of parts) part.killNow(); });
  stack.start();
  await stack.printed(/Shanzhi is running/, 300_000);
  return {
    database: 'pglite', temporalAddress: `127.0.0.1:${temporalPort}`, apiBase: `http://127.0.0.1:${port}/api`, parts, dir,
    close: async () => { for (const part of parts) await part.stop(); },
  };
}

/** The bare peer's worker and HTTP endpoint, each a process, on the layout's dev server. */
async function barePeer(layout: Layout): Promise<JsonCall> {
  const env = { TEMPORAL_ADDRESS: layout.temporalAddress };
  const worker = new Part('bare-worker', process.execPath, ['--import', 'tsx', 'bench/bare-peer.ts', 'worker'], env, join(layout.dir, 'bare-worker.log'));
  const port = await freePort();
  const http = new Part('bare-http', process.execPath, ['--import', 'tsx', 'bench/bare-peer.ts', 'http'], { ...env, PORT: String(port) }, join(layout.dir, 'bare-http.log'));
  layout.parts.push(worker, http);
  worker.start();
  http.start();
  await worker.printed(/polling task queue/);
  await waitForPort(port);
  return jsonCaller(`http://127.0.0.1:${port}`);
}

interface ShanzhiRound { seconds: number; cases: CaseTimings[]; instanceIds: string[]; sql?: Record<string, number>; cpu: Record<string, number> }

/** Every process of the run whose CPU time is read per round: Shanzhi's and the peer's parts by pid, the servers by name. */
function cpuSources(layout: Layout): Record<string, CpuSource> {
  const sources: Record<string, CpuSource> = { temporal: { pids: () => pidsNamed('temporal') } };
  if (layout.database === 'postgres') sources.postgres = { pids: () => pidsNamed('postgres') };
  for (const part of layout.parts) if (part.name !== 'temporal') sources[part.name] = { pids: () => [part.pid] };
  return sources;
}

async function main(): Promise<void> {
  const layout = process.env.DATABASE_URL ? await separateProcesses(process.env.DATABASE_URL) : await embeddedProcess();
  const bareCall = await barePeer(layout);
  const temporal = new Client({ connection: await Connection.connect({ address: layout.temporalAddress }), namespace: 'default' });
  const call = jsonCaller(layout.apiBase);
  const tokens: Record<string, string> = {};
  for (const u of ['grid_worker', 'community_staff', 'shift_chief']) tokens[u] = String((await call('/auth/login', null, { username: u, password: 'demo123' })).token);
  const clerks = new ShanzhiClerks(call, tokens);
  const sql = layout.databaseUrl ? await SqlCounters.open(layout.databaseUrl) : undefined;
  const sources = cpuSources(layout);
  const cpuNow = (): CpuReading => readCpu(sources);

  const shanzhiRound = async (): Promise<ShanzhiRound> => {
    const before: SqlSnapshot | undefined = await sql?.snapshot();
    const cases: CaseTimings[] = [];
    const instanceIds: string[] = [];
    const cpuBefore = cpuNow();
    const started = performance.now();
    await pool(N, CONCURRENCY, async () => { cases.push(await clerks.runCase()); });
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuPer(cpuBefore, cpuNow(), N * DECISIONS);
    const after = await sql?.snapshot();
    // The newest closed cases, for their histories.
    const listed = temporal.workflow.list({ query: `WorkflowType = 'whistleEscalation' AND ExecutionStatus = 'Completed'`, pageSize: SAMPLE });
    for await (const execution of listed) { instanceIds.push(execution.workflowId); if (instanceIds.length >= SAMPLE) break; }
    return { seconds, cases, instanceIds, sql: before && after ? sqlPerDecision(before, after, N * DECISIONS) : undefined, cpu };
  };
  const bareCpu: Array<Record<string, number>> = [];
  const bareDirectRound = async (round: number) => {
    const started = performance.now();
    await pool(N, CONCURRENCY, (i) => bareDirectCase(temporal, `bare-${process.pid}-${round}-${i}`));
    return (performance.now() - started) / 1000;
  };
  const bareHttpRound = async () => {
    const cpuBefore = cpuNow();
    const started = performance.now();
    await pool(N, CONCURRENCY, () => bareHttpCase(bareCall));
    const seconds = (performance.now() - started) / 1000;
    bareCpu.push(cpuPer(cpuBefore, cpuNow(), N * DECISIONS));
    return seconds;
  };

  const shanzhi: ShanzhiRound[] = [];
  const direct: number[] = [];
  const http: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    shanzhi.push(await shanzhiRound());
    direct.push(await bareDirectRound(round));
    http.push(await bareHttpRound());
    console.log(`round ${round + 1}: shanzhi ${shanzhi[round].seconds.toFixed(1)} s, bare direct ${direct[round].toFixed(1)} s, bare over HTTP ${http[round].toFixed(1)} s`);
  }

  const sampleIds = shanzhi.at(-1)!.instanceIds;
  const bareIds = Array.from({ length: Math.min(SAMPLE, N) }, (_, i) => `bare-${process.pid}-${ROUNDS - 1}-${i}`);
  const rate = (seconds: number) => N / seconds;
  const cases = shanzhi.flatMap((r) => r.cases);
  const visible = cases.map((c) => c.visible);
  const next = cases.flatMap((c) => c.next);
  const result = {
    cases: N, rounds: ROUNDS, concurrency: CONCURRENCY, database: layout.database,
    layout: layout.database === 'postgres' ? 'API and worker processes' : 'embedded stack process',
    shanzhiCasesPerSecond: rate(median(shanzhi.map((r) => r.seconds))),
    bareDirectCasesPerSecond: rate(median(direct)),
    bareHttpCasesPerSecond: rate(median(http)),
    ratioToBareDirect: median(direct) / median(shanzhi.map((r) => r.seconds)),
    ratioToBareHttp: median(http) / median(shanzhi.map((r) => r.seconds)),
    roundSeconds: { shanzhi: shanzhi.map((r) => r.seconds), bareDirect: direct, bareHttp: http },
    startToTaskVisibleMs: { p50: percentile(visible, 50), p99: percentile(visible, 99) },
    completeToNextTaskMs: { p50: percentile(next, 50), p99: percentile(next, 99) },
    inboxReadsPerCase: cases.reduce((n, c) => n + c.inboxReads, 0) / cases.length,
    tasksFromNext: cases.reduce((n, c) => n + c.fromNext, 0) / (cases.length * DECISIONS),
    decisionsRetriedAfter503: cases.reduce((n, c) => n + c.retried, 0),
    perDecision: {
      shanzhi: perDecision(await historyCounts(temporal, sampleIds), DECISIONS),
      bare: perDecision(await historyCounts(temporal, bareIds), DECISIONS),
      sql: shanzhi.at(-1)!.sql,
      /** CPU ms per decision by process, in the last round of each side (the bare peer over HTTP). */
      cpuMs: { shanzhi: shanzhi.at(-1)!.cpu, bareHttp: bareCpu.at(-1)! },
    },
    sqlSource: sql ? (sql.hasStatements ? 'pg_stat_statements' : 'pg_stat_database and pg_stat_user_tables (pg_stat_statements not preloaded)') : 'PGlite: not counted',
    topStatements: await sql?.top() ?? [],
  };
  console.log(JSON.stringify(result, null, 2));

  const settings = [
    process.env.DATABASE_URL ? 'DATABASE_URL=postgres://…' : '',
    process.env.BENCH_N ? `BENCH_N=${N}` : '',
    process.env.BENCH_CONCURRENCY ? `BENCH_CONCURRENCY=${CONCURRENCY}` : '',
    process.env.BENCH_ROUNDS ? `BENCH_ROUNDS=${ROUNDS}` : '',
  ].filter(Boolean);
  const cpuText = (cpu: Record<string, number>) => Object.entries(cpu).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(', ');
  const ms = (p: { p50: number; p99: number }) => `${p.p50.toFixed(0)} / ${p.p99.toFixed(0)} ms`;
  const s = result.perDecision.shanzhi;
  const b = result.perDecision.bare;
  const q = result.perDecision.sql;
  appendResult('End-to-end human tasks vs bare Temporal (benchmark 1)', [...settings, 'npm run bench:e2e'].join(' '), [
    '| database (layout) | cases × rounds | concurrency | Shanzhi cases/s | bare over HTTP | bare direct | ratio to bare over HTTP | ratio to bare direct | start→task visible p50 / p99 | complete→next task p50 / p99 | per decision: workflow tasks / activities / timers (bare) | per decision: SQL |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    `| ${result.database} (${result.layout}) | ${N} × ${ROUNDS} | ${CONCURRENCY} | ${result.shanzhiCasesPerSecond.toFixed(1)} | ${result.bareHttpCasesPerSecond.toFixed(1)} | ${result.bareDirectCasesPerSecond.toFixed(1)} | **${result.ratioToBareHttp.toFixed(2)}** | ${result.ratioToBareDirect.toFixed(2)} | ${ms(result.startToTaskVisibleMs)} | ${ms(result.completeToNextTaskMs)} | ${s.workflowTasks} / ${s.activities} / ${s.timers} (${b.workflowTasks} / ${b.activities} / ${b.timers}) | ${q ? Object.entries(q).map(([k, v]) => `${v} ${k}`).join(', ') : '—'} |`,
    '',
    `CPU ms per decision by process (last round): Shanzhi ${cpuText(result.perDecision.cpuMs.shanzhi)}; bare over HTTP ${cpuText(result.perDecision.cpuMs.bareHttp)}.`,
    '',
    `Rounds (s): Shanzhi ${result.roundSeconds.shanzhi.map((x) => x.toFixed(0)).join(', ')}; bare over HTTP ${http.map((x) => x.toFixed(0)).join(', ')}; bare direct ${direct.map((x) => x.toFixed(0)).join(', ')}. `
    + `Inbox reads per case ${result.inboxReadsPerCase.toFixed(1)}; tasks named by the action's answer (\`next\`) ${(result.tasksFromNext * 100).toFixed(0)} %; decisions sent again after a 503 ${result.decisionsRetriedAfter503}. SQL: ${result.sqlSource}.`,
  ]);

  await temporal.connection.close();
  await layout.close();
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
