// Reliability: two worker processes and two API processes against one Temporal server and one PostgreSQL. Cases
// are driven through both APIs in turn; afterwards every case must be closed, and Temporal's histories must show
// that both workers ran workflow and activity tasks.
//   npm run reliability:two-of-each   (BENCH_N or REL_CASES, default 300; REL_CONCURRENCY, default 30)
import { Client, Connection } from '@temporalio/client';
import { freshPostgres } from '../fresh-database';
import { appendResult } from '../report';
import { benchN, settingsInEnvironment } from '../settings';
import { startCluster } from './cluster';
import { ResilientClient, count5xx, driveCases, newTally } from './driver';
import { waitForPort } from './processes';
import { verifyRun } from './verify';

const CASES = benchN(300, 'REL_CASES');
const CONCURRENCY = Number(process.env.REL_CONCURRENCY ?? 30);
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const fresh = await freshPostgres(SERVER_URL, 'shanzhi_reliability_two');
  const cluster = await startCluster(fresh.url);
  const workers = [cluster.worker('worker-1'), cluster.worker('worker-2')];
  const apis = [await cluster.api('api-1'), await cluster.api('api-2')];
  // Started together on purpose: start-up work (migrations, seeds) must not race.
  for (const part of [...workers, ...apis.map((a) => a.part)]) part.start();
  for (const api of apis) await waitForPort(api.port);
  for (const worker of workers) await worker.printed(/polling task queue/);

  const tally = newTally();
  const client = new ResilientClient(apis.map((a) => a.base), tally);
  const started = performance.now();
  const drive = await driveCases(client, CASES, CONCURRENCY);
  const seconds = (performance.now() - started) / 1000;
  const verdict = await verifyRun(cluster.database.db, drive.instanceIds);

  // Which worker ran what, from the identities (pid@host) Temporal recorded in each case's history.
  const connection = await Connection.connect({ address: cluster.temporalAddress });
  const temporal = new Client({ connection });
  const byWorker = workers.map(() => ({ cases: 0, workflowTasks: 0, activityTasks: 0 }));
  for (const id of drive.instanceIds) {
    const history = await temporal.workflow.getHandle(id).fetchHistory();
    let first: number | undefined;
    for (const event of history.events ?? []) {
      const identity = event.workflowTaskStartedEventAttributes?.identity ?? event.activityTaskStartedEventAttributes?.identity;
      const index = workers.findIndex((w) => identity?.startsWith(`${w.pid}@`));
      if (index < 0) continue;
      first ??= index;
      if (event.workflowTaskStartedEventAttributes) byWorker[index].workflowTasks++;
      else byWorker[index].activityTasks++;
    }
    // A case sticks to the worker that ran its first task (Temporal's sticky queue keeps its state cached there).
    if (first !== undefined) byWorker[first].cases++;
  }
  await connection.close();
  const result = { ...verdict, seconds, failures: drive.failures.length, http5xx: count5xx(tally), byWorker };
  console.log(JSON.stringify({ ...result, firstFailures: drive.failures.slice(0, 5), serverErrors: tally.serverErrors }, null, 2));

  appendResult('Reliability: two workers and two API processes', [...settingsInEnvironment(), 'npm run reliability:two-of-each'].join(' '), [
    '| cases run | closed | lost | duplicate tasks | duplicate audit events | broken chains | HTTP 5xx | worker 1 cases / workflow tasks / activity tasks | worker 2 cases / workflow tasks / activity tasks | time |',
    '|---|---|---|---|---|---|---|---|---|---|',
    `| ${result.cases} | ${result.closed} | ${result.lost} | ${result.duplicateTasks} | ${result.duplicateAuditEvents} | ${result.brokenChains} | ${result.http5xx} | ${byWorker[0].cases} / ${byWorker[0].workflowTasks} / ${byWorker[0].activityTasks} | ${byWorker[1].cases} / ${byWorker[1].workflowTasks} / ${byWorker[1].activityTasks} | ${seconds.toFixed(0)} s |`,
    '',
    `All four processes start at the same moment against one fresh PostgreSQL database (start-up migrations and seeds take turns under an advisory lock). Requests alternate between the two API processes (concurrency ${CONCURRENCY}); the counts come from the worker identities in each case's Temporal history; a case stays with the worker that ran its first task (sticky execution), so cases, not single tasks, are what spreads.`,
  ]);
  await cluster.close();
  await fresh.drop();
  if (result.lost + result.duplicateTasks + result.duplicateAuditEvents + result.brokenChains + result.http5xx + result.failures > 0
    || byWorker.some((w) => w.cases === 0)) process.exitCode = 1;
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
