// Keeps each instance's case file (案卷) current inside the transaction that appends an audit event, so the facts
// never lag the trail and no workflow task or activity is added for them. A case older than the column is folded
// from its whole trail on its next event.
import { asc, eq } from 'drizzle-orm';
import stableStringify from 'fast-json-stable-stringify';
import type { Db } from './client';
import { auditEvents } from './schema';
import { emptyFacts, factsOf, foldFacts, type CaseEvent, type CaseFacts } from '../domain/case-file';

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

/**
 * The case's facts once a newly appended event is folded in, or undefined when the event changes nothing (most
 * reminders and openings of other steps), so the append writes them with the chain head in one update. `current.facts`
 * is null for a new case (folded from the empty file) and for a process without a case file (nothing to fold); a case
 * older than the column is folded from its trail when its row is locked (`backfillCaseFile`), before this is called.
 */
export function caseFileAfter(current: { processKey: string; facts: CaseFacts | null }, event: AuditRow): CaseFacts | undefined {
  const next = foldFacts(current.processKey, current.facts, caseEventOf(event));
  if (next === null || (current.facts !== null && stableStringify(next) === stableStringify(current.facts))) return undefined;
  return next;
}

/** The facts of a case that has events but no stored file (older than the column), or null when none are kept. */
export async function backfillCaseFile(db: Db, instanceId: string, processKey: string): Promise<CaseFacts | null> {
  return emptyFacts(processKey) === null ? null : foldCaseFile(db, instanceId, processKey);
}
