// The one human-task primitive (ARCHITECTURE principle 4): open a task, wait for an accepted completion
// Update or the deadline, remind before it, and report a timeout the process can escalate on. The process may
// move the deadline (an approved extension), stop and restart the clock (parking) or withdraw the task.
// Deadlines come from workflow time and the versioned calendar (principle 5), so they replay identically.
import { ApplicationFailure, condition, currentUpdateInfo, patched, setHandler, uuid4, workflowInfo, allHandlersFinished } from '@temporalio/workflow';
import type { Actor } from '../../domain/actor';
import { computeDeadline, DEFAULT_OFFICE_HOURS } from '../../domain/calendar/deadline';
import { remainingTime, resumedDeadline, type RemainingTime } from '../../domain/calendar/suspended-period';
import { ErrorType, type ErrorDetail } from '../../domain/errors';
import { actsOnBehalf, splitConsent, type StepShape } from '../../domain/process-steps';
import type { TimeLimit } from '../../domain/time-limit';
import type { AuditActor } from '../../domain/instance-records';
import { notifications, records } from './activities';
import type { InstanceContext } from './instance';
import { openTasksQuery, taskActionUpdate, type NextTaskView, type TaskActionRequest, type TaskActionResult } from './messages';
import { batchesSteps, deadlineWritesInStep, openedTasks, stepWrite, writesSettled, type StepWrite } from './step-writes';
import { spreadReminder } from '../../domain/calendar/reminder-spread';

/** Cases opened since this patch have their reminders spread up to 30 minutes earlier (domain/calendar/reminder-spread.ts). */
export const REMINDERS_SPREAD_PATCH = 'reminders-spread-before-deadline';

export interface TaskDecision {
  action: string;
  data: Record<string, unknown>;
  actor: AuditActor;
  at: Date;
}

export type TaskOutcome =
  | { kind: 'completed'; decision: TaskDecision }
  | { kind: 'timeout'; dueAt: Date; missed: 'acknowledgement' | 'deadline' }
  | { kind: 'withdrawn'; reason: string };

/**
 * What a missed deadline does: `escalate` closes the task as timed out and returns, so the process can hand
 * the case up a level; `supervise` (督办) keeps the task open and overdue, records supervision and notifies,
 * and goes on waiting for the decision.
 */
export type DeadlinePolicy = 'escalate' | 'supervise';

export interface HumanTaskSpec {
  stepId: string;
  step: StepShape;
  orgUnitId: string;
  limit: TimeLimit;
  /** When the limit started to run, if before the task opens (a decision period runs from acceptance, 行政许可法 art. 42). */
  since?: Date;
  onDeadline: DeadlinePolicy;
  /** The task must first be acknowledged (报到/签收) with this action, within this limit. */
  acknowledgement?: { action: string; limit: TimeLimit };
  /** Refuses an otherwise valid actor or decision (separation of duties); returns the reason. */
  guard?: (actor: Actor, action: string, data: Record<string, unknown>) => string | null;
  /** Refuses data that is well-formed but not acceptable now (e.g. beyond a legal limit); names the fields. */
  check?: (action: string, data: Record<string, unknown>) => ErrorDetail[] | null;
  /** Refuses an action the task's current state does not allow (e.g. a second pending request); returns the reason. */
  allows?: (action: string, task: TaskState & { overdue: boolean }) => string | null;
  /** Called for accepted actions that keep the task open (acknowledge, dispute, …). */
  onOpenAction?: (decision: TaskDecision) => void;
  /**
   * Accepted open actions that hold the deadline until the process releases it (an extension asked for in time):
   * a deadline passing while held is recorded under supervision but does not escalate; once released, a deadline
   * still passed escalates at once.
   */
  holdsDeadline?: (action: string) => boolean;
  /** Extra audit data for the opening event (e.g. which department). */
  context?: Record<string, unknown>;
  /** Only these users see the task in their inbox and may claim it (the drawn inspectors); the guard decides acting. */
  candidates?: string[];
}

/** What the process and its guards can see of an open task. */
export interface TaskState {
  taskId: string;
  dueAt: Date;
  acknowledged: boolean;
  paused: boolean;
  /** A request the process has yet to rule on holds the deadline (see `holdsDeadline`). */
  held: boolean;
}

export interface TaskHandle {
  readonly taskId: string;
  readonly state: TaskState;
  readonly outcome: Promise<TaskOutcome>;
  /** Moves the deadline (an approved extension) and records why. */
  reschedule(dueAt: Date, data: Record<string, unknown>): Promise<void>;
  /** Stops the clock (挂账); `resume` restarts it with the time that was left, in the limit's own unit. */
  pause(data: Record<string, unknown>): Promise<void>;
  resume(data: Record<string, unknown>): Promise<void>;
  /** Ends the task without a decision (e.g. an approved dispute releases the department). */
  withdraw(reason: string): Promise<void>;
  /**
   * Completes the task on the process's own account, recorded for `actor` (a linked case's close reports for the unit
   * that filed it). False when the task had already ended.
   */
  complete(action: string, data: Record<string, unknown>, actor: AuditActor): Promise<boolean>;
  /** Lets a held deadline act again; move it first (`reschedule`) when the request was granted. */
  releaseDeadline(): void;
}

interface OpenTask {
  spec: HumanTaskSpec;
  state: TaskState;
  /** The inbox row is written. A clerk can see the row before the workflow hears back from the activity. */
  opened: boolean;
  inFlight: boolean;
  decision?: TaskDecision;
  withdrawn?: string;
  /** Bumped whenever the deadline or the clock changes, to wake the waiting loop. */
  version: number;
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

/** The role an actor acts in: the step's own, or the on-behalf role they hold (recorded as such in the audit). */
function actingRole(actor: Actor, step: StepShape): string {
  if (actor.roles.includes(step.role)) return step.role;
  return step.onBehalfRoles?.find((r) => actor.roles.includes(r)) ?? step.role;
}

function validate(request: TaskActionRequest): { task: OpenTask; data: Record<string, unknown> } {
  const task = openTasks.get(request.taskId);
  if (!task) {
    if (closedTaskIds.has(request.taskId)) reject(ErrorType.Conflict, 'this task is already completed');
    reject(ErrorType.Conflict, 'this task is no longer current');
  }
  if (task.inFlight || task.decision || task.withdrawn) reject(ErrorType.Conflict, 'another decision on this task is being recorded');
  const { step } = task.spec;
  const action = Object.hasOwn(step.actions, request.action) ? step.actions[request.action] : undefined;
  if (!action) {
    reject(ErrorType.Validation, `unknown action "${request.action}"`, [{ path: 'action', message: `must be one of: ${Object.keys(step.actions).join(', ')}` }]);
  }
  // The detail's path names what failed, so the API can record the refusal under its rule.
  if (![step.role, ...(step.onBehalfRoles ?? [])].some((r) => request.actor.roles.includes(r))) {
    reject(ErrorType.Forbidden, `this step needs the role ${step.role}`, [{ path: 'actor.roles', message: `needs ${step.role}` }]);
  }
  if (!request.actor.scopeOrgUnitIds.includes(task.spec.orgUnitId)) {
    reject(ErrorType.Forbidden, 'this task belongs to another org unit', [{ path: 'actor.orgUnitId', message: 'outside the task\'s unit' }]);
  }
  const ack = task.spec.acknowledgement;
  if (ack && request.action === ack.action && task.state.acknowledged) reject(ErrorType.Conflict, 'this task is already acknowledged');
  if (ack && request.action !== ack.action && !task.state.acknowledged) reject(ErrorType.Conflict, `acknowledge (${step.actions[ack.action]?.label ?? ack.action}) first`);
  const state = { ...task.state, overdue: Date.now() > task.state.dueAt.getTime() && !task.state.paused };
  const notNow = task.spec.allows?.(request.action, state);
  if (notNow) reject(ErrorType.Conflict, notNow);
  // A clerk acting for the party sends the party's consent beside the action's own fields; the party sends none.
  const onBehalf = actsOnBehalf(step, request.actor.roles);
  const { consent, rest } = onBehalf ? splitConsent(request.data ?? {}) : { consent: undefined, rest: request.data ?? {} };
  // The API parsed the data with the action's schema (api/tasks/act-on-task.ts), the party's consent included; the
  // workflow loads no validation library (bench/worker-memory.ts), so it only checks what the data must hold now.
  const problems = task.spec.check?.(request.action, rest);
  if (problems && problems.length > 0) reject(ErrorType.Validation, problems[0].message, problems);
  const refusal = task.spec.guard?.(request.actor, request.action, rest);
  if (refusal) reject(ErrorType.SeparationOfDuties, refusal);
  if (!onBehalf) return { task, data: rest };
  if (consent === undefined) {
    reject(ErrorType.Validation, 'acting on the party\'s behalf needs their recorded consent', [
      { path: 'data.consent', message: 'required when acting on the party\'s behalf: { method, reference }' },
    ]);
  }
  return { task, data: { ...rest, consent } };
}

function keptOpen(task: OpenTask, action: string, decision: TaskDecision): void {
  if (task.spec.acknowledgement?.action === action) {
    task.state.acknowledged = true;
    task.version++;
  }
  if (task.spec.holdsDeadline?.(action)) task.state.held = true;
  task.spec.onOpenAction?.(decision);
}

/** The path of cases started before step batching: one normal activity for the action, in its own transaction. */
async function recordSeparately(
  task: OpenTask, request: TaskActionRequest, decision: TaskDecision, data: Record<string, unknown>, keepsOpen: boolean,
): Promise<TaskActionResult> {
  task.inFlight = true;
  try {
    await condition(() => task.opened);
    await records.recordTaskAction({
      taskId: task.state.taskId,
      instanceId: workflowInfo().workflowId,
      stepId: task.spec.stepId,
      eventKey: `${task.state.taskId}:${keepsOpen ? uuid4() : 'done'}`,
      action: request.action,
      data,
      actor: decision.actor,
      at: decision.at.toISOString(),
      completes: !keepsOpen,
      acknowledges: task.spec.acknowledgement?.action === request.action,
    });
  } finally {
    task.inFlight = false;
  }
  if (keepsOpen) {
    keptOpen(task, request.action, decision);
    return { taskId: task.state.taskId, status: 'open', next: [] };
  }
  task.decision = decision;
  return { taskId: task.state.taskId, status: 'completed', next: [] };
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  setHandler(openTasksQuery, () => [...openTasks.values()].map((t) => ({
    taskId: t.state.taskId, stepId: t.spec.stepId, orgUnitId: t.spec.orgUnitId, dueAt: t.state.dueAt.toISOString(),
  })));
  setHandler(taskActionUpdate, async (request): Promise<TaskActionResult> => {
    const { task, data } = validate(request);
    const step = task.spec.step;
    const keepsOpen = step.actions[request.action].keepsOpen === true;
    const decision: TaskDecision = { action: request.action, data, actor: auditActor(request.actor, actingRole(request.actor, step)), at: new Date() };
    if (!batchesSteps()) return recordSeparately(task, request, decision, data, keepsOpen);
    const args = {
      taskId: task.state.taskId,
      instanceId: workflowInfo().workflowId,
      stepId: task.spec.stepId,
      // The Update id names an action that keeps the task open: a retried Update finds its event already written.
      eventKey: `${task.state.taskId}:${keepsOpen ? `u:${currentUpdateInfo()?.id ?? uuid4()}` : 'done'}`,
      action: request.action,
      data,
      actor: decision.actor,
      at: decision.at.toISOString(),
      completes: !keepsOpen,
      acknowledges: task.spec.acknowledgement?.action === request.action,
    };
    // Marked before the first await, so a second Update in this activation is refused by the validator. An action
    // on a task whose opening is still being written waits for it, so the two commit in order.
    if (keepsOpen) {
      task.inFlight = true;
      try {
        await condition(() => task.opened);
        await stepWrite({ kind: 'action', args });
      } finally {
        task.inFlight = false;
      }
      keptOpen(task, request.action, decision);
      return { taskId: task.state.taskId, status: 'open', next: [] };
    }
    // The decision is taken before it is written: the process moves on in this same activation, and the task it
    // opens next joins this completion's transaction. A deadline firing now finds the decision and loses.
    task.decision = decision;
    await condition(() => task.opened);
    const writes = await stepWrite({ kind: 'action', args });
    return { taskId: task.state.taskId, status: 'completed', next: openedTasks(writes) };
  }, { validator: (request) => { validate(request); } });
}

/**
 * The tasks open once the case first waits for a person (for a process whose start is not one step: its first task
 * opens after activities of its own). Resolves when the first task's row is written.
 */
export async function firstOpenedTasks(): Promise<NextTaskView[]> {
  const opened = () => [...openTasks.values()].filter((t) => t.opened);
  await condition(() => opened().length > 0);
  return opened().map((t) => ({
    taskId: t.state.taskId, stepId: t.spec.stepId, name: t.spec.step.name, role: t.spec.step.role, orgUnitId: t.spec.orgUnitId, dueAt: t.state.dueAt.toISOString(),
  }));
}

type RemindArgs = Extract<StepWrite, { kind: 'remind' }>['args'];
type SuperviseArgs = Extract<StepWrite, { kind: 'supervise' }>['args'];

/** A reminder: a write of the step the timer woke (cases since the patch), or a normal activity of its own. */
async function remind(args: RemindArgs): Promise<void> {
  if (deadlineWritesInStep()) await stepWrite({ kind: 'remind', args });
  else await notifications.remindTask(args);
}

/** Supervision (督办) recorded and notified: like a reminder, a step write for cases since the patch. */
async function supervise(args: SuperviseArgs): Promise<void> {
  if (deadlineWritesInStep()) await stepWrite({ kind: 'supervise', args });
  else await records.superviseTask(args);
}

function msUntil(instant: Date): number {
  return Math.max(1, instant.getTime() - Date.now());
}

/**
 * Opens a task and returns a handle on it. Its outcome reminds at three quarters of the limit; at a missed
 * acknowledgement or deadline it either escalates (a timeout outcome) or supervises (stays open) as the spec says.
 */
export async function openHumanTask(ctx: InstanceContext, spec: HumanTaskSpec): Promise<TaskHandle> {
  const hours = ctx.officeHours ?? DEFAULT_OFFICE_HOURS;
  const taskId = uuid4();
  const openedAt = new Date();
  const deadline = computeDeadline(spec.since ?? openedAt, spec.limit, hours);
  const ackDue = spec.acknowledgement ? computeDeadline(openedAt, spec.acknowledgement.limit, hours) : undefined;
  // The deadlines stay as the law counts them; only the reminders before them move.
  const officeTime = (limit: TimeLimit) => (limit.unit === 'workingDays' || limit.unit === 'workingHours' ? hours : undefined);
  const spread = patched(REMINDERS_SPREAD_PATCH);
  const deadlineRemindAt = spread ? spreadReminder(deadline.remindAt, spec.since ?? openedAt, `${taskId}:deadline`, officeTime(spec.limit)) : deadline.remindAt;
  const ackRemindAtFirst = ackDue && spec.acknowledgement
    ? (spread ? spreadReminder(ackDue.remindAt, openedAt, `${taskId}:acknowledgement`, officeTime(spec.acknowledgement.limit)) : ackDue.remindAt)
    : null;
  // Registered before the row is written, so an action that races the activity's result is not refused as stale.
  const task: OpenTask = {
    spec, opened: false, inFlight: false, version: 0,
    state: { taskId, dueAt: deadline.dueAt, acknowledged: false, paused: false, held: false },
  };
  openTasks.set(taskId, task);
  // Only now, with the task known: setting the handler dispatches the Updates buffered so far and runs their
  // validators at once. A worker killed after the step's transaction committed but before its workflow task completed
  // leaves the task visible in the inbox; the clerk's Update then reaches a fresh worker in the same activation that
  // starts the workflow, before the handler exists. Installed before this task was registered, the validator refused
  // it as no longer current (a 409 for a task the clerk can see, and the case stuck). Setting a handler writes nothing
  // to the history, and no recorded history has an Update accepted from that buffer, so replays are unchanged.
  installHandlers();
  const opening = {
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
    remindAt: deadlineRemindAt.toISOString(),
    acknowledgeBy: ackDue?.dueAt.toISOString() ?? null,
    title: ctx.title,
    context: spec.context ?? {},
    ...(spec.candidates ? { candidates: spec.candidates } : {}),
  };
  // Joins the step's transaction: the completion that led here, or the case's start, commits with it.
  if (batchesSteps()) await stepWrite({ kind: 'open', args: opening });
  else await records.openTask(opening);
  task.opened = true;
  const event = { taskId, instanceId: ctx.instanceId, stepId: spec.stepId };
  let remindAt: Date | null = deadlineRemindAt;
  let ackRemindAt: Date | null = ackRemindAtFirst;
  let pausedRemaining: RemainingTime = { unit: 'minutes', amount: 0 };
  /** The deadline that supervision was recorded for; a later deadline (an extension) arms the timers again. */
  let supervisedUntil: number | null = null;
  /** The deadline that passed while held; the task waits for the process's ruling instead of escalating. */
  let heldPast: number | null = null;

  const finished = () => task.decision !== undefined || task.withdrawn !== undefined;
  const outcome = (async (): Promise<TaskOutcome> => {
    let ackWatched = ackDue !== undefined;
    for (;;) {
      if (finished()) break;
      const version = task.version;
      const changed = () => finished() || task.version !== version;
      // Parked, or overdue under supervision: no timer until the process changes the deadline or the clock.
      if (task.state.paused || (supervisedUntil !== null && supervisedUntil >= task.state.dueAt.getTime())
        || (task.state.held && heldPast !== null && heldPast >= task.state.dueAt.getTime())) {
        await condition(changed);
        continue;
      }
      const ackPending: Date | null = ackWatched && !task.state.acknowledged ? ackDue!.dueAt : null;
      const ackRemind: Date | null = ackPending && ackRemindAt ? ackRemindAt : null;
      const next: Date = [ackRemind, ackPending, remindAt, task.state.dueAt].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
      if (await condition(changed, msUntil(next))) continue;
      if (next === ackPending && spec.onDeadline === 'escalate') return expire('acknowledgement');
      if (ackRemind && next === ackRemind) {
        await remind({ ...event, at: new Date().toISOString(), about: 'acknowledgement' });
        ackRemindAt = null;
        continue;
      }
      if (ackPending && next === ackPending) {
        await supervise({ ...event, at: new Date().toISOString(), dueAt: ackPending.toISOString(), reason: 'acknowledgementMissed' });
        ackWatched = false;
        continue;
      }
      if (next === remindAt) {
        await remind({ ...event, at: new Date().toISOString(), about: 'deadline' });
        remindAt = null;
        continue;
      }
      if (spec.onDeadline === 'escalate' && task.state.held) {
        await supervise({ ...event, at: new Date().toISOString(), dueAt: task.state.dueAt.toISOString(), reason: 'requestPending' });
        heldPast = task.state.dueAt.getTime();
        continue;
      }
      if (spec.onDeadline === 'escalate') return expire('deadline');
      await supervise({ ...event, at: new Date().toISOString(), dueAt: task.state.dueAt.toISOString(), reason: 'deadlineMissed' });
      supervisedUntil = task.state.dueAt.getTime();
    }
    // A decision being recorded when the deadline fires still counts: it was accepted before the timeout.
    await condition(() => !task.inFlight);
    openTasks.delete(taskId);
    closedTaskIds.add(taskId);
    if (task.decision) return { kind: 'completed', decision: task.decision };
    return { kind: 'withdrawn', reason: task.withdrawn ?? '' };
  })();

  async function expire(missed: 'acknowledgement' | 'deadline'): Promise<TaskOutcome> {
    await condition(() => !task.inFlight);
    openTasks.delete(taskId);
    closedTaskIds.add(taskId);
    if (task.decision) return { kind: 'completed', decision: task.decision };
    const expiry = { ...event, at: new Date().toISOString(), dueAt: task.state.dueAt.toISOString(), missed };
    // Not awaited: the escalation the process records next, and the task it opens, join the timeout's transaction.
    if (batchesSteps()) void stepWrite({ kind: 'expire', args: expiry });
    else await records.expireTask(expiry);
    return { kind: 'timeout', dueAt: task.state.dueAt, missed };
  }

  const reschedule = async (dueAt: Date, action: string, data: Record<string, unknown>) => {
    task.state.dueAt = dueAt;
    task.version++;
    const args = { ...event, at: new Date().toISOString(), dueAt: dueAt.toISOString(), paused: task.state.paused, action, data };
    if (deadlineWritesInStep()) await stepWrite({ kind: 'reschedule', args });
    else await records.rescheduleTask(args);
  };
  return {
    taskId,
    state: task.state,
    outcome,
    reschedule: (dueAt, data) => reschedule(dueAt, 'extend', data),
    async pause(data) {
      // What is left is kept in the limit's own unit: a parked calendar-day period keeps calendar days.
      pausedRemaining = remainingTime(spec.limit.unit, new Date(), task.state.dueAt, hours);
      task.state.paused = true;
      await reschedule(task.state.dueAt, 'park', { ...data, remaining: pausedRemaining });
    },
    async resume(data) {
      task.state.paused = false;
      remindAt = null;
      await reschedule(resumedDeadline(pausedRemaining, new Date(), hours), 'unpark', data);
    },
    releaseDeadline() {
      if (!task.state.held) return;
      task.state.held = false;
      task.version++;
    },
    async withdraw(reason) {
      await condition(() => !task.inFlight);
      if (finished()) return;
      task.withdrawn = reason;
      task.version++;
      const args = { ...event, at: new Date().toISOString(), reason };
      if (deadlineWritesInStep()) await stepWrite({ kind: 'withdraw', args });
      else await records.withdrawTask(args);
    },
    async complete(action, data, actor) {
      await condition(() => !task.inFlight && task.opened);
      if (finished()) return false;
      const decision: TaskDecision = { action, data, actor, at: new Date() };
      // In flight while written, so a deadline firing meanwhile waits and then finds the decision.
      task.inFlight = true;
      try {
        await records.recordTaskAction({
          ...event, eventKey: `${taskId}:done`, action, data, actor, at: decision.at.toISOString(), completes: true,
        });
      } finally {
        task.inFlight = false;
      }
      task.decision = decision;
      task.version++;
      return true;
    },
  };
}

/** Opens a task and waits for its outcome. */
export async function humanTask(ctx: InstanceContext, spec: HumanTaskSpec): Promise<TaskOutcome> {
  return (await openHumanTask(ctx, spec)).outcome;
}

/** A task whose missed deadline is supervised, not escalated: it always ends in a decision. */
export async function supervisedTask(ctx: InstanceContext, spec: Omit<HumanTaskSpec, 'onDeadline'>): Promise<TaskDecision> {
  const outcome = await humanTask(ctx, { ...spec, onDeadline: 'supervise' });
  if (outcome.kind !== 'completed') throw ApplicationFailure.nonRetryable('a supervised task can only end in a decision');
  return outcome.decision;
}

/**
 * Waits until every Update handler has returned and every gathered write has committed, so no accepted decision
 * or timeout is cut off by the workflow ending or continuing as new.
 */
export async function settleHandlers(): Promise<void> {
  await condition(() => allHandlersFinished() && writesSettled());
}
