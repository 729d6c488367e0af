// Builds the web app (modeler/ → modeler/dist) when it is missing or older than its sources, so `npm start`
// and the browser tests always serve the current app and skip the build when nothing changed.
// `--force` rebuilds regardless.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const appDir = join(root, 'modeler');
const stamp = join(appDir, 'dist', 'index.html');
const sources = [join(appDir, 'src'), join(appDir, 'index.html'), join(appDir, 'vite.config.ts'), join(root, 'domain', 'bpmn', 'shanzhi-moddle.json'), join(root, 'api', 'openapi'), join(root, 'package-lock.json')];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

export function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return sources.some((source) => newestMtime(source) > built);
}

async function main() {
  if (!process.argv.includes('--force') && !isStale()) {
    console.log('[modeler] web app is up to date');
    return;
  }
  const started = Date.now();
  console.log('[modeler] building the web app…');
  // The API types come from the server's OpenAPI document: regenerated first, so a build never uses stale ones.
  execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'gen-client.ts')], { stdio: 'inherit', cwd: root });
  // Always a production build: callers such as Jest set NODE_ENV=test, which would give React's dev build.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: join(appDir, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`[modeler] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(`[modeler] build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
