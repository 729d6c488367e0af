// `npm run api`: an API process (no worker) against TEMPORAL_ADDRESS and DATABASE_URL; run several behind a proxy.
import { loadConfig } from '../runtime/config';
import { startParts } from '../runtime/stack';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporal.address || !config.databaseUrl) {
    throw new Error('a separate API process needs TEMPORAL_ADDRESS and DATABASE_URL (use `npm start` for the embedded stack)');
  }
  const running = await startParts(config, { worker: false, api: true }, (line) => console.log(line));
  console.log(`[api] listening on http://localhost:${config.port}`);
  const stop = () => { void running.stop().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`[api] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
