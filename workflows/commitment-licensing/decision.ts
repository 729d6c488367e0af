// The approver's decision and when it fell. Commitment route: on the spot (当场审批). Normal route: 20 working
// days; if no decision is near at the end of them, the statutory 10-day extension (行政许可法 art. 42) is
// recorded just before they run out, and a decision missing even that is supervised (督办).
import { ApplicationFailure, condition } from '@temporalio/workflow';
import { computeDeadline, DEFAULT_OFFICE_HOURS } from '../../domain/calendar/deadline';
import { LicensingStep, licensingContract } from '../../domain/processes/commitment-licensing';
import { openHumanTask, type TaskDecision } from '../lib/human-task';
import type { InstanceContext } from '../lib/instance';
import type { DecisionTiming, LicensingLimits, Route } from './types';

/** The extension is recorded this long before the 20 working days end, so it is approved within them. */
const EXTENSION_LEAD_MS = 60_000;

export async function decide(ctx: InstanceContext, streetId: string, route: Route, limits: LicensingLimits): Promise<{ decision: TaskDecision; timing: DecisionTiming }> {
  const step = licensingContract.steps[LicensingStep.Approve];
  const limit = route === 'commitment' ? limits.onSpot : limits.steps[LicensingStep.Approve] ?? step.defaultLimit;
  const handle = await openHumanTask(ctx, {
    stepId: LicensingStep.Approve, step, orgUnitId: streetId, limit, onDeadline: 'supervise', context: { route, onSpot: route === 'commitment' },
  });
  const dueAt = handle.state.dueAt;
  let extendedDueAt: Date | null = null;
  let settled = false;
  const outcome = handle.outcome.then((o) => { settled = true; return o; });
  if (route === 'normal') {
    const wait = Math.max(1, dueAt.getTime() - EXTENSION_LEAD_MS - Date.now());
    if (!(await condition(() => settled, wait))) {
      extendedDueAt = computeDeadline(dueAt, limits.extension, ctx.officeHours ?? DEFAULT_OFFICE_HOURS).dueAt;
      await handle.reschedule(extendedDueAt, { reason: 'statutoryExtension', basis: '行政许可法第四十二条', extension: limits.extension });
    }
  }
  const result = await outcome;
  if (result.kind !== 'completed') throw ApplicationFailure.nonRetryable('a supervised decision can only end in a decision');
  const at = result.decision.at;
  const within = at <= dueAt ? 'limit' : extendedDueAt && at <= extendedDueAt ? 'extension' : 'late';
  return {
    decision: result.decision,
    timing: { decidedAt: at.toISOString(), dueAt: dueAt.toISOString(), extendedDueAt: extendedDueAt?.toISOString() ?? null, within },
  };
}
