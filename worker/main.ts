// `npm run worker`: a worker process on the shanzhi task queue. Run as many as you need against one
// Temporal cluster (TEMPORAL_ADDRESS) and one PostgreSQL (DATABASE_URL).
import { loadConfig } from '../runtime/config';
import { startParts } from '../runtime/stack';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporal.address || !config.databaseUrl) {
    throw new Error('a separate worker needs TEMPORAL_ADDRESS and DATABASE_URL (use `npm start` for the embedded stack)');
  }
  const running = await startParts(config, { worker: true, api: false }, (line) => console.log(line));
  console.log(`[worker] polling task queue on ${running.temporal.address}`);
  const stop = () => { void running.stop().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await running.workerRun;
}

main().catch((error: unknown) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
