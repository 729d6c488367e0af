// Reliability: SIGKILL the worker process again and again while cases advance. Every case must still close, with no
// task or audit event written twice and every audit chain intact: Temporal retries what the dead worker held, and
// the activities' deterministic keys make the retries harmless.
//   npm run reliability:kill-worker   (BENCH_N or REL_CASES, default 500; REL_CONCURRENCY, default 50; REL_KILL_EVERY_MS, default 15000)
import { freshPostgres } from '../fresh-database';
import { appendResult } from '../report';
import { benchN, settingsInEnvironment } from '../settings';
import { startCluster } from './cluster';
import { ResilientClient, count5xx, driveCases, newTally } from './driver';
import { sleep } from './processes';
import { verifyRun } from './verify';

const CASES = benchN(500, 'REL_CASES');
const CONCURRENCY = Number(process.env.REL_CONCURRENCY ?? 50);
const KILL_EVERY_MS = Number(process.env.REL_KILL_EVERY_MS ?? 15000);
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const fresh = await freshPostgres(SERVER_URL, 'shanzhi_reliability_kill');
  const cluster = await startCluster(fresh.url);
  const { worker, api } = await cluster.startWorkerAndApi();

  const tally = newTally();
  const client = new ResilientClient([api.base], tally);
  let done = 0;
  let driving = true;
  let kills = 0;
  const started = performance.now();
  const killer = (async () => {
    while (driving) {
      // Kill a worker that has come up and polled for a while, not one still starting.
      await worker.printed(/polling task queue/);
      await sleep(KILL_EVERY_MS * (0.5 + Math.random()));
      if (!driving) break;
      await worker.stop('SIGKILL');
      kills++;
      console.log(`kill ${kills}: ${done}/${CASES} cases closed`);
      await sleep(500);
      worker.start();
    }
  })();
  const drive = await driveCases(client, CASES, CONCURRENCY, () => { done++; });
  driving = false;
  await killer;
  const seconds = (performance.now() - started) / 1000;
  const verdict = await verifyRun(cluster.database.db, drive.instanceIds);
  const result = { ...verdict, kills, seconds, failures: drive.failures.length, http5xx: count5xx(tally, true), http503: tally.statuses[503] ?? 0, networkErrors: tally.networkErrors };
  console.log(JSON.stringify({ ...result, firstFailures: drive.failures.slice(0, 5), serverErrors: tally.serverErrors }, null, 2));

  appendResult('Reliability: worker killed (SIGKILL) while cases advance', [...settingsInEnvironment(), 'npm run reliability:kill-worker'].join(' '), [
    '| cases run | worker kills | closed | lost | duplicate tasks | duplicate audit events | broken chains | HTTP 500s | driver failures | time |',
    '|---|---|---|---|---|---|---|---|---|---|',
    `| ${result.cases} | ${kills} | ${result.closed} | ${result.lost} | ${result.duplicateTasks} | ${result.duplicateAuditEvents} | ${result.brokenChains} | ${result.http5xx} | ${result.failures} | ${seconds.toFixed(0)} s |`,
    '',
    `Each case is three human tasks completed over HTTP (concurrency ${CONCURRENCY}) through an API process, while the only worker process is killed with SIGKILL every ${(KILL_EVERY_MS / 1000).toFixed(0)} s on average and restarted half a second later; PostgreSQL, Temporal dev server, worker and API are separate processes.`,
  ]);
  await cluster.close();
  await fresh.drop();
  if (result.lost + result.duplicateTasks + result.duplicateAuditEvents + result.brokenChains + result.http5xx + result.failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
