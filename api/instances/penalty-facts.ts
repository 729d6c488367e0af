// The penalty case file as read now, from what the workflow recorded (never by asking the workflow): the 90-day
// clock with its days left, and, while the fine is open, the amount owed today — the stored fine, due date and
// surcharge rate of the enforcement task, with the surcharge for the whole days past due (arts. 60, 67, 72).
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents, tasks } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { daysRemaining, type ClockState } from '../../domain/penalty/clock';
import { amountOwed } from '../../domain/penalty/surcharge';
import { PenaltyStep } from '../../domain/processes/inspection-penalty';

const CLOCK_EVENTS = ['caseClockStarted', 'caseClockStopped', 'caseClockResumed', 'caseClockFinished'];

export async function caseClockView(db: Db, instanceId: string, now: Date) {
  const [last] = await db.select({ action: auditEvents.action, data: auditEvents.data }).from(auditEvents)
    .where(and(eq(auditEvents.instanceId, instanceId), inArray(auditEvents.action, CLOCK_EVENTS)))
    .orderBy(desc(auditEvents.seq)).limit(1);
  const clock = last?.data.clock as ClockState | undefined;
  if (!last || last.action === 'caseClockFinished' || !clock) return null;
  return {
    startedAt: toShanghaiIso(new Date(clock.startedAt)),
    limit: clock.limit,
    dueAt: toShanghaiIso(new Date(clock.dueAt)),
    paused: clock.pausedSince !== null,
    pausedSince: clock.pausedSince ? toShanghaiIso(new Date(clock.pausedSince)) : null,
    pausedFor: clock.pausedFor,
    pausedDays: clock.pausedDays,
    daysRemaining: daysRemaining(clock, now),
  };
}

export type PaymentView = NonNullable<Awaited<ReturnType<typeof paymentView>>>;

/** The amount owed on an open enforcement task, or null when there is none. */
export async function paymentView(db: Db, instanceId: string, now: Date, taskId?: string) {
  const [task] = await db.select({ id: tasks.id }).from(tasks)
    .where(and(eq(tasks.instanceId, instanceId), eq(tasks.stepId, PenaltyStep.Enforce), eq(tasks.status, 'open'), ...(taskId ? [eq(tasks.id, taskId)] : [])))
    .limit(1);
  if (!task) return null;
  const [opened] = await db.select({ data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.eventKey, `${task.id}:open`));
  const { fineFen, dueAt, surchargePercentPerDay } = (opened?.data ?? {}) as { fineFen?: number; dueAt?: string; surchargePercentPerDay?: number };
  if (typeof fineFen !== 'number' || typeof dueAt !== 'string' || typeof surchargePercentPerDay !== 'number') return null;
  const owed = amountOwed(fineFen, new Date(dueAt), surchargePercentPerDay, now);
  return {
    fineFen, dueAt: toShanghaiIso(owed.dueAt), surchargePercentPerDay,
    lateDays: owed.lateDays, surchargeFen: owed.surchargeFen, owedFen: owed.owedFen, asOf: toShanghaiIso(now),
  };
}
