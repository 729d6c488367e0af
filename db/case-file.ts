// Keeps each instance's case file (案卷) current inside the transaction that appends an audit event, so the facts
// never lag the trail and no workflow task or activity is added for them. A case older than the column is folded
// from its whole trail on its next event.
import { asc, eq } from 'drizzle-orm';
import stableStringify from 'fast-json-stable-stringify';
import type { Db } from './client';
import { auditEvents, instances } from './schema';
import { factsOf, foldFacts, type CaseEvent, type CaseFacts } from '../domain/case-file';

type AuditRow = typeof auditEvents.$inferSelect;

function caseEventOf(row: AuditRow): CaseEvent {
  return {
    at: row.at, stepId: row.stepId, action: row.action, data: row.data,
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? '', role: row.actorRole ?? '', orgUnitId: row.actorOrgUnitId ?? '' } : null,
  };
}

/** The facts of a case folded from every event it has, oldest first. */
export async function foldCaseFile(db: Db, instanceId: string, processKey: string): Promise<CaseFacts | null> {
  const rows = await db.select().from(auditEvents).where(eq(auditEvents.instanceId, instanceId)).orderBy(asc(auditEvents.seq));
  return factsOf(processKey, rows.map(caseEventOf));
}

/** Folds a newly appended event into its instance's facts; runs in the append's transaction, which holds the row lock. */
export async function foldIntoCaseFile(tx: Db, event: AuditRow): Promise<void> {
  const [row] = await tx.select({ processKey: instances.processKey, facts: instances.facts }).from(instances).where(eq(instances.id, event.instanceId));
  if (!row) return;
  const next = row.facts === null
    ? await foldCaseFile(tx, event.instanceId, row.processKey)
    : foldFacts(row.processKey, row.facts, caseEventOf(event));
  // Most events (reminders, openings of other steps) change nothing: no write for them.
  if (next === null || (row.facts !== null && stableStringify(next) === stableStringify(row.facts))) return;
  await tx.update(instances).set({ facts: next }).where(eq(instances.id, event.instanceId));
}
