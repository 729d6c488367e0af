// What every process workflow knows about its own instance, and the audit helper that stamps workflow time.
import { allHandlersFinished, condition, setHandler, uuid4 } from '@temporalio/workflow';
import type { AssessmentRecord, AuditActor, InstanceContext } from '../../domain/instance-records';
import { records } from './activities';
import { batchesSteps, openedTasks, stepWrite, writesSettled } from './step-writes';
import { caseOpenedUpdate, type NextTaskView } from './messages';

export type { InstanceContext };

/** Appends one audit event at the current workflow time; the event key makes activity retries harmless. */
export async function recordEvent(ctx: InstanceContext, event: {
  stepId: string | null; action: string; data?: Record<string, unknown>; actor?: AuditActor | null;
}): Promise<void> {
  const args = {
    instanceId: ctx.instanceId,
    eventKey: `${ctx.instanceId}:${uuid4()}`,
    at: new Date().toISOString(),
    actor: event.actor ?? null,
    stepId: event.stepId,
    action: event.action,
    data: event.data ?? {},
  };
  // Joins a timeout gathered just before (a missed deadline and its escalation commit together).
  if (batchesSteps()) await stepWrite({ kind: 'event', args });
  else await records.recordEvent(args);
}

/**
 * Answers the API's start with the tasks the case opened (caseOpenedUpdate). Set in the first activation, where the
 * Update sent with the start waits for its handler; setting it writes nothing to the history.
 */
export function answerCaseOpened(tasks: () => Promise<NextTaskView[]>): void {
  setHandler(caseOpenedUpdate, tasks);
}

/**
 * Registers the case (its row, if the API did not write it, and the start event). Not awaited on the new path:
 * the first task the process opens joins the registration's transaction; anything the process writes otherwise
 * still commits after it, because the step's local activity finishes before the workflow task's commands go out.
 * The start's answer names the tasks that transaction opened.
 */
export async function registerInstance(ctx: InstanceContext, input: Record<string, unknown>, orgUnitId: string): Promise<void> {
  const args = { ctx, input, orgUnitId };
  if (!batchesSteps()) {
    await records.registerInstance(args);
    return;
  }
  const registered = stepWrite({ kind: 'register', args });
  answerCaseOpened(async () => openedTasks(await registered));
}

/**
 * Closes the case (its outcome, assessment and end event) once every Update handler has returned and every gathered
 * write has committed, so no accepted decision is cut off by the workflow ending. The close joins the transaction of
 * the decision that ended the case.
 */
export async function closeInstance(args: {
  instanceId: string; status: string; at: string; stepId: string; outcome: Record<string, unknown>; assessment?: AssessmentRecord;
}): Promise<void> {
  if (!batchesSteps()) {
    await condition(allHandlersFinished);
    await records.closeInstance(args);
    return;
  }
  const written = stepWrite({ kind: 'close', args });
  await condition(() => allHandlersFinished() && writesSettled());
  await written;
}
