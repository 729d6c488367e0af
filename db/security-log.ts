// The security log (安全审计日志): sign-ins, failures, lockouts and every administrative change — who, what, before →
// after — in one hash chain over the whole log, like the case audit but apart from it (its own table and head row).
// Each append runs in the caller's transaction, so a change and its log entry commit together or not at all.
import stableStringify from 'fast-json-stable-stringify';
import { asc, eq, gt } from 'drizzle-orm';
import type { Db } from './client';
import { securityEvents, securityLogHead } from './schema';
import { digestHex, hashForNewChains, type HashAlgorithm } from './chain-hash';

export const SECURITY_GENESIS_HASH = '0'.repeat(64);

/** What the log records; the names are part of the exported log, so they stay stable. */
export type SecurityEventName =
  | 'bootstrap' | 'signedIn' | 'signInFailed' | 'lockedOut' | 'signedOut' | 'sessionExpired'
  | 'passwordChanged' | 'passwordReset' | 'totpEnrolled' | 'totpReset' | 'unlocked'
  | 'orgUnitCreated' | 'orgUnitChanged' | 'userCreated' | 'userChanged' | 'rolesChanged' | 'tasksReturnedToPool'
  | 'usersImported' | 'securityLogExported' | 'administratorRefused';

export interface SecurityEventInput {
  at: Date;
  actor: { id: string; name: string } | null;
  event: SecurityEventName;
  target?: { kind: 'user' | 'orgUnit' | 'log' | 'import'; id: string } | null;
  /** For a change: { before, after } of the fields that changed. */
  data?: Record<string, unknown>;
  address?: string | null;
}

export type SecurityEventRow = typeof securityEvents.$inferSelect;

/** The event's hash with the log's algorithm (recorded on its head row: `security_log_head.hash_algorithm`). */
export function hashSecurityEvent(e: Omit<SecurityEventRow, 'hash'>, algorithm: HashAlgorithm = 'sha256'): string {
  const content = stableStringify({
    seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, event: e.event,
    targetKind: e.targetKind, targetId: e.targetId, data: e.data, address: e.address, prevHash: e.prevHash,
  });
  return digestHex(algorithm, content);
}

/** Appends one event; call it inside the transaction of the change it records (it locks the chain head). */
export async function appendSecurityEvent(tx: Db, input: SecurityEventInput): Promise<SecurityEventRow> {
  const [head] = await tx.select().from(securityLogHead).where(eq(securityLogHead.id, 1)).for('update');
  const row: Omit<SecurityEventRow, 'hash'> = {
    seq: head.seq + 1, at: input.at, actorId: input.actor?.id ?? null, actorName: input.actor?.name ?? null, event: input.event,
    targetKind: input.target?.kind ?? null, targetId: input.target?.id ?? null, data: input.data ?? {}, address: input.address ?? null,
    prevHash: head.hash,
  };
  // A new log takes the installation's algorithm and keeps it; an existing one keeps what its head records.
  const algorithm = head.seq === 0 ? hashForNewChains() : head.hashAlgorithm;
  const full = { ...row, hash: hashSecurityEvent(row, algorithm) };
  await tx.insert(securityEvents).values(full);
  await tx.update(securityLogHead).set({ seq: full.seq, hash: full.hash, hashAlgorithm: algorithm }).where(eq(securityLogHead.id, 1));
  return full;
}

/** Appends one event in a transaction of its own (sign-in events, which change nothing else). */
export function logSecurityEvent(db: Db, input: SecurityEventInput): Promise<SecurityEventRow> {
  return db.transaction((tx) => appendSecurityEvent(tx, input));
}

export interface SecurityLogVerdict { ok: boolean; events: number; firstBrokenSeq: number | null; headSeq: number; hashAlgorithm: HashAlgorithm }

/**
 * Re-hashes the whole log in pages and compares each link with the previous hash and with the head row. The first
 * event kept starts the chain (older ones may have been dropped after the retention period).
 */
export async function verifySecurityLog(db: Db, pageSize = 2_000): Promise<SecurityLogVerdict> {
  const [{ hashAlgorithm }] = await db.select({ hashAlgorithm: securityLogHead.hashAlgorithm }).from(securityLogHead).where(eq(securityLogHead.id, 1));
  let after = -1;
  let prev: string | null = null;
  let expectedSeq: number | null = null;
  let events = 0;
  for (;;) {
    const rows = await db.select().from(securityEvents).where(gt(securityEvents.seq, after)).orderBy(asc(securityEvents.seq)).limit(pageSize);
    for (const row of rows) {
      const { hash, ...rest } = row;
      const linked = (prev === null || row.prevHash === prev) && (expectedSeq === null || row.seq === expectedSeq);
      if (!linked || hashSecurityEvent(rest, hashAlgorithm) !== hash) return { ok: false, events, firstBrokenSeq: row.seq, headSeq: -1, hashAlgorithm };
      prev = hash;
      expectedSeq = row.seq + 1;
      events += 1;
    }
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1].seq;
  }
  const [head] = await db.select().from(securityLogHead).where(eq(securityLogHead.id, 1));
  // A log truncated at its end is caught by the head, which still names the last event written.
  const headMatches = head.seq === 0 ? events === 0 : prev === head.hash && expectedSeq === head.seq + 1;
  return { ok: headMatches, events, firstBrokenSeq: headMatches ? null : head.seq, headSeq: head.seq, hashAlgorithm };
}
