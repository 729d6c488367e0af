// What every process workflow knows about its own instance, and the audit helper that stamps workflow time.
import { uuid4 } from '@temporalio/workflow';
import type { AuditActor, InstanceContext } from '../../domain/instance-records';
import { records } from './activities';

export type { InstanceContext };

/** Appends one audit event at the current workflow time; the event key makes activity retries harmless. */
export async function recordEvent(ctx: InstanceContext, event: {
  stepId: string | null; action: string; data?: Record<string, unknown>; actor?: AuditActor | null;
}): Promise<void> {
  await records.recordEvent({
    instanceId: ctx.instanceId,
    eventKey: `${ctx.instanceId}:${uuid4()}`,
    at: new Date().toISOString(),
    actor: event.actor ?? null,
    stepId: event.stepId,
    action: event.action,
    data: event.data ?? {},
  });
}
