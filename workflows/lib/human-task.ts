// The one human-task primitive (ARCHITECTURE principle 4): open a task, wait for an accepted completion
// Update or the deadline, remind before it, and report a timeout the process can escalate on.
// Deadlines come from workflow time and the versioned calendar (principle 5), so they replay identically.
import { ApplicationFailure, condition, setHandler, uuid4, workflowInfo, allHandlersFinished } from '@temporalio/workflow';
import type { Actor } from '../../domain/actor';
import { computeDeadline, DEFAULT_OFFICE_HOURS } from '../../domain/calendar/deadline';
import { ErrorType, type ErrorDetail } from '../../domain/errors';
import type { StepContract } from '../../domain/process-contract';
import type { TimeLimit } from '../../domain/time-limit';
import type { AuditActor } from '../../db/audit-log';
import { notifications, records } from './activities';
import type { InstanceContext } from './instance';
import { openTasksQuery, taskActionUpdate, type TaskActionRequest, type TaskActionResult } from './messages';

export interface TaskDecision {
  action: string;
  data: Record<string, unknown>;
  actor: AuditActor;
  at: Date;
}

export type TaskOutcome = { kind: 'completed'; decision: TaskDecision } | { kind: 'timeout'; dueAt: Date };

/**
 * What a missed deadline does: `escalate` closes the task as timed out and returns, so the process can hand
 * the case up a level; `supervise` (督办) keeps the task open and overdue, records supervision and notifies,
 * and goes on waiting for the decision.
 */
export type DeadlinePolicy = 'escalate' | 'supervise';

export interface HumanTaskSpec {
  stepId: string;
  step: StepContract;
  orgUnitId: string;
  limit: TimeLimit;
  onDeadline: DeadlinePolicy;
  /** Refuses an otherwise valid actor (separation of duties); returns the reason. */
  guard?: (actor: Actor) => string | null;
  /** Called for actions that keep the task open (acknowledge, dispute, …). */
  onOpenAction?: (decision: TaskDecision) => void;
  /** Extra audit data for the opening event (e.g. which department). */
  context?: Record<string, unknown>;
}

interface OpenTask {
  spec: HumanTaskSpec;
  taskId: string;
  dueAt: Date;
  inFlight: boolean;
  decision?: TaskDecision;
}

const openTasks = new Map<string, OpenTask>();
const closedTaskIds = new Set<string>();
let handlersInstalled = false;

function reject(type: ErrorType, message: string, details: ErrorDetail[] = []): never {
  throw ApplicationFailure.create({ type, message, details: [details], nonRetryable: true });
}

function auditActor(actor: Actor, role: string): AuditActor {
  return { id: actor.id, name: actor.name, role, orgUnitId: actor.orgUnitId };
}

function validate(request: TaskActionRequest): { task: OpenTask; data: Record<string, unknown> } {
  const task = openTasks.get(request.taskId);
  if (!task) {
    if (closedTaskIds.has(request.taskId)) reject(ErrorType.Conflict, 'this task is already completed');
    reject(ErrorType.Conflict, 'this task is no longer current');
  }
  if (task.inFlight || task.decision) reject(ErrorType.Conflict, 'another decision on this task is being recorded');
  const { step } = task.spec;
  const action = step.actions[request.action];
  if (!Object.hasOwn(step.actions, request.action) || !action) {
    reject(ErrorType.Validation, `unknown action "${request.action}"`, [{ path: 'action', message: `must be one of: ${Object.keys(step.actions).join(', ')}` }]);
  }
  if (!request.actor.roles.includes(step.role)) reject(ErrorType.Forbidden, `this step needs the role ${step.role}`);
  if (!request.actor.scopeOrgUnitIds.includes(task.spec.orgUnitId)) reject(ErrorType.Forbidden, 'this task belongs to another org unit');
  const refusal = task.spec.guard?.(request.actor);
  if (refusal) reject(ErrorType.SeparationOfDuties, refusal);
  const parsed = action.schema.safeParse(request.data ?? {});
  if (!parsed.success) {
    reject(ErrorType.Validation, 'invalid action data', parsed.error.issues.map((i) => ({
      path: ['data', ...i.path.map(String)].join('.'), message: i.message,
    })));
  }
  return { task, data: parsed.data };
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  setHandler(openTasksQuery, () => [...openTasks.values()].map((t) => ({
    taskId: t.taskId, stepId: t.spec.stepId, orgUnitId: t.spec.orgUnitId, dueAt: t.dueAt.toISOString(),
  })));
  setHandler(taskActionUpdate, async (request): Promise<TaskActionResult> => {
    const { task, data } = validate(request);
    const step = task.spec.step;
    const keepsOpen = step.actions[request.action].keepsOpen === true;
    const decision: TaskDecision = { action: request.action, data, actor: auditActor(request.actor, step.role), at: new Date() };
    task.inFlight = true;
    try {
      await records.recordTaskAction({
        taskId: task.taskId,
        instanceId: workflowInfo().workflowId,
        stepId: task.spec.stepId,
        eventKey: `${task.taskId}:${keepsOpen ? uuid4() : 'done'}`,
        action: request.action,
        data,
        actor: decision.actor,
        at: decision.at.toISOString(),
        completes: !keepsOpen,
      });
    } finally {
      task.inFlight = false;
    }
    if (keepsOpen) {
      task.spec.onOpenAction?.(decision);
      return { taskId: task.taskId, status: 'open' };
    }
    task.decision = decision;
    return { taskId: task.taskId, status: 'completed' };
  }, { validator: (request) => { validate(request); } });
}

/**
 * Opens a task and waits for its outcome. Reminds at three quarters of the limit; at the deadline either
 * escalates (returns a timeout) or supervises (stays open) as the spec says.
 */
export async function humanTask(ctx: InstanceContext, spec: HumanTaskSpec): Promise<TaskOutcome> {
  installHandlers();
  const taskId = uuid4();
  const openedAt = new Date();
  const deadline = computeDeadline(openedAt, spec.limit, ctx.officeHours ?? DEFAULT_OFFICE_HOURS);
  await records.openTask({
    taskId,
    instanceId: ctx.instanceId,
    processKey: ctx.processKey,
    stepId: spec.stepId,
    name: spec.step.name,
    role: spec.step.role,
    orgUnitId: spec.orgUnitId,
    actions: Object.keys(spec.step.actions),
    timeLimit: spec.limit,
    calendarVersion: deadline.calendarVersion,
    provisional: deadline.provisional,
    createdAt: openedAt.toISOString(),
    dueAt: deadline.dueAt.toISOString(),
    remindAt: deadline.remindAt.toISOString(),
    title: ctx.title,
    context: spec.context ?? {},
  });
  const task: OpenTask = { spec, taskId, dueAt: deadline.dueAt, inFlight: false };
  openTasks.set(taskId, task);
  const decided = () => task.decision !== undefined;

  const event = { taskId, instanceId: ctx.instanceId, stepId: spec.stepId };
  if (!(await condition(decided, msUntil(deadline.remindAt)))) {
    await notifications.remindTask({ ...event, at: new Date().toISOString() });
    if (!(await condition(decided, msUntil(task.dueAt))) && spec.onDeadline === 'supervise') {
      await records.superviseTask({ ...event, at: new Date().toISOString() });
      await condition(decided);
    }
  }
  // A decision being recorded when the deadline fires still counts: it was accepted before the timeout.
  await condition(() => !task.inFlight);
  openTasks.delete(taskId);
  closedTaskIds.add(taskId);
  if (task.decision) return { kind: 'completed', decision: task.decision };
  await records.expireTask({ ...event, at: new Date().toISOString(), dueAt: task.dueAt.toISOString() });
  return { kind: 'timeout', dueAt: task.dueAt };
}

/** A task whose missed deadline is supervised, not escalated: it always ends in a decision. */
export async function supervisedTask(ctx: InstanceContext, spec: Omit<HumanTaskSpec, 'onDeadline'>): Promise<TaskDecision> {
  const outcome = await humanTask(ctx, { ...spec, onDeadline: 'supervise' });
  if (outcome.kind !== 'completed') throw ApplicationFailure.nonRetryable('a supervised task cannot time out');
  return outcome.decision;
}

function msUntil(instant: Date): number {
  return Math.max(1, instant.getTime() - Date.now());
}

/** Waits until every Update handler has returned, so no accepted decision is cut off by the workflow ending. */
export async function settleHandlers(): Promise<void> {
  await condition(allHandlersFinished);
}
