// The approver's decision and when it fell. Commitment route: on the spot (当场审批). Normal route: 20 working days
// from acceptance (行政许可法 art. 42). Only an extension the approver asks for with a reason and the agency head
// approves before those days end adds the 10 more, and the applicant is told why; a decision missing its limit is
// supervised (督办) and counted late.
import { ApplicationFailure, condition } from '@temporalio/workflow';
import { computeDeadline, DEFAULT_OFFICE_HOURS, toShanghaiIso } from '../../domain/calendar/deadline';
import { ART42_BASIS, LicensingService, LicensingStep, licensingSteps } from '../../domain/processes/steps/commitment-licensing';
import { notifications } from '../lib/activities';
import { openHumanTask, type TaskDecision } from '../lib/human-task';
import { recordEvent } from '../lib/instance';
import type { DecisionTiming, ExtensionGrant, LicensingArgs, Route } from './types';
import type { StepTable } from '../../domain/process-steps';

const steps: StepTable = licensingSteps;

export async function decide(args: LicensingArgs, route: Route, acceptedAt: Date): Promise<{ decision: TaskDecision; timing: DecisionTiming }> {
  const { ctx, streetId, limits } = args;
  const hours = ctx.officeHours ?? DEFAULT_OFFICE_HOURS;
  const limit = route === 'commitment' ? limits.onSpot : limits.steps[LicensingStep.Approve] ?? steps[LicensingStep.Approve].defaultLimit;
  const requests: TaskDecision[] = [];
  let pending = false;
  let extension: ExtensionGrant | null = null;
  const handle = await openHumanTask(ctx, {
    stepId: LicensingStep.Approve, step: steps[LicensingStep.Approve], orgUnitId: streetId, limit, since: acceptedAt, onDeadline: 'supervise',
    context: { route, onSpot: route === 'commitment', countedFrom: acceptedAt.toISOString() },
    allows: (action, state) => {
      if (action !== 'requestExtension') return null;
      if (route === 'commitment') return 'an on-the-spot decision (commitment route) is not extended';
      if (extension) return `the extension of ${ART42_BASIS} was already granted; it is granted once`;
      if (pending) return 'an extension request is waiting for the agency head';
      if (state.overdue) return 'an extension must be asked for before the decision period ends';
      return null;
    },
    onOpenAction: (decision) => {
      if (decision.action !== 'requestExtension') return;
      pending = true;
      requests.push(decision);
    },
  });
  const dueAt = handle.state.dueAt;
  let extendedDueAt: Date | null = null;
  let settled = false;
  const outcome = handle.outcome.then((o) => { settled = true; return o; });

  while (!settled) {
    await condition(() => settled || requests.length > 0);
    if (settled) break;
    const request = requests.shift()!;
    const ruling = await reviewExtension(args, request, dueAt, () => settled);
    pending = false;
    if (!ruling || ruling.action !== 'approve' || settled) continue;
    const reason = String(request.data.reason);
    extendedDueAt = computeDeadline(dueAt, limits.extension, hours).dueAt;
    extension = { reason, requestedBy: request.actor.name, approvedBy: ruling.actor.name, approvedAt: ruling.at.toISOString() };
    await handle.reschedule(extendedDueAt, { basis: ART42_BASIS, extension: limits.extension, ...extension });
    const text = `您的许可申请（${ctx.title}）审批期限经负责人批准延长${limits.extension.amount}个工作日，至 ${toShanghaiIso(extendedDueAt).slice(0, 16).replace('T', ' ')}。`
      + `理由：${reason}（${ART42_BASIS}）`;
    const recipient = { userId: ctx.startedBy.role === 'applicant' ? ctx.startedBy.id : null, name: args.input.applicant.name, creditCode: args.input.applicant.creditCode };
    // The trail (shown on the applicant's case view) is the record that they were told; the message is best effort.
    await recordEvent(ctx, { stepId: LicensingService.NotifyExtension, action: 'notify', data: {
      kind: 'extension', reason, dueAt: dueAt.toISOString(), extendedDueAt: extendedDueAt.toISOString(), extension: limits.extension,
      basis: ART42_BASIS, recipient, text,
    } });
    await notifications.informApplicant({ instanceId: ctx.instanceId, recipient, text }).catch(() => undefined);
  }
  const result = await outcome;
  if (result.kind !== 'completed') throw ApplicationFailure.nonRetryable('a supervised decision can only end in a decision');
  const at = result.decision.at;
  const within = at <= dueAt ? 'limit' : extendedDueAt && at <= extendedDueAt ? 'extension' : 'late';
  return {
    decision: result.decision,
    timing: {
      decidedAt: at.toISOString(), countedFrom: acceptedAt.toISOString(), dueAt: dueAt.toISOString(),
      extendedDueAt: extendedDueAt?.toISOString() ?? null, extension, within,
    },
  };
}

/**
 * The agency head rules on an extension request. An extension approved after the decision period has ended would
 * not be lawful, so the review is withdrawn when the period ends first, or when the decision is made meanwhile.
 */
async function reviewExtension(args: LicensingArgs, request: TaskDecision, decisionDue: Date, decided: () => boolean): Promise<TaskDecision | null> {
  const { ctx, streetId, limits } = args;
  const handle = await openHumanTask(ctx, {
    stepId: LicensingStep.ApproveExtension, step: steps[LicensingStep.ApproveExtension], orgUnitId: streetId,
    limit: limits.steps[LicensingStep.ApproveExtension] ?? steps[LicensingStep.ApproveExtension].defaultLimit, onDeadline: 'supervise',
    context: { reason: request.data.reason, requestedBy: request.actor.name, decisionDueAt: decisionDue.toISOString(), extension: limits.extension, basis: ART42_BASIS },
  });
  let ruled = false;
  const outcome = handle.outcome.then((o) => { ruled = true; return o; });
  await condition(() => ruled || decided(), Math.max(1, decisionDue.getTime() - Date.now()));
  if (!ruled) await handle.withdraw(decided() ? 'the decision was made before the ruling' : 'the decision period ended before the extension was approved');
  const result = await outcome;
  return result.kind === 'completed' ? result.decision : null;
}
