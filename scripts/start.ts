// `npm start`: the whole system in one process — Temporal dev server (or the time-skipping server with
// --simulation), PGlite, migrations, demo seed, worker, API and web app. Ctrl-C stops it cleanly; the next
// start carries every running instance on.
import { loadConfig } from '../runtime/config';
import { startParts } from '../runtime/stack';
import { DEMO_PASSWORD, DEMO_USERS } from '../db/demo-org';
import { seedDemoCases } from '../runtime/demo-cases';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  log(`[shanzhi] starting${config.simulation ? ' in simulation mode (time-skipping Temporal server)' : ''}…`);
  const running = await startParts(config, { worker: true, api: true }, log);
  const url = `http://localhost:${config.port}`;
  if (!config.production) {
    const demo = await seedDemoCases(running.database.db, url);
    if (demo.started.length > 0) log(`[demo] ${demo.started.length} demo cases opened: ${demo.started.map((c) => c.label).join('；')}`);
    for (const failure of demo.failed) log(`[demo] not opened: ${failure}`);
  }
  log('');
  log(`  善治 Shanzhi is running`);
  log(`  Web app and API   ${url}   (API docs: ${url}/api/openapi.json)`);
  log(`  Temporal          ${running.temporal.address}${running.temporal.webUi ? `   Web UI: ${running.temporal.webUi}` : ''}`);
  log(`  Database          ${running.database.kind === 'pglite' ? `PGlite in ${config.dataDir}/pglite` : 'PostgreSQL (DATABASE_URL)'}`);
  if (!config.production) {
    log(`  Demo logins       password "${DEMO_PASSWORD}" for every user: ${DEMO_USERS.filter((u) => !u.username.endsWith('_b')).slice(0, 6).map((u) => u.username).join(', ')}, … (see README)`);
  }
  log('  Press Ctrl-C to stop.');
  log('');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`[shanzhi] ${signal}: stopping…`);
    await running.stop();
    log('[shanzhi] stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => { void stop('SIGINT'); });
  process.on('SIGTERM', () => { void stop('SIGTERM'); });
  running.workerRun?.catch((error: unknown) => {
    console.error('[worker] stopped with an error:', error);
    void stop('worker failure');
  });
}

main().catch((error: unknown) => {
  console.error(`[shanzhi] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
