// What a running case is waiting for from outside the administration, shown to whoever supervises it: a licence
// issued with missing material (容缺) waits for the party's filing until the date the window set, and is revoked
// when it does not come. The facts are the filing task's opening event (the missing items and the deadline).
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents, tasks } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { LICENSING_KEY, LicensingStep } from '../../domain/processes/commitment-licensing';

type TaskRow = typeof tasks.$inferSelect;

export interface Waiting {
  stepId: string;
  taskId: string;
  kind: 'missingMaterial';
  missing: string[];
  deadline: string;
  overdue: boolean;
}

export async function waitingOf(db: Db, processKey: string, open: TaskRow[], now: Date): Promise<Waiting[]> {
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
