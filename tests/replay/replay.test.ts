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

test('an Update that reached a fresh worker with the workflow\'s first task, after a kill, replays as accepted', async () => {
  // Captured from `npm run reliability:kill-worker`: the worker died after the case's first step (its start and the
  // community task) had committed but before its workflow task completed; the clerk, who could already see the task,
  // resolved it, and the next worker got the start and the Update in one activation. Until the Update handler was
  // set only once the task was registered, that Update was refused as "no longer current" (409) and the case stuck;
  // the code before the fix does not replay this history.
  const file = 'whistle-update-with-first-task-after-worker-kill.history.bin';
  const history = temporal.api.history.v1.History.decode(readFileSync(join(HISTORIES, file)));
  const events = history.events ?? [];
  const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  const before = events.slice(0, accepted);
  // Given the history's shape: a first workflow task that timed out, and the Update accepted in the one after it
  expect(before.filter((e) => e.workflowTaskTimedOutEventAttributes || e.workflowTaskFailedEventAttributes)).toHaveLength(1);
  expect(before.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
  expect(events.some((e) => e.workflowExecutionUpdateCompletedEventAttributes)).toBe(true);
  // Then it replays on the current code
  await Worker.runReplayHistory({ workflowBundle: { codePath: BUNDLE_PATH } }, history, 'update-with-first-task');
});
