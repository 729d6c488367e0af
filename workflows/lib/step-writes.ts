// The writes of one workflow step, gathered and committed by one local activity in one transaction (ARCHITECTURE
// principle 4). A write joins the step's batch; the batch commits once every coroutine of the activation has run as
// far as it can, so a completion accepted by the Update handler and the next task the process opens in reaction
// land in the same transaction, within the Update's own workflow task. Which writes share a batch depends only on
// the order the activation's jobs run in, so replay gathers the same batches.
import { condition, patched } from '@temporalio/workflow';
import { stepRecords, type StepWrite } from './activities';
import type { NextTaskView } from './messages';

export type { StepWrite };

/**
 * Histories written before steps were batched scheduled one normal activity per write; they replay down the old
 * path, cases started since take this one.
 */
export const STEP_WRITES_PATCH = 'step-writes-in-one-transaction';

/**
 * Reminders, supervision, moved or stopped deadlines and withdrawals were each a normal activity of their own (two more
 * workflow tasks and a transaction each); since this patch they join the step's batch like every other write.
 */
export const DEADLINE_WRITES_PATCH = 'deadline-writes-in-step-transaction';

/** Whether a reminder, supervision, reschedule or withdrawal at this point is a step write (not a normal activity). */
export function deadlineWritesInStep(): boolean {
  return patched(DEADLINE_WRITES_PATCH);
}

/** Whether this point of the workflow writes through step batches (always, for cases started since the patch). */
export function batchesSteps(): boolean {
  return patched(STEP_WRITES_PATCH);
}

interface Batch {
  writes: StepWrite[];
  committed: Promise<StepWrite[]>;
  resolve: (writes: StepWrite[]) => void;
  reject: (error: unknown) => void;
}

let gathering: Batch | null = null;
let committing = 0;

/**
 * Resolves once the activation has settled: every coroutine woken so far has run until it waits on something.
 * A condition is evaluated at once when made and again on each pass the worker makes over the blocked conditions
 * after the microtasks drained; waiting for two such passes lets a coroutine woken in the same pass as this one
 * (the process, woken by a completion) run on to its next write first.
 */
async function settled(): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    let seen = false;
    await condition(() => {
      const again = seen;
      seen = true;
      return again;
    });
  }
}

async function commitWhenSettled(batch: Batch): Promise<void> {
  await settled();
  if (gathering === batch) gathering = null;
  committing++;
  try {
    await stepRecords.recordStep({ writes: batch.writes });
    batch.resolve(batch.writes);
  } catch (error) {
    batch.reject(error);
  } finally {
    committing--;
  }
}

/**
 * Adds a write to the step's batch. The promise resolves with every write of the batch once it committed; a
 * caller that does not await it still has it committed before the workflow settles (see `writesSettled`).
 */
export function stepWrite(write: StepWrite): Promise<StepWrite[]> {
  if (!gathering) {
    let resolve!: (writes: StepWrite[]) => void;
    let reject!: (error: unknown) => void;
    const committed = new Promise<StepWrite[]>((res, rej) => { resolve = res; reject = rej; });
    const batch: Batch = { writes: [], committed, resolve, reject };
    gathering = batch;
    void commitWhenSettled(batch);
  }
  gathering.writes.push(write);
  return gathering.committed;
}

/** No write gathered or being committed: the workflow may end or continue as new without losing one. */
export function writesSettled(): boolean {
  return gathering === null && committing === 0;
}

/** The tasks a committed batch opened, as a client needs them to act on one without polling the inbox. */
export function openedTasks(writes: StepWrite[]): NextTaskView[] {
  return writes.flatMap((write) => {
    if (write.kind !== 'open') return [];
    const { taskId, stepId, name, role, orgUnitId, dueAt } = write.args;
    return [{ taskId, stepId, name, role, orgUnitId, dueAt }];
  });
}
