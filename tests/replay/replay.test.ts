// Histories of running cases, captured from earlier code (tests/replay/capture-histories.test.ts), replay on the
// workflow code as it is now: a change to the workflows that would make a running case fail on its next workflow task
// (a nondeterminism error) fails here first. Changes that alter the commands workflows issue must be patched.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { BUNDLE_PATH } from '../support/paths';

const HISTORIES = join(__dirname, 'histories');
const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.history.bin')).sort();

test('there are captured histories to replay', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)('%s replays on the current workflow code', async (file) => {
  const history = temporal.api.history.v1.History.decode(readFileSync(join(HISTORIES, file)));
  await Worker.runReplayHistory({ workflowBundle: { codePath: BUNDLE_PATH } }, history, file.replace(/\.history\.bin$/, ''));
});
