// Once for every suite: bundles the workflow code (each test file then starts workers from it), and builds
// the web app when its sources changed, so the browser tests drive the current app, and makes the database every
// test file starts from a copy of (test-template.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflows } from '../../worker/create-worker';
import { BUNDLE_PATH, CACHE_DIR, ROOT_DIR } from './paths';
import { prepareTemplate } from './test-template';

export default async function globalSetup(): Promise<void> {
  mkdirSync(CACHE_DIR, { recursive: true });
  execFileSync(process.execPath, [join(ROOT_DIR, 'scripts', 'build-modeler.mjs')], { stdio: 'inherit' });
  const { code } = await bundleWorkflows();
  writeFileSync(BUNDLE_PATH, code);
  await prepareTemplate();
}
