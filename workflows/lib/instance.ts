// What every process workflow knows about its own instance, and the audit helper that stamps workflow time.
import { uuid4 } from '@temporalio/workflow';
import type { AuditActor, InstanceContext } from '../../domain/instance-records';
import { records } from './activities';
import { batchesSteps, stepWrite } from './step-writes';

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
 * Registers the case (its row, if the API did not write it, and the start event). Not awaited on the new path:
 * the first task the process opens joins the registration's transaction; anything the process writes otherwise
 * still commits after it, because the step's local activity finishes before the workflow task's commands go out.
 */
export async function registerInstance(ctx: InstanceContext, input: Record<string, unknown>, orgUnitId: string): Promise<void> {
  const args = { ctx, input, orgUnitId };
  if (batchesSteps()) void stepWrite({ kind: 'register', args });
  else await records.registerInstance(args);
}
