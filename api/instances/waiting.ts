// What a running case is waiting for from outside the administration, shown to whoever supervises it: a licence
// issued with missing material (容缺) waits for the party's filing until the date the window set, and is revoked
// when it does not come (the facts are the filing task's opening event); a penalty case whose inspectors ordered
// rectification waits, with no task open, until the rectification deadline, when the re-check opens.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents, tasks } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { LICENSING_KEY, LicensingStep } from '../../domain/processes/commitment-licensing';
import { PENALTY_KEY, PenaltyStep } from '../../domain/processes/inspection-penalty';
import { endOfDay } from '../../domain/calendar/shanghai-day';

type TaskRow = typeof tasks.$inferSelect;

export interface Waiting {
  stepId: string;
  taskId: string;
  kind: 'missingMaterial' | 'rectification';
  /** The missing items (容缺), or the rectification required. */
  missing: string[];
  deadline: string;
  overdue: boolean;
}

/** `tasks` are all the case's tasks, in the order they were opened. */
export async function waitingOf(db: Db, processKey: string, tasks: TaskRow[], now: Date): Promise<Waiting[]> {
  const open = tasks.filter((t) => t.status === 'open');
  if (processKey === PENALTY_KEY) return rectificationWaiting(db, tasks, open);
  if (processKey !== LICENSING_KEY) return [];
  const filings = open.filter((t) => t.stepId === LicensingStep.FileMissing);
  if (filings.length === 0) return [];
  const opened = await db.select({ eventKey: auditEvents.eventKey, data: auditEvents.data }).from(auditEvents)
    .where(inArray(auditEvents.eventKey, filings.map((t) => `${t.id}:open`)));
  return filings.map((t) => {
    const data = opened.find((e) => e.eventKey === `${t.id}:open`)?.data ?? {};
    const deadline = typeof data.deadline === 'string' ? new Date(data.deadline) : t.dueAt;
    return {
      stepId: t.stepId, taskId: t.id, kind: 'missingMaterial' as const,
      missing: Array.isArray(data.missing) ? data.missing.map(String) : [],
      deadline: toShanghaiIso(deadline), overdue: t.dueAt < now,
    };
  });
}

/** An inspection that ordered rectification, with nothing open since: the case waits for the deadline. */
async function rectificationWaiting(db: Db, tasks: TaskRow[], open: TaskRow[]): Promise<Waiting[]> {
  const last = tasks[tasks.length - 1];
  if (open.length > 0 || !last || last.stepId !== PenaltyStep.Inspect) return [];
  const [done] = await db.select({ action: auditEvents.action, data: auditEvents.data }).from(auditEvents)
    .where(eq(auditEvents.eventKey, `${last.id}:done`));
  if (!done || done.action !== 'orderRectification' || typeof done.data.deadline !== 'string') return [];
  const deadline = endOfDay(done.data.deadline);
  return [{
    stepId: PenaltyStep.Recheck, taskId: last.id, kind: 'rectification',
    missing: typeof done.data.requirement === 'string' ? [done.data.requirement] : [],
    deadline: toShanghaiIso(deadline), overdue: false,
  }];
}
