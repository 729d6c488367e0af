// Bundles the workflow code once for every suite; each test file then starts workers from this file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { bundleWorkflows } from '../../worker/create-worker';
import { BUNDLE_PATH, CACHE_DIR } from './paths';

export default async function globalSetup(): Promise<void> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const { code } = await bundleWorkflows();
  writeFileSync(BUNDLE_PATH, code);
}
