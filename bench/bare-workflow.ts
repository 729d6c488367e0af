// The bare-Temporal peer of benchmark 1: a workflow that waits for three Updates, one after another, and ends —
// the same shape as a three-step Shanzhi case without inbox, audit or validation.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const bareStep = defineUpdate<number, []>('bareStep');

export async function bareThreeSteps(): Promise<number> {
  let steps = 0;
  setHandler(bareStep, () => ++steps);
  await condition(() => steps >= 3);
  return steps;
}
