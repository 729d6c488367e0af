// Reliability: restart the Temporal dev server, then PostgreSQL, while cases advance. While a dependency is down
// the API must answer 503 (never 500) and recover by itself; afterwards every case closes, nothing is written
// twice and every audit chain verifies. PostgreSQL here is a private cluster the script starts with pg_ctl, so the
// machine's shared server is never restarted.
//   npm run reliability:restarts   (BENCH_N or REL_CASES, default 200; REL_CONCURRENCY, default 20; REL_DOWN_MS, default 10000)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgres } from '../fresh-database';
import { appendResult } from '../report';
import { benchN, settingsInEnvironment } from '../settings';
import { startCluster } from './cluster';
import { ResilientClient, count5xx, driveCases, newTally, type Tally } from './driver';
import { PrivatePostgres, freePort, sleep, waitForPort } from './processes';
import { verifyRun } from './verify';

const CASES = benchN(200, 'REL_CASES');
const CONCURRENCY = Number(process.env.REL_CONCURRENCY ?? 20);
const DOWN_MS = Number(process.env.REL_DOWN_MS ?? 10_000);

/** What a clerk's requests get while one dependency is down: status → count, from a few kinds of request. */
async function probeWhileDown(base: string, token: string, ms: number): Promise<Tally> {
  const tally: Tally = { requests: 0, statuses: {}, networkErrors: 0, serverErrors: [] };
  const requests: Array<[string, RequestInit]> = [
    ['/api/health', {}],
    ['/api/tasks?scope=available', { headers: { authorization: `Bearer ${token}` } }],
    ['/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'shift_chief', password: 'demo123' }) }],
    ['/api/processes/whistle-escalation/instances', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ input: { category: 'road-damage', gridCode: 'G-A1-01', location: '探测', description: '探测', source: 'grid' } }) }],
  ];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    for (const [path, init] of requests) {
      tally.requests++;
      try {
        const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
        tally.statuses[res.status] = (tally.statuses[res.status] ?? 0) + 1;
        if (res.status >= 500 && res.status !== 503) tally.serverErrors.push(`${path} → ${res.status} ${await res.text()}`);
      } catch {
        tally.networkErrors++;
      }
    }
    await sleep(250);
  }
  return tally;
}

const show = (t: Tally) => Object.entries(t.statuses).map(([s, n]) => `${n}×${s}`).join(', ') || 'none';

async function main(): Promise<void> {
  const pgDir = mkdtempSync(join(tmpdir(), 'shanzhi-pg-'));
  const postgres = new PrivatePostgres(pgDir, await freePort());
  postgres.init();
  postgres.start();
  const fresh = await freshPostgres(postgres.url, 'shanzhi_reliability_restarts');
  const cluster = await startCluster(fresh.url);
  const { worker, api } = await cluster.startWorkerAndApi();
  await worker.printed(/polling task queue/);

  const tally = newTally();
  const client = new ResilientClient([api.base], tally, 300_000);
  await client.login(['grid_worker']);
  let done = 0;
  const started = performance.now();
  const driving = driveCases(client, CASES, CONCURRENCY, () => { done++; });

  const faults: Array<{ what: string; closedBefore: number; whileDown: Tally; recoveredMs: number }> = [];
  const outage = async (what: string, stop: () => Promise<void> | void, start: () => Promise<void> | void) => {
    while (done < CASES / 4 * (faults.length + 1)) await sleep(200);
    const closedBefore = done;
    console.log(`${what} down after ${closedBefore} cases closed`);
    await stop();
    const whileDown = await probeWhileDown(api.base, client.tokens.grid_worker, DOWN_MS);
    await start();
    const back = performance.now();
    while ((await fetch(`${api.base}/api/health`).then((r) => r.status, () => 0)) !== 200) await sleep(100);
    faults.push({ what, closedBefore, whileDown, recoveredMs: performance.now() - back });
    console.log(`${what} back; while down: ${show(whileDown)}`);
  };
  await outage('Temporal dev server', () => cluster.temporal.stop('SIGKILL'), async () => { cluster.temporal.start(); await waitForPort(Number(cluster.temporalAddress.split(':')[1])); });
  await outage('PostgreSQL', () => postgres.stop(), () => postgres.start());

  const drive = await driving;
  const seconds = (performance.now() - started) / 1000;
  const verdict = await verifyRun(cluster.database.db, drive.instanceIds);
  const probe500s = faults.reduce((n, f) => n + count5xx(f.whileDown, true), 0);
  const result = { ...verdict, seconds, failures: drive.failures.length, http5xx: count5xx(tally, true) + probe500s, http503: (tally.statuses[503] ?? 0) };
  console.log(JSON.stringify({ ...result, faults, firstFailures: drive.failures.slice(0, 5), serverErrors: [...tally.serverErrors, ...faults.flatMap((f) => f.whileDown.serverErrors)].slice(0, 10) }, null, 2));

  appendResult('Reliability: Temporal and PostgreSQL restarted under load', [...settingsInEnvironment(), 'npm run reliability:restarts'].join(' '), [
    '| cases run | faults injected | closed | lost | duplicate tasks | duplicate audit events | broken chains | HTTP 500s | driver failures | time |',
    '|---|---|---|---|---|---|---|---|---|---|',
    `| ${result.cases} | ${faults.length} | ${result.closed} | ${result.lost} | ${result.duplicateTasks} | ${result.duplicateAuditEvents} | ${result.brokenChains} | ${result.http5xx} | ${result.failures} | ${seconds.toFixed(0)} s |`,
    '',
    '| dependency down | for | answers to probes while down (health, inbox, sign-in, start a case) | healthy again after restart |',
    '|---|---|---|---|',
    ...faults.map((f) => `| ${f.what} (after ${f.closedBefore} cases closed) | ${(DOWN_MS / 1000).toFixed(0)} s | ${show(f.whileDown)}${f.whileDown.networkErrors ? `, ${f.whileDown.networkErrors} timeouts` : ''} | ${(f.recoveredMs / 1000).toFixed(1)} s |`),
    '',
    `Cases (concurrency ${CONCURRENCY}) are three human tasks each, completed over HTTP with retries on 503 through an API process; the worker and the API are separate processes. The Temporal dev server is killed (SIGKILL) and started again on its SQLite file; PostgreSQL (a private cluster) gets a fast shutdown and a start. Nothing is restarted by hand besides the dependency itself: the API and worker reconnect on their own.`,
  ]);
  await cluster.close();
  await fresh.drop();
  postgres.stop();
  if (result.lost + result.duplicateTasks + result.duplicateAuditEvents + result.brokenChains + result.http5xx + result.failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
