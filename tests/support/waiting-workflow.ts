// A workflow that only waits (for a signal that never comes), for tests of the worker itself rather than a process.
import { condition } from '@temporalio/workflow';

export async function waitingWorkflow(): Promise<void> {
  await condition(() => false);
}
