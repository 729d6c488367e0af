// Benchmark 2: the inbox at scale. 1,000,000 tasks (200,000 open) over 1,000 extra users in the demo org, loaded
// with set-based SQL into PostgreSQL (a fresh database, dropped after) and into PGlite (a temp folder). Then
// GET /api/tasks keyset walks (first page and the pages after it through nextCursor) for scope=mine and
// scope=available, against the raw SQL drizzle produces for the same page and a primary-key lookup, at
// concurrency 1 and 20, in alternating passes (median of the passes' p50 / p99). The plan of every inbox page
// query is checked with EXPLAIN to be one index scan under the Limit. No Temporal: GET /api/tasks never calls it.
//   npm run bench:inbox   (BENCH_DATABASES=postgres,pglite; BENCH_N (or BENCH_TASKS) tasks, default 1000000, with a fifth
//                          open (BENCH_OPEN) and 1,000 users a million (BENCH_USERS); BENCH_WALKS walks per scope per pass,
//                          default 100 a million; BENCH_ROUNDS (or BENCH_PASSES) passes, default 3;
//                          DATABASE_URL = the PostgreSQL server, default postgres://postgres@127.0.0.1:5432/postgres)
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { Client } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { inArray, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client';
import { seedDemo, seedProcesses } from '../db/seed';
import { users } from '../db/schema';
import { DEMO_ORG_UNITS, DEMO_PASSWORD } from '../db/demo-org';
import { createApp } from '../api/app';
import { OrgTree } from '../api/org/org-tree';
import { inboxPageSql } from '../api/tasks/inbox-query';
import { encodeCursor } from '../api/pagination';
import type { Actor } from '../domain/actor';
import type { Role } from '../domain/roles';
import { median, percentile, pool } from './stats';
import { appendResult } from './report';
import { benchN, benchRounds, scaled, settingsInEnvironment } from './settings';
import { jsonCaller } from './json-client';

const TASKS = benchN(1_000_000, 'BENCH_TASKS');
// Open tasks and users keep their proportions to the tasks (a fifth open, 1,000 users per million), walks are samples.
const OPEN = scaled('BENCH_OPEN', 200_000, TASKS, 1_000_000, 100);
const USERS = scaled('BENCH_USERS', 1000, TASKS, 1_000_000, 40);
const WALKS = scaled('BENCH_WALKS', 100, TASKS, 1_000_000, 20);
const PASSES = benchRounds(3, 'BENCH_PASSES');
const DATABASES = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',').map((s) => s.trim()) as Array<'postgres' | 'pglite'>;
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB_NAME = 'shanzhi_bench_inbox';
/** Asserted from 100,000 tasks up; a trial's 36-task inbox may rightly get a bitmap scan and a sort (BENCH_ASSERT_PLAN=0/1 decides). */
const ASSERT_PLAN = process.env.BENCH_ASSERT_PLAN ? process.env.BENCH_ASSERT_PLAN !== '0' : TASKS >= 100_000;
const CONCURRENCIES = [1, 20];
const LIMIT = 50;
/** Pages per walk: the first page and up to three more through the cursor (a mine inbox holds 180 open tasks). */
const PAGES = 4;
/** Walk users per scope; each logs in over HTTP once. */
const WALKERS = 20;
const BATCH = 100_000;

type Scope = 'mine' | 'available';
const SCOPES: Scope[] = ['mine', 'available'];

/** The (role, org unit) posts the bench users hold, round-robin: every grid, community, street post and department. */
const POSTS: Array<{ role: Role; orgUnitId: string }> = [
  ...DEMO_ORG_UNITS.filter((u) => u.kind === 'grid').map((u) => ({ role: 'grid_worker' as const, orgUnitId: u.id })),
  ...DEMO_ORG_UNITS.filter((u) => u.kind === 'community').map((u) => ({ role: 'community_staff' as const, orgUnitId: u.id })),
  ...DEMO_ORG_UNITS.filter((u) => u.kind === 'street').flatMap((u) => (['dispatcher', 'shift_chief', 'enforcement_officer'] as const).map((role) => ({ role, orgUnitId: u.id }))),
  ...DEMO_ORG_UNITS.filter((u) => u.kind === 'department').map((u) => ({ role: 'dept_handler' as const, orgUnitId: u.id })),
];

interface RawClient { query(text: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }> }
interface Page { path: string; text: string; params: unknown[]; ids: string[] }
interface Walk { scope: Scope; username: string; token: string; pages: Page[] }
interface PlanCheck { query: string; ok: boolean; verdict: string; shape: string; problems: string[] }
type Kind = 'api' | 'raw' | 'pk';
interface Row { database: string; scope: Scope; concurrency: number; api: [number, number]; raw: [number, number]; pk: [number, number]; samples: number }

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Users, instances and tasks with INSERT … SELECT FROM generate_series; see the distribution in the comments. */
async function load(database: Database): Promise<{ ms: number; steps: string[] }> {
  const run = (text: string) => database.db.execute(sql.raw(text));
  const started = performance.now();
  const steps: string[] = [];
  const step = async (what: string, text: string) => {
    const t0 = performance.now();
    await run(text);
    steps.push(`${what} ${seconds(performance.now() - t0)}`);
    console.log(`  ${database.kind}: ${what} in ${seconds(performance.now() - t0)}`);
  };
  const posts = POSTS.map((p, k) => `(${k}, '${p.role}', '${p.orgUnitId}')`).join(', ');
  // 1,000 users, bench_0000 …, each holding post (n mod posts), all with the demo password.
  await step(`${USERS} users`, `
    INSERT INTO users (id, username, name, password_hash, roles, org_unit_id)
    SELECT md5('bench-user-' || u)::uuid::text, 'bench_' || lpad(u::text, 4, '0'), '基准用户' || u,
           (SELECT password_hash FROM users WHERE username = 'grid_worker'), jsonb_build_array(p.role), p.org_unit_id
    FROM generate_series(0, ${USERS - 1}) AS u JOIN (VALUES ${posts}) AS p(k, role, org_unit_id) ON p.k = u % ${POSTS.length}`);
  // One instance per four tasks (tasks.instance_id references instances).
  const instances = Math.ceil(TASKS / 4);
  await step(`${instances} instances`, `
    INSERT INTO instances (id, process_key, process_version, title, status, input, org_unit_id, org_path, started_by, started_at)
    SELECT 'BENCH-' || lpad(k::text, 7, '0'), 'whistle-escalation', 1, '基准案件 ' || k, 'running', '{}'::jsonb,
           'community-a1', '["community-a1"]'::jsonb, 'bench', timestamptz '2026-01-01 08:00+08' + k * interval '30 seconds'
    FROM generate_series(0, ${instances - 1}) AS k`);
  // Task i belongs to user u = i mod USERS, holds u's post, and is the user's s-th task, s = i div USERS. Open when
  // s mod (TASKS/OPEN) = 0 (200 of a user's 1,000); one open task in ten is unassigned (in the post's pool,
  // scope=available), the rest are the user's (scope=mine: 180 each). Closed tasks are completed by the user.
  // Due times are a permutation of i over a year at one-minute steps, two tasks per minute (ties broken by id).
  const every = Math.max(1, Math.round(TASKS / OPEN));
  const t0 = performance.now();
  for (let lo = 0; lo < TASKS; lo += BATCH) {
    const hi = Math.min(TASKS, lo + BATCH) - 1;
    await run(`
      INSERT INTO tasks (id, instance_id, process_key, step_id, name, role, org_unit_id, assignee_id, status, actions, time_limit,
                         calendar_version, created_at, due_at, remind_at, completed_at, completed_by, outcome_action, title)
      SELECT md5('bench-task-' || i)::uuid::text, 'BENCH-' || lpad((i / 4)::text, 7, '0'), 'whistle-escalation', 'Task_CommunityHandle',
             '社区处置', p.role, p.org_unit_id,
             CASE WHEN open AND (s / ${every}) % 10 = 9 THEN NULL ELSE md5('bench-user-' || u)::uuid::text END,
             CASE WHEN open THEN 'open' ELSE 'completed' END, '["resolve","escalate"]'::jsonb, '{"amount":3,"unit":"workday"}'::jsonb,
             'bench', due - interval '3 days', due, due - interval '1 day',
             CASE WHEN open THEN NULL ELSE due - interval '1 hour' END,
             CASE WHEN open THEN NULL ELSE md5('bench-user-' || u)::uuid::text END,
             CASE WHEN open THEN NULL ELSE 'resolve' END, '基准案件 ' || (i / 4)
      FROM (SELECT i, i % ${USERS} AS u, i / ${USERS} AS s, (i / ${USERS}) % ${every} = 0 AS open,
                   timestamptz '2026-01-05 09:00+08' + ((i::bigint * 7919) % ${TASKS}) / 2 * interval '1 minute' AS due
            FROM generate_series(${lo}, ${hi}) AS i) AS t
      JOIN (VALUES ${posts}) AS p(k, role, org_unit_id) ON p.k = t.u % ${POSTS.length}`);
    process.stdout.write(`\r  ${database.kind}: tasks ${hi + 1} / ${TASKS} (${seconds(performance.now() - t0)})`);
  }
  process.stdout.write('\n');
  steps.push(`${TASKS} tasks ${seconds(performance.now() - t0)}`);
  await step('ANALYZE', 'ANALYZE');
  return { ms: performance.now() - started, steps };
}

/**
 * The plan tree as "Limit → Index Scan using idx (Index Cond: …)", and its verdict: one index scan under the Limit
 * with every condition in the index and no more rows read than the page; or, for a tail page that holds fewer rows
 * than the limit, a bitmap scan of just those rows (all from the index condition) and a sort of them, which the
 * planner may rightly prefer there. Anything else (a filter, a sort of more than a page, a seq scan) fails.
 */
/** merged: the plan of several pools' page scans merged by due time (a clerk over several units). */
function checkPlan(query: string, explained: unknown, limit: number, merged = false): PlanCheck {
  interface Node {
    'Node Type': string; 'Index Name'?: string; 'Index Cond'?: string; Filter?: string; 'Actual Rows'?: number;
    'Rows Removed by Filter'?: number; 'Rows Removed by Index Recheck'?: number; Plans?: Node[];
  }
  const root = (explained as Array<{ Plan: Node }>)[0].Plan;
  const nodes: Node[] = [];
  const visit = (n: Node) => { nodes.push(n); (n.Plans ?? []).forEach(visit); };
  visit(root);
  const types = nodes.map((n) => n['Node Type']).join(' → ');
  const problems: string[] = [];
  for (const n of nodes) {
    if (n.Filter) problems.push(`filter ${n.Filter}`);
    if ((n['Rows Removed by Filter'] ?? 0) > 0) problems.push(`${n['Rows Removed by Filter']} rows removed by filter`);
    if ((n['Rows Removed by Index Recheck'] ?? 0) > 0) problems.push(`${n['Rows Removed by Index Recheck']} rows removed by recheck`);
    const isScan = /Scan$/.test(n['Node Type']);
    if ((merged ? isScan : n['Node Type'] !== 'Limit') && (n['Actual Rows'] ?? 0) > limit + 1) problems.push(`${n['Node Type']} read ${n['Actual Rows']} rows for a page of ${limit}`);
  }
  let verdict = 'one index scan';
  if (merged) {
    const scans = nodes.filter((n) => /Scan$/.test(n['Node Type']));
    const bad = scans.filter((n) => n['Node Type'] !== 'Index Scan' && n['Node Type'] !== 'Index Only Scan' && n['Node Type'] !== 'Subquery Scan');
    if (bad.length) problems.push(`not an index scan: ${bad.map((n) => n['Node Type']).join(', ')}`);
    verdict = `one index scan per pool (${scans.filter((n) => n['Node Type'] !== 'Subquery Scan').length}), each at most a page, merged`;
  } else if (types === 'Limit → Sort → Bitmap Heap Scan → Bitmap Index Scan' && (nodes[2]['Actual Rows'] ?? Infinity) <= limit) {
    verdict = `fewer rows than a page: bitmap scan of those ${nodes[2]['Actual Rows']} + sort`;
  } else if (types !== 'Limit → Index Scan' && types !== 'Limit → Index Only Scan') {
    problems.push(`expected Limit → Index Scan, got ${types}`);
  }
  if (problems.length) verdict = 'NOT one index scan';
  const shape = nodes.map((n) => `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}${n['Index Cond'] ? ` (Index Cond: ${n['Index Cond']})` : ''}${n['Node Type'] === 'Limit' ? '' : ` [${n['Actual Rows']} rows]`}`).join(' → ');
  return { query, ok: problems.length === 0, verdict, shape, problems };
}

async function benchDatabase(kind: 'postgres' | 'pglite'): Promise<{ rows: Row[]; plans: PlanCheck[]; widePlan: PlanCheck; loadMs: number; loadSteps: string[] }> {
  let dir: string | null = null;
  let url: string | null = null;
  if (kind === 'postgres') {
    const admin = new PgClient({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB_NAME}`);
    await admin.query(`CREATE DATABASE ${BENCH_DB_NAME}`);
    await admin.end();
    const u = new URL(SERVER_URL);
    u.pathname = `/${BENCH_DB_NAME}`;
    url = u.toString();
  } else {
    dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-inbox-'));
  }
  const database = await openDatabase(url ? { url } : { dataDir: join(dir!, 'pglite') });
  const raw = (database.db as unknown as { $client: RawClient }).$client;
  try {
    await database.migrate();
    await seedProcesses(database.db);
    await seedDemo(database.db);
    console.log(`${kind}: loading ${TASKS} tasks (${OPEN} open) for ${USERS} users`);
    const loaded = await load(database);
    console.log(`${kind}: loaded in ${seconds(loaded.ms)}`);

    // GET /api/tasks needs no Temporal: the client is never called.
    const neverTemporal = new Proxy({}, { get: () => { throw new Error('GET /api/tasks must not call Temporal'); } }) as Client;
    const app = createApp({
      db: database.db, temporal: neverTemporal, clock: { now: async () => new Date() }, jwtSecret: 'bench-secret-bench-secret-bench-secret',
      ping: { db: () => database.ping(), temporal: async () => undefined }, log: () => undefined,
    });
    const server: Server = await new Promise((resolve) => { const s = createServer(app).listen(0, () => resolve(s)); });
    // Keep idle keep-alive sockets longer than any pause between passes (the default 5 s races the client's reuse).
    server.keepAliveTimeout = 10 * 60_000;
    const call = jsonCaller(`http://127.0.0.1:${(server.address() as { port: number }).port}/api`);

    // Walkers: for mine, users spread over every post; for available, the clerks whose scope is one unit and one
    // role (grid workers, department handlers) — see the plan note for multi-unit scopes.
    const orgTree = new OrgTree(database.db);
    await orgTree.refresh(true);
    const benchUsers = await database.db.select().from(users).where(inArray(users.username, Array.from({ length: USERS }, (_, n) => `bench_${pad(n, 4)}`)));
    benchUsers.sort((a, b) => a.username.localeCompare(b.username));
    const actorOfUser = (u: typeof benchUsers[number]): Actor => ({ id: u.id, name: u.name, roles: u.roles as Role[], orgUnitId: u.orgUnitId, scopeOrgUnitIds: orgTree.scopeOf(u) });
    const stride = (list: typeof benchUsers) => Array.from({ length: Math.min(WALKERS, list.length) }, (_, k) => list[Math.floor((k * list.length) / Math.min(WALKERS, list.length))]);
    const walkers: Record<Scope, typeof benchUsers> = {
      mine: stride(benchUsers),
      available: stride(benchUsers.filter((u) => actorOfUser(u).scopeOrgUnitIds.length === 1 && u.roles.length === 1)),
    };

    // One walk per walker and scope, untimed: the API's pages, and for each the SQL drizzle produces for it
    // (inboxPageSql: the statement the route runs) with its parameters; both must return the same task ids.
    const walks: Walk[] = [];
    for (const scope of SCOPES) {
      for (const user of walkers[scope]) {
        const token = String((await call('/auth/login', null, { username: user.username, password: DEMO_PASSWORD })).token);
        const actor = actorOfUser(user);
        const pages: Page[] = [];
        let cursor: string | undefined;
        for (let p = 0; p < PAGES; p++) {
          const path = `/tasks?scope=${scope}&status=open&limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`;
          const apiPage = await call(path, token) as { items: Array<{ taskId: string }>; nextCursor: string | null };
          const { sql: text, params } = inboxPageSql(database.db, actor, { scope, status: 'open', limit: LIMIT, cursor });
          const rows = (await raw.query(text, params)).rows as Array<{ id: string; due_at: Date | string }>;
          const ids = rows.slice(0, LIMIT).map((r) => r.id);
          if (JSON.stringify(ids) !== JSON.stringify(apiPage.items.map((t) => t.taskId))) throw new Error(`${scope} page ${p} of ${user.username}: raw SQL and API disagree`);
          pages.push({ path, text, params, ids });
          if (!apiPage.nextCursor) break;
          const last = rows[LIMIT - 1];
          const rawCursor = encodeCursor({ t: new Date(last.due_at).toISOString(), id: last.id });
          if (rawCursor !== apiPage.nextCursor) throw new Error(`${scope} page ${p} of ${user.username}: cursors disagree`);
          cursor = apiPage.nextCursor;
        }
        walks.push({ scope, username: user.username, token, pages });
      }
    }
    for (const scope of SCOPES) {
      const list = walks.filter((w) => w.scope === scope);
      console.log(`${kind}: ${scope}: ${list.length} walkers, ${list.reduce((n, w) => n + w.pages.length, 0)} pages, ${list.reduce((n, w) => n + w.pages.reduce((m, p) => m + p.ids.length, 0), 0)} tasks`);
    }

    // The plans: first and last page of a walk per scope, plus a multi-unit available scope (informational).
    const plans: PlanCheck[] = [];
    const explain = async (label: string, text: string, params: unknown[], merged = false) => {
      const res = await raw.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, params);
      const value = res.rows[0]['QUERY PLAN'];
      return checkPlan(label, typeof value === 'string' ? JSON.parse(value) : value, LIMIT, merged);
    };
    for (const scope of SCOPES) {
      const walk = walks.find((w) => w.scope === scope && w.pages.length === PAGES) ?? walks.find((w) => w.scope === scope)!;
      plans.push(await explain(`${scope}, first page (${walk.username})`, walk.pages[0].text, walk.pages[0].params));
      const last = walk.pages[walk.pages.length - 1];
      if (walk.pages.length > 1) plans.push(await explain(`${scope}, page ${walk.pages.length} via cursor (${walk.username})`, last.text, last.params));
    }
    const wide = benchUsers.find((u) => actorOfUser(u).scopeOrgUnitIds.length > 1)!;
    const wideQuery = inboxPageSql(database.db, actorOfUser(wide), { scope: 'available', status: 'open', limit: LIMIT });
    const widePlan = await explain(`available, first page, ${wide.roles.join('+')} over ${actorOfUser(wide).scopeOrgUnitIds.length} units (${wide.username})`, wideQuery.sql, wideQuery.params, true);
    for (const p of [...plans, widePlan]) console.log(`${kind} plan ${p.ok ? 'OK  ' : 'FAIL'} ${p.query}: ${p.verdict}: ${p.shape}${p.problems.length ? ` [${p.problems.join('; ')}]` : ''}`);

    // Primary keys to look up: a sample over the whole table.
    const pkIds = (await raw.query(`SELECT id FROM tasks TABLESAMPLE SYSTEM (1) LIMIT 5000`)).rows.map((r) => String(r.id));

    // Timed passes. A job is a walk (its pages one after the other); concurrency = walks in flight.
    const runPass = async (scope: Scope, what: Kind, concurrency: number): Promise<number[]> => {
      const mine = walks.filter((w) => w.scope === scope);
      const samples: number[] = [];
      await pool(WALKS, concurrency, async (j) => {
        const walk = mine[j % mine.length];
        for (let p = 0; p < walk.pages.length; p++) {
          const page = walk.pages[p];
          const t0 = performance.now();
          if (what === 'api') await call(page.path, walk.token);
          else if (what === 'raw') await raw.query(page.text, page.params);
          else await raw.query('SELECT * FROM tasks WHERE id = $1', [pkIds[(j * PAGES + p) % pkIds.length]]);
          samples.push(performance.now() - t0);
        }
      });
      return samples;
    };
    const rows: Row[] = [];
    for (const concurrency of CONCURRENCIES) {
      for (const scope of SCOPES) {
        await runPass(scope, 'api', concurrency); // warm-up
        await runPass(scope, 'raw', concurrency);
        const passes: Record<Kind, Array<[number, number]>> = { api: [], raw: [], pk: [] };
        let samples = 0;
        for (let pass = 0; pass < PASSES; pass++) {
          const order: Kind[] = pass % 2 === 0 ? ['api', 'raw', 'pk'] : ['pk', 'raw', 'api'];
          for (const what of order) {
            const s = await runPass(scope, what, concurrency);
            passes[what].push([percentile(s, 50), percentile(s, 99)]);
            if (what === 'api') samples += s.length;
          }
        }
        const mid = (what: Kind): [number, number] => [median(passes[what].map((x) => x[0])), median(passes[what].map((x) => x[1]))];
        const row: Row = { database: kind, scope, concurrency, api: mid('api'), raw: mid('raw'), pk: mid('pk'), samples };
        console.log(`${kind} c=${concurrency} ${scope}: api ${row.api.map((x) => x.toFixed(2)).join('/')} ms, raw ${row.raw.map((x) => x.toFixed(2)).join('/')} ms, pk ${row.pk.map((x) => x.toFixed(2)).join('/')} ms (${samples} pages per kind)`);
        rows.push(row);
      }
    }
    server.closeAllConnections();
    server.close();
    return { rows, plans, widePlan, loadMs: loaded.ms, loadSteps: loaded.steps };
  } finally {
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const admin = new PgClient({ connectionString: SERVER_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB_NAME}`);
      await admin.end();
    }
  }
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  const results: Array<Awaited<ReturnType<typeof benchDatabase>> & { kind: string }> = [];
  for (const kind of DATABASES) results.push({ kind, ...(await benchDatabase(kind)) });
  const ms = (x: number) => x < 10 ? x.toFixed(2) : x.toFixed(1);
  const lines = [
    `${TASKS.toLocaleString('en')} tasks (${OPEN.toLocaleString('en')} open: ${Math.round(OPEN / USERS * 0.9)} per user in scope=mine, ${Math.round(OPEN / USERS * 0.1)} per user unassigned in the pool of their post, scope=available) over ${USERS.toLocaleString('en')} extra users holding ${POSTS.length} posts in the demo org units, loaded with \`INSERT … SELECT FROM generate_series\` in batches of ${BATCH.toLocaleString('en')}.`,
    '',
    `| database | scope | concurrency | API p50 / p99 | raw SQL p50 / p99 | PK lookup p50 / p99 | API / raw (p50) | raw / PK (p50) | plan |`,
    `|---|---|---|---|---|---|---|---|---|`,
  ];
  for (const r of results) {
    for (const row of r.rows) {
      const plans = r.plans.filter((p) => p.query.startsWith(`${row.scope},`));
      lines.push(`| ${r.kind} | ${row.scope} | ${row.concurrency} | ${ms(row.api[0])} / ${ms(row.api[1])} ms | ${ms(row.raw[0])} / ${ms(row.raw[1])} ms | ${ms(row.pk[0])} / ${ms(row.pk[1])} ms | ${(row.api[0] / row.raw[0]).toFixed(1)} | ${(row.raw[0] / row.pk[0]).toFixed(1)} | ${[...new Set(plans.map((p) => p.verdict))].join('; ')} |`);
    }
  }
  lines.push('', `A row is one inbox page of ${LIMIT} (GET /api/tasks over HTTP with its bearer token, in-process server; or the same page's SQL as drizzle produces it, on the same connection pool; or \`SELECT * FROM tasks WHERE id = $1\`), timed across ${WALKERS} users' keyset walks of up to ${PAGES} pages (first page, then nextCursor), ${WALKS} walks per pass with that many in flight, median of ${PASSES} alternating passes' p50 / p99. Walkers for scope=available hold a one-unit post (grid worker, department handler). Load average ${loadAtStart} at the start, ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at the end (the machine is shared).`, '', 'Plans (`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` after ANALYZE):', '');
  for (const r of results) for (const p of r.plans) lines.push(`- ${r.kind}, ${p.query}: ${p.ok ? '✓' : '✗'} ${p.verdict}: ${p.shape}${p.problems.length ? ` — ${p.problems.join('; ')}` : ''}`);
  lines.push('', 'A clerk whose "available" scope spans several units (a community: itself and its grids) gets one page scan per (role, unit) pool, merged by due time (UNION ALL of per-pool pages): each scan stops after a page, so the work is pools × page, not the pools\' size:', '');
  for (const r of results) lines.push(`- ${r.kind}, ${r.widePlan.query}: ${r.widePlan.ok ? '✓' : '✗'} ${r.widePlan.verdict}: ${r.widePlan.shape}${r.widePlan.problems.length ? ` — ${r.widePlan.problems.join('; ')}` : ''}`);
  lines.push('', `Load time: ${results.map((r) => `${r.kind} ${seconds(r.loadMs)} (${r.loadSteps.join(', ')})`).join('; ')}.`);
  console.log(JSON.stringify({
    tasks: TASKS, open: OPEN, users: USERS, walks: WALKS, passes: PASSES,
    rows: results.flatMap((r) => r.rows.map((row) => ({ ...row, apiOverRaw: row.api[0] / row.raw[0] }))),
    plans: results.flatMap((r) => [...r.plans, r.widePlan].map((p) => ({ database: r.kind, query: p.query, ok: p.ok, verdict: p.verdict }))),
    loadMs: Object.fromEntries(results.map((r) => [r.kind, r.loadMs])),
  }, null, 2));
  appendResult('Inbox at scale (benchmark 2)', [...settingsInEnvironment(), 'npm run bench:inbox'].join(' '), lines);
  // The plan assertion: reported above either way, and the run fails when an inbox page is not one index scan.
  const failed = results.flatMap((r) => [...r.plans, r.widePlan].filter((p) => !p.ok).map((p) => `${r.kind}: ${p.query}`));
  if (ASSERT_PLAN && failed.length) {
    console.error(`not a single index scan: ${failed.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
