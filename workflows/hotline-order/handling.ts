// Handling (art. 15): the receiving unit handles on the order's own task and may extend its limit only with a reason
// the caller is told (art. 15(2)); a street handles through a linked whistle-escalation case (art. 16), started as a
// child workflow so both audits and case pages name each other. The street's task then holds the order's limit (and
// its extensions) while the case runs, and the case's close is its report. Either way the order goes on to the return
// visit when the unit reports or the limit ends (art. 23).
import { ParentClosePolicy, condition, patched, startChild } from '@temporalio/workflow';
import { computeDeadline, DEFAULT_OFFICE_HOURS, toShanghaiIso } from '../../domain/calendar/deadline';
import { HotlineStep, hotlineSteps, LINKED_CASE_STEP, RECEIVING_ROLE } from '../../domain/processes/steps/hotline-order';
import { extensionLimit, WHISTLE_KEY, whistleTitle } from '../../domain/processes/steps/whistle-escalation';
import type { WhistleInput } from '../../domain/processes/whistle-escalation';
import { notifications, records } from '../lib/activities';
import { openHumanTask, type TaskDecision } from '../lib/human-task';
import { recordEvent } from '../lib/instance';
import { whistleEscalation, type WhistleOutcome } from '../whistle-escalation';
import type { Accepted } from './first-receiver';
import type { HotlineArgs } from './types';

const steps = hotlineSteps;

export interface Handled {
  inTime: boolean;
  result: string | null;
  linkedCaseId: string | null;
}

/** A street's linked case as the order waits on it. */
interface Linked { caseId: string; closed?: WhistleOutcome; failed?: boolean }

/** Street orders whose handling began before the street held the order's handling task waited on the case alone; they replay so. */
const STREET_HOLDS_HANDLE_TASK = 'hotline-street-holds-handle-task';

export async function handle(args: HotlineArgs, accepted: Accepted, since: Date, attempt: number, extensions: { count: number }): Promise<Handled> {
  const { ctx, limits } = args;
  const hours = ctx.officeHours ?? DEFAULT_OFFICE_HOURS;
  const dueAt = computeDeadline(since, limits.handle, hours).dueAt;
  await records.recordHotlineFacts({ instanceId: ctx.instanceId, order: { handleDueAt: dueAt.toISOString() } });
  const holdsTask = accepted.unit.kind !== 'street' || patched(STREET_HOLDS_HANDLE_TASK);
  const linked = accepted.unit.kind === 'street' ? await linkedCase(args, accepted, attempt, holdsTask) : null;
  if (linked && !holdsTask) return waitOnCaseAlone(args, linked, dueAt);
  const requests: TaskDecision[] = [];
  const task = await openHumanTask(ctx, {
    stepId: HotlineStep.Handle, step: { ...steps[HotlineStep.Handle], role: RECEIVING_ROLE[accepted.unit.kind] },
    orgUnitId: accepted.unit.id, limit: limits.handle, since, onDeadline: 'escalate',
    context: {
      unitId: accepted.unit.id, unitName: accepted.unit.name, ...(attempt > 1 ? { reopened: true } : {}), ...(linked ? { linkedCaseId: linked.caseId } : {}),
    },
    allows: (action, state) => {
      if (action === 'report' && linked) return `the street reports through its linked whistle case ${linked.caseId}: its close reports to the order (art. 16)`;
      return action === 'requestExtension' && state.overdue ? 'an extension must be requested before the limit ends' : null;
    },
    holdsDeadline: (action) => action === 'requestExtension',
    onOpenAction: (decision) => { requests.push(decision); },
  });
  let settled = false;
  let reported = false;
  const outcome = task.outcome.then((o) => { settled = true; return o; });
  while (!settled) {
    await condition(() => settled || requests.length > 0 || (linked?.closed !== undefined && !reported));
    if (linked?.closed && !reported) {
      reported = true;
      const closed = linked.closed;
      const result = `联动案件${linked.caseId}${closed.status === 'closed' ? '已结案' : '不予立案'}`;
      await task.complete('report', { caseId: linked.caseId, result, status: closed.status, satisfaction: closed.assessment.satisfaction }, accepted.contact.actor);
      continue;
    }
    const request = requests.shift();
    if (!request) continue;
    // Art. 15(2): the unit extends on its own reason, which the caller and the centre are told; no one approves it.
    const duration = String(request.data.duration);
    // Counted on from the last day of the running limit: a calendar-day limit ends at 24:00, which is already the next day.
    const extended = computeDeadline(new Date(task.state.dueAt.getTime() - 1), extensionLimit(duration), hours).dueAt;
    await task.reschedule(extended, { duration, reason: request.data.reason, callerInformed: true });
    task.releaseDeadline();
    extensions.count++;
    await records.recordHotlineFacts({ instanceId: ctx.instanceId, order: { handleDueAt: extended.toISOString(), extensions: extensions.count } });
    await notifications.informCaller({
      instanceId: ctx.instanceId, caller: args.input.caller,
      text: `您的12345诉求（${ctx.instanceId}）办理时限延长至${toShanghaiIso(extended).slice(0, 16).replace('T', ' ')}，理由：${String(request.data.reason)}`,
    }).catch(() => undefined);
  }
  const result = await outcome;
  if (result.kind === 'completed') {
    await records.recordHotlineFacts({ instanceId: ctx.instanceId, order: { reportedAt: result.decision.at.toISOString() } });
    return { inTime: true, result: String(result.decision.data.result), linkedCaseId: linked?.caseId ?? null };
  }
  return { inTime: false, result: null, linkedCaseId: linked?.caseId ?? null };
}

/**
 * Files the street's whistle case for the order; its close is noted on the returned handle. The case runs on if the
 * order's limit ends first (the return visit does not wait for it). Null when no grid of the street can be named for
 * it: the street then handles and reports on the order's own task.
 */
async function linkedCase(args: HotlineArgs, accepted: Accepted, attempt: number, holdsTask: boolean): Promise<Linked | null> {
  const { ctx, input } = args;
  const gridCode = typeof accepted.contact.data.gridCode === 'string' ? accepted.contact.data.gridCode : input.gridCode;
  const plan = gridCode
    ? await records.planLinkedCase({ gridCode, streetId: accepted.unit.id, eventCategory: args.eventCategory }).catch(() => null)
    : null;
  if (!gridCode || !plan) {
    await recordEvent(ctx, { stepId: null, action: 'noLinkedCase', data: { unitId: accepted.unit.id, reason: 'no grid of the street named' } });
    return null;
  }
  const caseId = `${ctx.instanceId}-W${attempt}`;
  const whistleInput: WhistleInput = {
    category: args.eventCategory, gridCode, location: input.location ?? `12345工单 ${ctx.instanceId}`, description: input.content,
    source: 'hotline', requester: input.caller,
  };
  const { routing } = plan;
  // Named on the order first, so the case is never seen without the order it reports to.
  if (holdsTask) await records.recordHotlineFacts({ instanceId: ctx.instanceId, order: { linkedCaseId: caseId } });
  const child = await startChild(whistleEscalation, {
    workflowId: caseId,
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [{
      ctx: {
        instanceId: caseId, processKey: WHISTLE_KEY, processVersion: plan.processVersion, title: whistleTitle(whistleInput),
        startedBy: accepted.contact.actor, orgPath: [routing.gridId, routing.communityId, routing.streetId, routing.districtId], officeHours: ctx.officeHours,
      },
      input: whistleInput, routing, limits: plan.limits,
    }],
  });
  if (!holdsTask) await records.recordHotlineFacts({ instanceId: ctx.instanceId, order: { linkedCaseId: caseId } });
  await recordEvent(ctx, { stepId: LINKED_CASE_STEP, action: 'linkCase', actor: accepted.contact.actor, data: { caseId, unitId: accepted.unit.id, gridCode } });
  const linked: Linked = { caseId };
  // A case that fails leaves the order to its limit: the task times out and the centre pays the return visit.
  void child.result().then((o) => { linked.closed = o; }, () => { linked.failed = true; });
  return linked;
}

/** How street orders filed before STREET_HOLDS_HANDLE_TASK go on: waiting on the case or the order's limit, no task. */
async function waitOnCaseAlone(args: HotlineArgs, linked: Linked, dueAt: Date): Promise<Handled> {
  const { ctx } = args;
  const caseId = linked.caseId;
  const ended = await condition(() => linked.closed !== undefined || linked.failed === true, Math.max(1, dueAt.getTime() - Date.now()));
  if (!ended || linked.failed) {
    await recordEvent(ctx, { stepId: HotlineStep.Handle, action: 'timeout', data: { caseId, dueAt: dueAt.toISOString() } });
    return { inTime: false, result: null, linkedCaseId: caseId };
  }
  const closed = linked.closed!;
  const result = `联动案件${caseId}${closed.status === 'closed' ? '已结案' : '不予立案'}`;
  await records.recordHotlineFacts({ instanceId: ctx.instanceId, order: { reportedAt: new Date().toISOString() } });
  await recordEvent(ctx, { stepId: HotlineStep.Handle, action: 'report', data: { caseId, result, status: closed.status, satisfaction: closed.assessment.satisfaction } });
  return { inTime: true, result, linkedCaseId: caseId };
}
