// Department handling (部门报到办理): every dispatched department reports in (acknowledges) within its limit and
// handles in parallel; it may dispute the order (the shift chief rules, the dispatcher reassigns), ask for an
// extension (an approved one moves its deadline) or for parking (挂账: the clock stops until it resumes).
// An extension asked for before the deadline holds it until the shift chief rules, however long that takes: the
// department is not escalated for the chief's delay. Approved, the deadline moves (from where it was) and the case
// goes on; denied, a deadline already passed escalates at once.
// A missed acknowledgement or deadline, or a shift chief's ruling that the case is beyond the street, sends
// the whole case to the district: the other departments' tasks are withdrawn at once.
import { condition, patched } from '@temporalio/workflow';
import { computeDeadline, DEFAULT_OFFICE_HOURS } from '../../domain/calendar/deadline';
import {
  extensionLimit, REVIEW_KINDS, whistleSteps, WhistleStep, type ReviewKind,
} from '../../domain/processes/steps/whistle-escalation';
import { openHumanTask, supervisedTask, type TaskDecision, type TaskHandle, type TaskState } from '../lib/human-task';
import type { Case } from './types';
import type { StepTable } from '../../domain/process-steps';

export type EscalationReason = 'deadlineMissed' | 'acknowledgementMissed' | 'beyondStreet';
/** Resolved names the departments that finished the work (after any reassignment) and the lead among them. */
export type DepartmentsResult =
  | { kind: 'resolved'; departments: string[]; lead: string }
  | { kind: 'escalate'; reason: EscalationReason; departments: string[] };

/** The departments working on the case at once, so one escalation can withdraw all the others. */
interface Team {
  handles: Set<TaskHandle>;
  resolvedBy: string[];
  lead: string | null;
  escalation: { reason: EscalationReason; departments: string[] } | null;
  withdrawals: Promise<void>[];
}

const steps: StepTable = whistleSteps;
/** Cases whose department branch started before this rule escalated at the deadline, request or not; they replay so. */
const EXTENSION_HOLDS_DEADLINE = 'extension-request-holds-deadline';
const isReview = (action: string): action is keyof typeof REVIEW_KINDS => Object.hasOwn(REVIEW_KINDS, action);

export async function runDepartments(c: Case, departments: string[], lead: string, rework: boolean): Promise<DepartmentsResult> {
  const team: Team = { handles: new Set(), resolvedBy: [], lead: null, escalation: null, withdrawals: [] };
  await Promise.all(departments.map((d) => branch(c, team, d, d === lead, rework)));
  await Promise.all(team.withdrawals);
  if (team.escalation) return { kind: 'escalate', ...team.escalation };
  return { kind: 'resolved', departments: team.resolvedBy, lead: team.lead ?? team.resolvedBy[0] };
}

function escalate(team: Team, reason: EscalationReason, departmentId: string): void {
  if (team.escalation) {
    if (!team.escalation.departments.includes(departmentId)) team.escalation.departments.push(departmentId);
    return;
  }
  team.escalation = { reason, departments: [departmentId] };
  for (const handle of team.handles) team.withdrawals.push(handle.withdraw('the case was escalated to the district'));
}

/** What the department's task allows now: one request at a time, extensions before the deadline, resume only when parked. */
function allows(action: string, state: TaskState & { overdue: boolean }, pending: boolean): string | null {
  if (isReview(action) && pending) return 'a request on this task is waiting for the shift chief';
  if (action === 'requestExtension' && state.overdue) return 'an extension must be requested before the deadline';
  if (action === 'requestParking' && state.paused) return 'this task is already parked';
  if (action === 'resume' && !state.paused) return 'this task is not parked';
  return null;
}

async function branch(c: Case, team: Team, departmentId: string, lead: boolean, rework: boolean): Promise<void> {
  if (team.escalation) return;
  const requests: TaskDecision[] = [];
  let pending = false;
  const holds = patched(EXTENSION_HOLDS_DEADLINE);
  const handle = await openHumanTask(c.ctx, {
    stepId: WhistleStep.DepartmentHandle,
    step: steps[WhistleStep.DepartmentHandle],
    orgUnitId: departmentId,
    limit: c.limits[WhistleStep.DepartmentHandle] ?? steps[WhistleStep.DepartmentHandle].defaultLimit,
    onDeadline: 'escalate',
    acknowledgement: { action: 'acknowledge', limit: c.limits.acknowledge ?? { amount: 2, unit: 'workingHours' } },
    context: { departmentId, lead, ...(rework ? { rework: true, reworks: c.assessment.reworks } : {}) },
    allows: (action, state) => allows(action, state, pending),
    holdsDeadline: holds ? (action) => action === 'requestExtension' : undefined,
    onOpenAction: (decision) => {
      if (isReview(decision.action)) pending = true;
      if (decision.action !== 'acknowledge') requests.push(decision);
    },
  });
  team.handles.add(handle);
  let settled = false;
  const outcome = handle.outcome.then((o) => { settled = true; return o; });
  let disputed: TaskDecision | null = null;

  while (!settled) {
    await condition(() => settled || requests.length > 0);
    if (settled) break;
    const request = requests.shift()!;
    if (request.action === 'resume') {
      await handle.resume({ resumedBy: request.actor.name, note: request.data.note ?? null });
      continue;
    }
    const kind = REVIEW_KINDS[request.action as keyof typeof REVIEW_KINDS];
    const ruling = await review(c, kind, departmentId, request, () => settled);
    pending = false;
    if (!ruling || settled || ruling.action === 'deny') {
      handle.releaseDeadline();
      continue;
    }
    if (ruling.action === 'escalate') {
      escalate(team, 'beyondStreet', departmentId);
      continue;
    }
    const approval = { approvedBy: ruling.actor.name, reason: request.data.reason };
    if (kind === 'extension') {
      const duration = String(request.data.duration);
      const dueAt = computeDeadline(handle.state.dueAt, extensionLimit(duration), c.ctx.officeHours ?? DEFAULT_OFFICE_HOURS).dueAt;
      // Moved before it is released, so a deadline held past is never seen unheld and unmoved.
      const late = ruling.at.getTime() > handle.state.dueAt.getTime();
      await handle.reschedule(dueAt, { ...approval, duration, ...(late ? { approvedAfterDeadline: true } : {}) });
      handle.releaseDeadline();
    } else if (kind === 'parking') {
      await handle.pause(approval);
    } else {
      disputed = request;
      await handle.withdraw('dispute approved: the dispatcher reassigns');
    }
  }
  team.handles.delete(handle);
  const result = await outcome;
  if (result.kind === 'completed') {
    c.noteTime(departmentId, true);
    if (!team.resolvedBy.includes(departmentId)) team.resolvedBy.push(departmentId);
    if (lead) team.lead = departmentId;
  } else if (result.kind === 'timeout') {
    c.noteTime(departmentId, false);
    escalate(team, result.missed === 'acknowledgement' ? 'acknowledgementMissed' : 'deadlineMissed', departmentId);
  } else if (disputed && !team.escalation) {
    await reassign(c, team, departmentId, lead, rework, disputed);
  }
}

/** Opens the shift chief's review of a request; withdraws it if the department's task ends first. */
async function review(c: Case, kind: ReviewKind, departmentId: string, request: TaskDecision, taskEnded: () => boolean): Promise<TaskDecision | null> {
  const handle = await openHumanTask(c.ctx, {
    stepId: WhistleStep.ShiftChiefReview,
    step: steps[WhistleStep.ShiftChiefReview],
    orgUnitId: c.routing.streetId,
    limit: c.limits[WhistleStep.ShiftChiefReview] ?? steps[WhistleStep.ShiftChiefReview].defaultLimit,
    onDeadline: 'supervise',
    context: { kind, departmentId, requestedBy: request.actor.name, ...request.data },
    allows: (action) => (action === 'escalate' && kind !== 'dispute' ? 'only a dispute can be escalated to the district' : null),
  });
  let ruled = false;
  const outcome = handle.outcome.then((o) => { ruled = true; return o; });
  await condition(() => ruled || taskEnded());
  if (!ruled) await handle.withdraw('the department task ended before the ruling');
  const result = await outcome;
  return result.kind === 'completed' ? result.decision : null;
}

/** After an approved dispute the dispatcher sends the work to other departments, or drops that part. */
async function reassign(c: Case, team: Team, from: string, lead: boolean, rework: boolean, dispute: TaskDecision): Promise<void> {
  const decision = await supervisedTask(c.ctx, {
    stepId: WhistleStep.Dispatch, step: steps[WhistleStep.Dispatch], orgUnitId: c.routing.streetId,
    limit: c.limits[WhistleStep.Dispatch] ?? steps[WhistleStep.Dispatch].defaultLimit,
    context: { reassign: from, disputeReason: dispute.data.reason },
    allows: (action) => (action === 'reject' ? 'a reassignment goes to another department, or to the district; the case itself stays filed' : null),
  });
  if (decision.action === 'escalate') {
    escalate(team, 'beyondStreet', from);
    return;
  }
  const departments = decision.data.departments as string[];
  const newLead = String(decision.data.lead);
  await Promise.all(departments.map((d) => branch(c, team, d, lead && d === newLead, rework)));
}
