// The append-only, hash-chained audit log (ARCHITECTURE principle 6). Each row's hash covers its content
// and the previous row's hash, so editing, deleting or reordering rows breaks the chain at that seq.
// Appends are idempotent by event key, because the activities that write them retry.
import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { auditEvents } from './schema';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  id: string;
  name: string;
  role: string;
  orgUnitId: string;
}

export interface AuditInput {
  instanceId: string;
  eventKey: string;
  at: Date;
  actor: AuditActor | null;
  stepId: string | null;
  action: string;
  data: Record<string, unknown>;
}

export type AuditRow = typeof auditEvents.$inferSelect;

export function hashEvent(e: AuditInput & { seq: number; prevHash: string }): string {
  const content = stableStringify({
    instanceId: e.instanceId,
    seq: e.seq,
    eventKey: e.eventKey,
    at: e.at.toISOString(),
    actor: e.actor,
    stepId: e.stepId,
    action: e.action,
    data: e.data,
    prevHash: e.prevHash,
  });
  return createHash('sha256').update(content).digest('hex');
}

/** Appends one event; must run inside a transaction (it locks the instance row to serialise appends). */
export async function appendAudit(tx: Db, input: AuditInput): Promise<AuditRow> {
  await tx.execute(sql`select 1 from instances where id = ${input.instanceId} for update`);
  const [existing] = await tx.select().from(auditEvents).where(eq(auditEvents.eventKey, input.eventKey));
  if (existing) return existing;
  const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents)
    .where(eq(auditEvents.instanceId, input.instanceId)).orderBy(desc(auditEvents.seq)).limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const data = JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>;
  const row = {
    instanceId: input.instanceId,
    seq,
    eventKey: input.eventKey,
    at: input.at,
    actorId: input.actor?.id ?? null,
    actorName: input.actor?.name ?? null,
    actorRole: input.actor?.role ?? null,
    actorOrgUnitId: input.actor?.orgUnitId ?? null,
    stepId: input.stepId,
    action: input.action,
    data,
    prevHash,
    hash: hashEvent({ ...input, data, seq, prevHash }),
  };
  const [inserted] = await tx.insert(auditEvents).values(row).returning();
  return inserted;
}

export function actorOf(row: AuditRow): AuditActor | null {
  if (!row.actorId) return null;
  return { id: row.actorId, name: row.actorName ?? '', role: row.actorRole ?? '', orgUnitId: row.actorOrgUnitId ?? '' };
}

export async function readAudit(db: Db, instanceId: string): Promise<AuditRow[]> {
  return db.select().from(auditEvents).where(eq(auditEvents.instanceId, instanceId)).orderBy(asc(auditEvents.seq));
}

export interface ChainVerdict {
  ok: boolean;
  events: number;
  firstBrokenSeq: number | null;
}

/** Recomputes every hash and link; the first row that does not match names where the chain broke. */
export function verifyChain(rows: AuditRow[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const expectedSeq = i + 1;
    const recomputed = hashEvent({
      instanceId: row.instanceId, eventKey: row.eventKey, at: row.at, actor: actorOf(row), stepId: row.stepId,
      action: row.action, data: row.data, seq: row.seq, prevHash: row.prevHash,
    });
    if (row.seq !== expectedSeq || row.prevHash !== prevHash || row.hash !== recomputed) {
      return { ok: false, events: rows.length, firstBrokenSeq: Math.min(row.seq, expectedSeq) };
    }
    prevHash = row.hash;
  }
  return { ok: true, events: rows.length, firstBrokenSeq: null };
}

export async function countAudit(db: Db, instanceId: string, action: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents)
    .where(and(eq(auditEvents.instanceId, instanceId), eq(auditEvents.action, action)));
  return row.n;
}
