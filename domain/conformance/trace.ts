// Turns an instance's audit trail into the trace the replay reads: openings, completions and the end event.
import type { TraceEvent } from './token-replay';

export interface AuditFact {
  stepId: string | null;
  action: string;
  data: Record<string, unknown>;
}

/** System events about an open task that neither end it nor enable another step. */
const NOT_ENDING = new Set(['open', 'remind', 'supervise', 'claim', 'returnedToPool', 'extend', 'park', 'unpark', 'refused']);
/** Notes on an automatic step (a push's receipt, its alert) that are not a run of the step itself. */
const SERVICE_NOTES = new Set(['acknowledged', 'alert', 'alertCleared']);
/** Automatic steps (service tasks) record one audit event per run: it counts as the step opened and completed. */
const isServiceStep = (stepId: string) => stepId.startsWith('Service_');
/** Actions of the instance's final audit event. */
const ENDINGS = new Set(['close', 'rejected', 'revoked', 'cancelled']);

export function traceOf(events: AuditFact[], keepsOpen: (stepId: string, action: string) => boolean): TraceEvent[] {
  const trace: TraceEvent[] = [];
  for (const e of events) {
    if (!e.stepId) continue;
    const taskEvent = typeof e.data.taskId === 'string';
    if (e.action === 'open') trace.push({ kind: 'opened', stepId: e.stepId });
    else if (e.action === 'withdraw') trace.push({ kind: 'withdrawn', stepId: e.stepId });
    else if (taskEvent && keepsOpen(e.stepId, e.action)) trace.push({ kind: 'signalled', stepId: e.stepId });
    else if (taskEvent && !NOT_ENDING.has(e.action)) trace.push({ kind: 'completed', stepId: e.stepId });
    else if (!taskEvent && ENDINGS.has(e.action)) trace.push({ kind: 'ended', stepId: e.stepId });
    else if (!taskEvent && isServiceStep(e.stepId) && !SERVICE_NOTES.has(e.action)) {
      trace.push({ kind: 'opened', stepId: e.stepId }, { kind: 'completed', stepId: e.stepId });
    }
  }
  return trace;
}
