// Task inbox projection: opened, acted on, reminded and expired by the human-task primitive, each write
// in one transaction with its audit event, and each idempotent so activity retries change nothing.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit, type AuditActor } from '../db/audit-log';
import { tasks } from '../db/schema';
import { toShanghaiIso } from '../domain/calendar/deadline';
import type { Notifier } from './notifier';

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
  title: string;
  context: Record<string, unknown>;
}

export function taskActivities(db: Db, notifier: Notifier) {
  return {
    async openTask(args: OpenTaskArgs): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.insert(tasks).values({
          id: args.taskId, instanceId: args.instanceId, processKey: args.processKey, stepId: args.stepId, name: args.name,
          role: args.role, orgUnitId: args.orgUnitId, status: 'open', actions: args.actions, timeLimit: args.timeLimit,
          calendarVersion: args.calendarVersion, provisional: args.provisional, createdAt: new Date(args.createdAt),
          dueAt: new Date(args.dueAt), remindAt: new Date(args.remindAt), title: args.title,
        }).onConflictDoNothing();
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: `${args.taskId}:open`, at: new Date(args.createdAt), actor: null,
          stepId: args.stepId, action: 'open',
          data: { taskId: args.taskId, role: args.role, orgUnitId: args.orgUnitId, timeLimit: args.timeLimit, dueAt: args.dueAt,
            calendarVersion: args.calendarVersion, provisional: args.provisional, ...args.context },
        });
      });
    },

    async recordTaskAction(args: {
      taskId: string; instanceId: string; stepId: string; eventKey: string; action: string; data: Record<string, unknown>;
      actor: AuditActor; at: string; completes: boolean;
    }): Promise<void> {
      const at = new Date(args.at);
      await db.transaction(async (tx) => {
        const [task] = await tx.select().from(tasks).where(eq(tasks.id, args.taskId));
        if (args.completes) {
          await tx.update(tasks).set({
            status: 'completed', completedAt: at, completedBy: args.actor.id, outcomeAction: args.action, outcomeData: args.data,
            assigneeId: task?.assigneeId ?? args.actor.id,
          }).where(and(eq(tasks.id, args.taskId), eq(tasks.status, 'open')));
        } else if (task && !task.assigneeId) {
          await tx.update(tasks).set({ assigneeId: args.actor.id }).where(eq(tasks.id, args.taskId));
        }
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: args.eventKey, at, actor: args.actor, stepId: args.stepId, action: args.action,
          data: { taskId: args.taskId, ...args.data, ...(task ? { dueAt: task.dueAt.toISOString(), onTime: at <= task.dueAt } : {}) },
        });
      });
    },

    async remindTask(args: { taskId: string; instanceId: string; stepId: string; at: string }): Promise<void> {
      const [task] = await db.select().from(tasks).where(eq(tasks.id, args.taskId));
      if (!task || task.status !== 'open') return;
      if (!task.remindedAt) {
        await notifier.remind({
          taskId: task.id, instanceId: task.instanceId, stepId: task.stepId, role: task.role, orgUnitId: task.orgUnitId,
          assigneeId: task.assigneeId, dueAt: toShanghaiIso(task.dueAt),
          text: `「${task.name}」${task.title} 将于 ${toShanghaiIso(task.dueAt).slice(0, 16).replace('T', ' ')} 到期`,
        });
      }
      await db.transaction(async (tx) => {
        await tx.update(tasks).set({ remindedAt: new Date(args.at) }).where(eq(tasks.id, args.taskId));
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: `${args.taskId}:remind`, at: new Date(args.at), actor: null,
          stepId: args.stepId, action: 'remind', data: { taskId: args.taskId, dueAt: task.dueAt.toISOString() },
        });
      });
    },

    async superviseTask(args: { taskId: string; instanceId: string; stepId: string; at: string }): Promise<void> {
      const [task] = await db.select().from(tasks).where(eq(tasks.id, args.taskId));
      if (!task || task.status !== 'open') return;
      if (!task.supervisedAt) {
        await notifier.remind({
          taskId: task.id, instanceId: task.instanceId, stepId: task.stepId, role: task.role, orgUnitId: task.orgUnitId,
          assigneeId: task.assigneeId, dueAt: toShanghaiIso(task.dueAt),
          text: `【督办】「${task.name}」${task.title} 已于 ${toShanghaiIso(task.dueAt).slice(0, 16).replace('T', ' ')} 超期`,
        });
      }
      await db.transaction(async (tx) => {
        await tx.update(tasks).set({ supervisedAt: new Date(args.at) }).where(eq(tasks.id, args.taskId));
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: `${args.taskId}:supervise`, at: new Date(args.at), actor: null,
          stepId: args.stepId, action: 'supervise', data: { taskId: args.taskId, dueAt: task.dueAt.toISOString(), reason: 'deadlineMissed' },
        });
      });
    },

    async expireTask(args: { taskId: string; instanceId: string; stepId: string; at: string; dueAt: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.update(tasks).set({ status: 'timedOut', completedAt: new Date(args.at) })
          .where(and(eq(tasks.id, args.taskId), eq(tasks.status, 'open')));
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: `${args.taskId}:timeout`, at: new Date(args.at), actor: null,
          stepId: args.stepId, action: 'timeout', data: { taskId: args.taskId, dueAt: args.dueAt },
        });
      });
    },
  };
}
