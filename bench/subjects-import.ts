// The subjects registry (检查对象名录库) import at scale: a CSV of 100,000 market subjects (valid credit codes, spread
// over the demo grids) sent to POST /api/registries/subjects/import as the admin sends it — a dry run, the import
// itself (all new), the same file again (all updates) — then keyset pages of GET /api/registries/subjects walked to
// the end of a slice and a search by name. Seconds end to end through HTTP, parse and check included. No Temporal.
//   npm run bench:subjects-import   (BENCH_N subjects, default 100000; BENCH_DATABASES=pglite,postgres, default pglite;
//                                    DATABASE_URL = the PostgreSQL server, default postgres://postgres@127.0.0.1:5432/postgres;
//                                    PostgreSQL runs in a fresh database shanzhi_bench_subjects, dropped afterwards)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { Client } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { seedDemo, seedProcesses } from '../db/seed';
import { DEMO_ORG_UNITS, DEMO_PASSWORD } from '../db/demo-org';
import { marketSubjects } from '../db/schema';
import { creditCodeCheckChar } from '../domain/identifiers';
import { createApp } from '../api/app';
import { appendResult } from './report';
import { benchN, settingsInEnvironment } from './settings';
import { freshPostgres, type FreshDatabase } from './fresh-database';

const N = benchN(100_000);
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite').split(',').map((s) => s.trim()) as Array<'postgres' | 'pglite'>;
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PAGES = 20;

const GRIDS = DEMO_ORG_UNITS.filter((u) => u.kind === 'grid' && u.code).map((u) => u.code!);
const GRADES = ['A', 'B', 'B', 'C', 'D'];

/** Subject n: 91 + division 440305 + MA + 7 digits + check character, in grid n mod 8. */
function csvOf(n: number, suffix: string): string {
  const lines = ['creditCode,name,address,gridCode,creditGrade'];
  for (let i = 1; i <= n; i++) {
    const first17 = `91440305MA${String(i).padStart(7, '0')}`;
    lines.push(`${first17}${creditCodeCheckChar(first17)},压测商户${i}号${suffix},科技园路${i % 997}号,${GRIDS[i % GRIDS.length]},${GRADES[i % GRADES.length]}`);
  }
  return lines.join('\n');
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function runOn(kind: 'pglite' | 'postgres'): Promise<string[]> {
  let fresh: FreshDatabase | undefined;
  let dir: string | undefined;
  if (kind === 'postgres') fresh = await freshPostgres(SERVER_URL, 'shanzhi_bench_subjects');
  else dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-subjects-'));
  const database = await openDatabase(fresh ? { url: fresh.url } : { dataDir: join(dir!, 'pglite') });
  let server: Server | undefined;
  try {
    await database.migrate();
    await seedProcesses(database.db);
    await seedDemo(database.db);
    const noTemporal = new Proxy({}, { get: () => { throw new Error('the subjects import must not call Temporal'); } }) as Client;
    const app = createApp({
      db: database.db, temporal: noTemporal, clock: { now: async () => new Date() }, jwtSecret: 'bench-secret-bench-secret-bench-secret',
      ping: { db: () => database.ping(), temporal: async () => undefined }, log: () => undefined,
    });
    server = await new Promise<Server>((resolve) => { const s = createServer(app).listen(0, () => resolve(s)); });
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api`;
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const { token } = await login.json() as { token: string };
    const auth = { authorization: `Bearer ${token}` };

    const timed = async (what: string, path: string, body?: string): Promise<{ ms: number; answer: Record<string, unknown> }> => {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, body === undefined ? { headers: auth } : { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body });
      const answer = await res.json() as Record<string, unknown>;
      const ms = performance.now() - t0;
      if (!res.ok) throw new Error(`${what}: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
      console.log(`${kind}: ${what} in ${seconds(ms)} s`);
      return { ms, answer };
    };

    const first = csvOf(N, '');
    const mb = (Buffer.byteLength(first) / 2 ** 20).toFixed(1);
    const dry = await timed('dry run', '/registries/subjects/import?dryRun=true', first);
    const created = await timed('import (new)', '/registries/subjects/import', first);
    if (created.answer.created !== N) throw new Error(`expected ${N} created, got ${JSON.stringify(created.answer)}`);
    const again = await timed('import (updates)', '/registries/subjects/import', csvOf(N, '（更新）'));
    if (again.answer.updated !== N) throw new Error(`expected ${N} updated, got ${JSON.stringify(again.answer)}`);
    const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(marketSubjects);
    if (n !== N) throw new Error(`the registry holds ${n}, not ${N}`);

    // Keyset pages: the first page, then PAGES − 1 more through nextCursor; and a search by name.
    const pageTimes: number[] = [];
    let cursor: string | null = null;
    for (let p = 0; p < PAGES; p++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/registries/subjects?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth });
      const page = await res.json() as { nextCursor: string | null };
      pageTimes.push(performance.now() - t0);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const search = await timed('search by name', `/registries/subjects?q=${encodeURIComponent(`压测商户${Math.floor(N / 2)}号`)}&limit=20`);
    pageTimes.sort((a, b) => a - b);
    return [
      `| ${kind} | ${N.toLocaleString('en')} (${mb} MiB) | ${seconds(dry.ms)} | ${seconds(created.ms)} | ${seconds(again.ms)} | ${(N / (created.ms / 1000)).toFixed(0)} | ${pageTimes[Math.floor(pageTimes.length / 2)].toFixed(1)} / ${pageTimes[pageTimes.length - 1].toFixed(1)} | ${search.ms.toFixed(0)} |`,
    ];
  } finally {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await database.close();
    await fresh?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const kind of DATABASES) rows.push(...await runOn(kind));
  const lines = [
    'POST /api/registries/subjects/import with the whole CSV (as the admin uploads it): parse, check every row (credit code check character, grid, grade), then one transaction of 2,000-row upserts. Seconds end to end.',
    '',
    '| database | subjects (CSV size) | dry run, s | import, new, s | import, all updated, s | subjects/s (new) | keyset page of 100, p50 / max ms | name search, ms |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ];
  const settings = settingsInEnvironment();
  appendResult('Subjects registry import (issue 18)', `${settings.length ? `${settings.join(' ')} ` : ''}npm run bench:subjects-import`, lines);
  if (process.env.BENCH_REPORT !== '0') console.log(lines.join('\n'));
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
