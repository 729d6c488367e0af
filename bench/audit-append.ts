// Benchmark 3: the hash-chained audit append. (1) During benchmark 1's load (bench/whistle-load.ts): audit rows
// written per second, and the time each appendAudit call takes inside the transition's transaction (observed
// through auditTimings). (2) On the same database: a raw single-row INSERT loop and 100-row batched INSERTs into
// an identical table (bench_audit_copy: LIKE audit_events INCLUDING ALL, plus its foreign key to instances), and
// appendAudit in a loop, each call in its own transaction as the activities write it.
//   npm run bench:audit     (PGlite; BENCH_N cases, default 200; BENCH_CONCURRENCY, default 20; BENCH_AUDIT_ROWS per loop, default 25 per case)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:audit
//                           (PostgreSQL: runs in a fresh database shanzhi_bench_audit, dropped afterwards)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { appendAudit, auditTimings, hashEvent, type AuditInput, type AuditRow } from '../db/audit-log';
import { auditEvents, instances } from '../db/schema';
import type { Db } from '../db/client';
import { percentile } from './stats';
import { appendResult } from './report';
import { benchN, scaled, settingsInEnvironment } from './settings';
import { startWhistleStack } from './whistle-load';
import { freshPostgres, type FreshDatabase } from './fresh-database';

const N = benchN(200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
/** Rows per loop keep their proportion to the cases of the load (5,000 for 200), so a small trial stays small. */
const ROWS = scaled('BENCH_AUDIT_ROWS', 5000, N, 200, 100);
const BATCH = 100;
const WARMUP = Math.min(20, N);
/** A whistle case's transitions: the start (first task opened) and three completions. */
const TRANSITIONS_PER_CASE = 4;

const countRows = async (db: Db) => (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0].n;

/** audit_events' columns (TS key, SQL name, driver mapping), recorded_at left to its default as appendAudit does. */
const COLUMNS = Object.entries(getTableColumns(auditEvents)).filter(([key]) => key !== 'recordedAt');
const insertHead = sql.raw(`insert into bench_audit_copy (${COLUMNS.map(([, c]) => `"${c.name}"`).join(', ')}) values `);
const tuple = (row: AuditRow): SQL => sql`(${sql.join(COLUMNS.map(([key, c]) => {
  const value = row[key as keyof AuditRow];
  return sql`${value === null ? null : c.mapToDriverValue(value)}`;
}), sql`, `)})`;

async function timedLoop(count: number, job: (i: number) => Promise<void>): Promise<{ rowsPerSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await job(i);
    latencies.push(performance.now() - t0);
  }
  return { rowsPerSecond: count / ((performance.now() - started) / 1000), latencies };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-audit-'));
  const fresh: FreshDatabase | undefined = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL, 'shanzhi_bench_audit') : undefined;
  const stack = await startWhistleStack({ dir, databaseUrl: fresh?.url });
  const { db } = stack.database;

  // (1) Benchmark 1's load, after a short warm-up round: audit rows per second and appendAudit's time per call.
  await stack.round(WARMUP, CONCURRENCY);
  const calls: number[] = [];
  // A case's last rows land just after its close returns: wait for the count to settle around the measured round.
  const settle = async () => {
    for (let last = -1; ;) {
      const n = await countRows(db);
      if (n === last) return n;
      last = n;
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  const before = await settle();
  const caseIdsBefore = new Set((await db.select({ id: instances.id }).from(instances)).map((r) => r.id));
  auditTimings.observe = (ms) => { calls.push(ms); };
  const load = await stack.round(N, CONCURRENCY);
  const written = (await settle()) - before;
  auditTimings.observe = undefined;
  const loadIds = (await db.select({ id: instances.id }).from(instances)).map((r) => r.id).filter((id) => !caseIdsBefore.has(id));
  const rowsPerCase = written / N;
  const appendMsPerCase = calls.reduce((a, b) => a + b, 0) / N;
  console.log(`load: ${N} cases in ${load.seconds.toFixed(1)} s, ${written} audit rows, ${calls.length} appendAudit calls`);

  // Real rows of the load are the templates for the loops, so row sizes match what the system writes.
  const templates = await db.select().from(auditEvents).where(inArray(auditEvents.instanceId, loadIds.slice(0, 20)));
  const seqs = new Map<string, number>();
  const copyRow = (i: number, prefix: string): AuditRow => {
    const t = templates[i % templates.length];
    const instanceId = loadIds[i % loadIds.length];
    const seq = (seqs.get(instanceId) ?? 0) + 1;
    seqs.set(instanceId, seq);
    const eventKey = `${prefix}:${i}`;
    const prevHash = t.prevHash;
    const input: AuditInput = { instanceId, eventKey, at: t.at, actor: null, stepId: t.stepId, action: t.action, data: t.data };
    return { ...t, instanceId, seq, eventKey, hash: hashEvent({ ...input, seq, prevHash }) };
  };
  const appendInput = (i: number, prefix: string): AuditInput => {
    const t = templates[i % templates.length];
    return {
      instanceId: loadIds[i % loadIds.length], eventKey: `${prefix}:${i}`, at: new Date(),
      actor: t.actorId ? { id: t.actorId, name: t.actorName ?? '', role: t.actorRole ?? '', orgUnitId: t.actorOrgUnitId ?? '' } : null,
      stepId: t.stepId, action: t.action, data: t.data,
    };
  };

  // (2) The identical table and the three loops, each after a short warm-up of its own.
  await db.execute(sql`drop table if exists bench_audit_copy`);
  await db.execute(sql`create table bench_audit_copy (like audit_events including all)`);
  await db.execute(sql`alter table bench_audit_copy add foreign key (instance_id) references instances(id)`);
  const warm = Math.min(200, ROWS);

  const warmRows = Array.from({ length: warm }, (_, i) => copyRow(i, 'warm'));
  for (const row of warmRows) await db.execute(sql`${insertHead}${tuple(row)}`);
  const singleRows = Array.from({ length: ROWS }, (_, i) => copyRow(i, 'single'));
  const single = await timedLoop(ROWS, async (i) => { await db.execute(sql`${insertHead}${tuple(singleRows[i])}`); });

  const batches = Math.ceil(ROWS / BATCH);
  const batchRows = Array.from({ length: ROWS }, (_, i) => copyRow(i, 'batch'));
  const batched = await timedLoop(batches, async (b) => {
    await db.execute(sql`${insertHead}${sql.join(batchRows.slice(b * BATCH, (b + 1) * BATCH).map(tuple), sql`, `)}`);
  });
  const batchedRowsPerSecond = batched.rowsPerSecond * (ROWS / batches);

  for (let i = 0; i < warm; i++) await db.transaction((tx) => appendAudit(tx, appendInput(i, 'warm-append')).then(() => undefined));
  const appends = await timedLoop(ROWS, async (i) => { await db.transaction(async (tx) => { await appendAudit(tx, appendInput(i, 'append')); }); });

  const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
  const result = {
    database: stack.database.kind, cases: N, concurrency: CONCURRENCY, rowsPerLoop: ROWS,
    load: {
      seconds: load.seconds, auditRows: written, auditRowsPerSecond: written / load.seconds, auditRowsPerCase: rowsPerCase,
      appendAuditCallMs: { p50: percentile(calls, 50), p99: percentile(calls, 99), mean: appendMsPerCase / (calls.length / N) },
      appendAuditMsPerTransition: appendMsPerCase / TRANSITIONS_PER_CASE,
      completeToNextTaskMs: { p50: percentile(load.next, 50), p99: percentile(load.next, 99) },
    },
    rawSingleRow: { rowsPerSecond: single.rowsPerSecond, p50: percentile(single.latencies, 50), p99: percentile(single.latencies, 99) },
    rawBatched100: { rowsPerSecond: batchedRowsPerSecond, batchP50: percentile(batched.latencies, 50) },
    appendAuditLoop: { rowsPerSecond: appends.rowsPerSecond, p50: percentile(appends.latencies, 50), p99: percentile(appends.latencies, 99) },
  };
  console.log(JSON.stringify(result, null, 2));
  const vsSingle = (r: number) => (r / single.rowsPerSecond).toFixed(2);
  const l = result.load;
  appendResult(`Audit append (benchmark 3, ${result.database})`, [fresh ? 'DATABASE_URL=postgres://…' : '', ...settingsInEnvironment(), 'npm run bench:audit'].filter(Boolean).join(' '), [
    `| ${result.database} | rows/s | per row p50 / p99 | rows/s vs raw single-row |`,
    `|---|---|---|---|`,
    `| audit rows during benchmark 1's load (${N} cases, concurrency ${CONCURRENCY}) | ${l.auditRowsPerSecond.toFixed(0)} | appendAudit call ${ms(l.appendAuditCallMs.p50)} / ${ms(l.appendAuditCallMs.p99)} ms | — |`,
    `| appendAudit loop, one transaction per row | ${result.appendAuditLoop.rowsPerSecond.toFixed(0)} | ${ms(result.appendAuditLoop.p50)} / ${ms(result.appendAuditLoop.p99)} ms | ${vsSingle(result.appendAuditLoop.rowsPerSecond)} |`,
    `| raw single-row INSERT loop | ${result.rawSingleRow.rowsPerSecond.toFixed(0)} | ${ms(result.rawSingleRow.p50)} / ${ms(result.rawSingleRow.p99)} ms | 1.00 |`,
    `| raw 100-row batched INSERTs | ${result.rawBatched100.rowsPerSecond.toFixed(0)} | ${ms(result.rawBatched100.batchP50)} ms per batch (p50) | ${vsSingle(result.rawBatched100.rowsPerSecond)} |`,
    '',
    `Added latency per transition: a case writes ${l.auditRowsPerCase.toFixed(1)} audit rows over its ${TRANSITIONS_PER_CASE} transitions (start, three completions); ` +
    `appendAudit took ${ms(l.appendAuditCallMs.mean)} ms per call on average, ${ms(l.appendAuditMsPerTransition)} ms per transition, against a complete→next-task p50 of ${l.completeToNextTaskMs.p50.toFixed(0)} ms. ` +
    `The loops write ${ROWS} rows each, one at a time on one connection, into bench_audit_copy (LIKE audit_events INCLUDING ALL, plus the foreign key to instances) or, for appendAudit, audit_events itself; ` +
    'appendAudit locks the instance row, checks the event key, reads the chain head and hashes before its insert.',
  ]);

  await stack.close();
  await fresh?.drop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
