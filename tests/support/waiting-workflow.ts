// A workflow that only waits, forever, for tests of the worker itself rather than of a process.
import { condition } from '@temporalio/workflow';

export async function waitingWorkflow(): Promise<void> {
  await condition(() => false);
}
