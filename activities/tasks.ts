// Task inbox projection: opened, acted on, reminded and expired by the human-task primitive, each write
// in one transaction with its audit event, and each idempotent so activity retries change nothing.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { runStatement, valuesList } from '../db/statement';
import { appendAudit, type AuditActor } from '../db/audit-log';
import { auditEvents, tasks } from '../db/schema';
import { toShanghaiIso } from '../domain/calendar/deadline';
import type { Notifier, Reminder } from './notifier';

export interface OpenTaskArgs {
  taskId: string;
  instanceId: string;
  processKey: string;
  stepId: string;
  name: string;
  role: string;
  orgUnitId: string;
  actions: string[];
  timeLimit: { amount: number; unit: string };
  calendarVersion: string;
  provisional: boolean;
  createdAt: string;
  dueAt: string;
  remindAt: string;
  acknowledgeBy: string | null;
  title: string;
  context: Record<string, unknown>;
  /** The only users who may see and act on the task (./task_candidates); absent for a role's pool. */
  candidates?: string[];
}

/** The limits a decision is measured against, as the action's update returns them. */
interface TaskLimits { dueAt: Date; acknowledgeBy: Date | null; parkedAt: Date | null }

/** Whether a decision met its time limit: the acknowledgement limit for an acknowledgement, the deadline otherwise. */
function onTimeFacts(task: TaskLimits, at: Date, acknowledges: boolean) {
  if (acknowledges && task.acknowledgeBy) return { acknowledgeBy: task.acknowledgeBy.toISOString(), onTime: at <= task.acknowledgeBy };
  return { dueAt: task.dueAt.toISOString(), onTime: task.parkedAt !== null || at <= task.dueAt };
}

/** What a supervision notice says, by why the task is supervised. */
const SUPERVISION_TEXT: Record<string, string> = {
  acknowledgementMissed: '未按时签收，签收时限',
  deadlineMissed: '已超期，办理时限',
  requestPending: '已到办理时限，延期申请待值班长审核，办理时限',
};

async function hasEvent(db: Db, eventKey: string): Promise<boolean> {
  const [row] = await db.select({ seq: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.eventKey, eventKey));
  return row !== undefined;
}

export interface TaskActionArgs {
  taskId: string;
  instanceId: string;
  stepId: string;
  eventKey: string;
  action: string;
  data: Record<string, unknown>;
  actor: AuditActor;
  at: string;
  completes: boolean;
  acknowledges?: boolean;
}

export interface ExpireTaskArgs {
  taskId: string;
  instanceId: string;
  stepId: string;
  at: string;
  dueAt: string;
  missed: string;
}

// The step's task writes are SQL texts built once (db/statement.ts): drizzle's builder cost the worker more CPU per
// step than PostgreSQL spent running them. Timestamps travel as ISO strings and JSON as text, as drizzle sends them.
const INSERT_TASK = 'insert into tasks (id, instance_id, process_key, step_id, name, role, org_unit_id, status, actions, time_limit, ' +
  'calendar_version, provisional, created_at, due_at, remind_at, title, acknowledge_by) values ($1, $2, $3, $4, $5, $6, $7, \'open\', ' +
  '$8::jsonb, $9::jsonb, $10, $11::boolean, $12::timestamptz, $13::timestamptz, $14::timestamptz, $15, $16::timestamptz) on conflict do nothing';
const INSERT_TASK_RETURNING_ID = `${INSERT_TASK} returning id`;

/**
 * The task and its candidates in one statement. The candidates are written with a new task only: a retried step finds
 * the task, and the candidates written with it, already there.
 */
function insertTaskWithCandidates(candidates: number): string {
  return `with task as (${INSERT_TASK_RETURNING_ID}) ` +
    `insert into task_candidates (task_id, user_id) select task.id, v.user_id from task, (values ${valuesList(candidates, ['text'], 17)}) v(user_id) ` +
    'on conflict do nothing';
}

/** The inbox row and its open event; inside the caller's transaction, so a step can write it beside other writes. */
export async function writeOpenTask(tx: Db, args: OpenTaskArgs): Promise<void> {
  const params: unknown[] = [args.taskId, args.instanceId, args.processKey, args.stepId, args.name, args.role, args.orgUnitId,
    JSON.stringify(args.actions), JSON.stringify(args.timeLimit), args.calendarVersion, args.provisional,
    new Date(args.createdAt).toISOString(), new Date(args.dueAt).toISOString(), new Date(args.remindAt).toISOString(), args.title,
    args.acknowledgeBy ? new Date(args.acknowledgeBy).toISOString() : null];
  const candidates = args.candidates ?? [];
  await runStatement(tx, candidates.length > 0 ? insertTaskWithCandidates(candidates.length) : INSERT_TASK, [...params, ...candidates]);
  await appendAudit(tx, {
    instanceId: args.instanceId, eventKey: `${args.taskId}:open`, at: new Date(args.createdAt), actor: null,
    stepId: args.stepId, action: 'open',
    data: { taskId: args.taskId, role: args.role, orgUnitId: args.orgUnitId, timeLimit: args.timeLimit, dueAt: args.dueAt,
      ...(args.acknowledgeBy ? { acknowledgeBy: args.acknowledgeBy } : {}),
      calendarVersion: args.calendarVersion, provisional: args.provisional, ...args.context },
  });
}

type LimitsRow = { due_at: string | Date; acknowledge_by: string | Date | null; parked_at: string | Date | null };
const LIMITS = 'returning due_at, acknowledge_by, parked_at';
const COMPLETE_TASK = 'update tasks set status = \'completed\', completed_at = $2::timestamptz, completed_by = $3, outcome_action = $4, ' +
  `outcome_data = $5::jsonb, assignee_id = coalesce(assignee_id, $3) where id = $1 and status = 'open' ${LIMITS}`;
const ACKNOWLEDGE_TASK = `update tasks set acknowledged_at = $2::timestamptz, assignee_id = coalesce(assignee_id, $3) where id = $1 ${LIMITS}`;
/** An action that neither completes nor acknowledges only names its clerk. */
const CLAIM_TASK = `update tasks set assignee_id = coalesce(assignee_id, $2) where id = $1 ${LIMITS}`;

function limitsOf(row: LimitsRow): TaskLimits {
  const date = (value: string | Date | null) => (value === null ? null : new Date(value));
  return { dueAt: new Date(row.due_at), acknowledgeBy: date(row.acknowledge_by), parkedAt: date(row.parked_at) };
}

/** A clerk's accepted action (completing or keeping the task open) and its event, inside the caller's transaction. */
export async function writeTaskAction(tx: Db, args: TaskActionArgs): Promise<void> {
  const at = new Date(args.at);
  // One statement: the row's limits come back as they stand after the write. A retry after a committed completion
  // matches no open row and finds its event already written below.
  const [row] = args.completes
    ? await runStatement<LimitsRow>(tx, COMPLETE_TASK, [args.taskId, at.toISOString(), args.actor.id, args.action, JSON.stringify(args.data)])
    : args.acknowledges
      ? await runStatement<LimitsRow>(tx, ACKNOWLEDGE_TASK, [args.taskId, at.toISOString(), args.actor.id])
      : await runStatement<LimitsRow>(tx, CLAIM_TASK, [args.taskId, args.actor.id]);
  const task = row ? limitsOf(row) : undefined;
  await appendAudit(tx, {
    instanceId: args.instanceId, eventKey: args.eventKey, at, actor: args.actor, stepId: args.stepId, action: args.action,
    data: { taskId: args.taskId, ...args.data, ...(task ? onTimeFacts(task, at, args.acknowledges === true) : {}) },
  });
}

/** A missed deadline closes the task as timed out, inside the caller's transaction. */
export async function writeExpiry(tx: Db, args: ExpireTaskArgs): Promise<void> {
  await runStatement(tx, 'update tasks set status = \'timedOut\', completed_at = $2::timestamptz where id = $1 and status = \'open\'',
    [args.taskId, new Date(args.at).toISOString()]);
  await appendAudit(tx, {
    instanceId: args.instanceId, eventKey: `${args.taskId}:timeout`, at: new Date(args.at), actor: null,
    stepId: args.stepId, action: 'timeout', data: { taskId: args.taskId, dueAt: args.dueAt, missed: args.missed },
  });
}

export interface RemindArgs { taskId: string; instanceId: string; stepId: string; at: string; about: 'acknowledgement' | 'deadline' }
export interface SuperviseArgs { taskId: string; instanceId: string; stepId: string; at: string; dueAt: string; reason: string }
export interface RescheduleArgs {
  taskId: string; instanceId: string; stepId: string; at: string; dueAt: string; paused: boolean; action: string; data: Record<string, unknown>;
}
export interface WithdrawArgs { taskId: string; instanceId: string; stepId: string; at: string; reason: string }

/** The reminder (催办) a clerk is sent before the acknowledgement limit or the deadline. */
function reminderOf(task: typeof tasks.$inferSelect, about: 'acknowledgement' | 'deadline'): Reminder {
  const due = about === 'acknowledgement' && task.acknowledgeBy ? task.acknowledgeBy : task.dueAt;
  return {
    taskId: task.id, instanceId: task.instanceId, stepId: task.stepId, role: task.role, orgUnitId: task.orgUnitId,
    assigneeId: task.assigneeId, dueAt: toShanghaiIso(due),
    text: `「${task.name}」${task.title} ${about === 'acknowledgement' ? '请于' : '将于'} ${toShanghaiIso(due).slice(0, 16).replace('T', ' ')} ${about === 'acknowledgement' ? '前签收' : '到期'}`,
  };
}

/** The supervision notice (督办) sent when a limit passed. */
function supervisionOf(task: typeof tasks.$inferSelect, args: SuperviseArgs): Reminder {
  return {
    taskId: task.id, instanceId: task.instanceId, stepId: task.stepId, role: task.role, orgUnitId: task.orgUnitId,
    assigneeId: task.assigneeId, dueAt: toShanghaiIso(task.dueAt),
    text: `【督办】「${task.name}」${task.title} ${SUPERVISION_TEXT[args.reason] ?? SUPERVISION_TEXT.deadlineMissed} ${toShanghaiIso(new Date(args.dueAt)).slice(0, 16).replace('T', ' ')}`,
  };
}

/**
 * A reminder's row and event inside the caller's transaction (a step's). Returns the message to send once the
 * transaction committed, or null when the task is closed or the reminder was already written (a retried step).
 */
export async function writeReminder(tx: Db, args: RemindArgs): Promise<Reminder | null> {
  const eventKey = `${args.taskId}:remind:${args.about}`;
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, args.taskId));
  if (!task || task.status !== 'open' || await hasEvent(tx, eventKey)) return null;
  const reminder = reminderOf(task, args.about);
  const due = args.about === 'acknowledgement' && task.acknowledgeBy ? task.acknowledgeBy : task.dueAt;
  await tx.update(tasks).set({ remindedAt: new Date(args.at) }).where(eq(tasks.id, args.taskId));
  await appendAudit(tx, {
    instanceId: args.instanceId, eventKey, at: new Date(args.at), actor: null,
    stepId: args.stepId, action: 'remind', data: { taskId: args.taskId, about: args.about, dueAt: due.toISOString() },
  });
  return reminder;
}

/** Supervision (督办) of a task whose limit passed, inside the caller's transaction; returns the notice as `writeReminder` does. */
export async function writeSupervision(tx: Db, args: SuperviseArgs): Promise<Reminder | null> {
  const eventKey = `${args.taskId}:supervise:${args.reason}:${args.dueAt}`;
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, args.taskId));
  if (!task || task.status !== 'open' || await hasEvent(tx, eventKey)) return null;
  if (args.reason === 'deadlineMissed') await tx.update(tasks).set({ supervisedAt: new Date(args.at) }).where(eq(tasks.id, args.taskId));
  await appendAudit(tx, {
    instanceId: args.instanceId, eventKey, at: new Date(args.at), actor: null,
    stepId: args.stepId, action: 'supervise', data: { taskId: args.taskId, dueAt: args.dueAt, reason: args.reason },
  });
  return supervisionOf(task, args);
}

/** A moved deadline or a stopped/restarted clock, inside the caller's transaction. */
export async function writeReschedule(tx: Db, args: RescheduleArgs): Promise<void> {
  const at = new Date(args.at);
  await tx.update(tasks).set({
    dueAt: new Date(args.dueAt), parkedAt: args.paused ? at : null, supervisedAt: args.paused ? undefined : null,
  }).where(and(eq(tasks.id, args.taskId), eq(tasks.status, 'open')));
  await appendAudit(tx, {
    instanceId: args.instanceId, eventKey: `${args.taskId}:${args.action}:${args.at}`, at, actor: null, stepId: args.stepId,
    action: args.action, data: { taskId: args.taskId, ...args.data, dueAt: args.dueAt },
  });
}

/** A task ended without a decision, inside the caller's transaction. */
export async function writeWithdrawal(tx: Db, args: WithdrawArgs): Promise<void> {
  await tx.update(tasks).set({ status: 'cancelled', completedAt: new Date(args.at) })
    .where(and(eq(tasks.id, args.taskId), eq(tasks.status, 'open')));
  await appendAudit(tx, {
    instanceId: args.instanceId, eventKey: `${args.taskId}:withdraw`, at: new Date(args.at), actor: null,
    stepId: args.stepId, action: 'withdraw', data: { taskId: args.taskId, reason: args.reason },
  });
}

export function taskActivities(db: Db, notifier: Notifier) {
  return {
    async openTask(args: OpenTaskArgs): Promise<void> {
      await db.transaction((tx) => writeOpenTask(tx, args));
    },

    async recordTaskAction(args: TaskActionArgs): Promise<void> {
      await db.transaction((tx) => writeTaskAction(tx, args));
    },

    async remindTask(args: RemindArgs): Promise<void> {
      const [task] = await db.select().from(tasks).where(eq(tasks.id, args.taskId));
      if (!task || task.status !== 'open') return;
      const eventKey = `${args.taskId}:remind:${args.about}`;
      const due = args.about === 'acknowledgement' && task.acknowledgeBy ? task.acknowledgeBy : task.dueAt;
      if (!(await hasEvent(db, eventKey))) await notifier.remind(reminderOf(task, args.about));
      await db.transaction(async (tx) => {
        await tx.update(tasks).set({ remindedAt: new Date(args.at) }).where(eq(tasks.id, args.taskId));
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey, at: new Date(args.at), actor: null,
          stepId: args.stepId, action: 'remind', data: { taskId: args.taskId, about: args.about, dueAt: due.toISOString() },
        });
      });
    },

    async superviseTask(args: SuperviseArgs): Promise<void> {
      const [task] = await db.select().from(tasks).where(eq(tasks.id, args.taskId));
      if (!task || task.status !== 'open') return;
      const eventKey = `${args.taskId}:supervise:${args.reason}:${args.dueAt}`;
      if (!(await hasEvent(db, eventKey))) await notifier.remind(supervisionOf(task, args));
      await db.transaction(async (tx) => {
        if (args.reason === 'deadlineMissed') await tx.update(tasks).set({ supervisedAt: new Date(args.at) }).where(eq(tasks.id, args.taskId));
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey, at: new Date(args.at), actor: null,
          stepId: args.stepId, action: 'supervise', data: { taskId: args.taskId, dueAt: args.dueAt, reason: args.reason },
        });
      });
    },

    async expireTask(args: ExpireTaskArgs): Promise<void> {
      await db.transaction((tx) => writeExpiry(tx, args));
    },

    /** A moved deadline or a stopped/restarted clock; `action` is extend, park or unpark. */
    async rescheduleTask(args: RescheduleArgs): Promise<void> {
      await db.transaction((tx) => writeReschedule(tx, args));
    },

    async withdrawTask(args: WithdrawArgs): Promise<void> {
      await db.transaction((tx) => writeWithdrawal(tx, args));
    },
  };
}
