// The append-only, hash-chained audit log (ARCHITECTURE principle 6). Each row's hash covers its content
// and the previous row's hash, so editing, deleting or reordering rows breaks the chain at that seq.
// Appends are idempotent by event key, because the activities that write them retry.
import stableStringify from 'fast-json-stable-stringify';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { auditEvents, instances } from './schema';
import { caseFileAfter } from './case-file';
import { digestHex, hashForNewChains, type HashAlgorithm } from './chain-hash';
import type { CaseFacts } from '../domain/case-file';

export const GENESIS_HASH = '0'.repeat(64);

export type { AuditActor } from '../domain/instance-records';
import type { AuditActor } from '../domain/instance-records';

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

/** The event's hash with its chain's algorithm (recorded on the case row: `instances.audit_hash_algorithm`). */
export function hashEvent(e: AuditInput & { seq: number; prevHash: string }, algorithm: HashAlgorithm = 'sha256'): string {
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
  return digestHex(algorithm, content);
}

/**
 * Benchmarks (bench/audit-append.ts) may install an observer to see how long each append takes, in ms.
 * Unset in production, where appendAudit reads the field once and calls straight through.
 */
export const auditTimings: { observe?: (ms: number) => void } = {};

const appendListeners = new Set<(instanceId: string) => void>();

/**
 * Calls `listener` with the instance of every event this process appends (not of an idempotent repeat), so the
 * checkpoint writer can sign new heads soon after. Called before the transaction commits: a listener must wait
 * a moment before reading. Returns the function that stops listening.
 */
export function onAuditAppended(listener: (instanceId: string) => void): () => void {
  appendListeners.add(listener);
  return () => { appendListeners.delete(listener); };
}

/** Appends one event; must run inside a transaction (it locks the instance row to serialise appends and move the head). */
export async function appendAudit(tx: Db, input: AuditInput): Promise<AuditRow> {
  const observe = auditTimings.observe;
  if (!observe) return append(tx, input);
  const started = performance.now();
  try {
    return await append(tx, input);
  } finally {
    observe(performance.now() - started);
  }
}

/** A case's chain head (and case file) as its locked row holds it, moved in memory by each append. */
interface ChainHead {
  seq: number;
  hash: string;
  algorithm: HashAlgorithm;
  processKey: string;
  facts: CaseFacts | null;
  /** The seq the row held when it was locked: the head is written back only if it moved. */
  lockedAt: number;
  /** The case file moved too (it is written back only then: it can be large). */
  factsMoved: boolean;
}

/** Transactions whose appends keep the heads they locked in memory (see `withChainHeads`). */
const headsOf = new WeakMap<Db, Map<string, ChainHead>>();

/**
 * Runs a step's writes (inside `tx`) keeping each case's chain head in memory once its row is locked, and writes each
 * head that moved back once at the end: a completion and the task it opens append two events to one chain with one
 * lock and one update instead of two each. Nothing within `work` may read the head from the row (`work` must not
 * open a nested transaction on another handle either): it is written when `work` returns, before the commit.
 */
export async function withChainHeads<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  const heads = new Map<string, ChainHead>();
  headsOf.set(tx, heads);
  try {
    const result = await work();
    for (const [instanceId, head] of heads) if (head.seq !== head.lockedAt) await writeHead(tx, instanceId, head);
    return result;
  } finally {
    headsOf.delete(tx);
  }
}

async function lockHead(tx: Db, instanceId: string): Promise<ChainHead> {
  const [row] = await tx.select({
    seq: instances.auditSeq, hash: instances.auditHash, algorithm: instances.auditHashAlgorithm, processKey: instances.processKey, facts: instances.facts,
  }).from(instances).where(eq(instances.id, instanceId)).for('update');
  if (!row) throw new Error(`no case ${instanceId} to append an audit event to`);
  return { ...row, algorithm: row.algorithm as HashAlgorithm, facts: row.facts as CaseFacts | null, lockedAt: row.seq, factsMoved: false };
}

async function writeHead(tx: Db, instanceId: string, head: ChainHead): Promise<void> {
  await tx.update(instances).set({
    auditSeq: head.seq, auditHash: head.hash, ...(head.lockedAt === 0 ? { auditHashAlgorithm: head.algorithm } : {}), ...(head.factsMoved ? { facts: head.facts } : {}),
  }).where(eq(instances.id, instanceId));
}

/**
 * Lock the case row and read the chain head (and case file) kept on it, insert the event (a repeated event key
 * inserts nothing and returns the row already written), move the head and the case file: three statements, or, within
 * `withChainHeads`, the lock once per case and the update once at the end. No read of the audit table on the way.
 */
async function append(tx: Db, input: AuditInput): Promise<AuditRow> {
  const heads = headsOf.get(tx);
  let head = heads?.get(input.instanceId);
  if (!head) {
    head = await lockHead(tx, input.instanceId);
    heads?.set(input.instanceId, head);
  }
  const seq = head.seq + 1;
  const prevHash = head.hash;
  // A new chain takes the installation's algorithm and keeps it; an existing one keeps what its row records.
  const algorithm = head.seq === 0 ? hashForNewChains() : head.algorithm;
  const data = JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>;
  const hash = hashEvent({ ...input, data, seq, prevHash }, algorithm);
  const [inserted] = await tx.insert(auditEvents).values({
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
    hash,
  }).onConflictDoNothing({ target: auditEvents.eventKey }).returning();
  if (!inserted) {
    const [existing] = await tx.select().from(auditEvents).where(eq(auditEvents.eventKey, input.eventKey));
    return existing;
  }
  // The case file (案卷) moves with the head (db/case-file.ts).
  const facts = await caseFileAfter(tx, head, inserted);
  const moved = { ...head, seq, hash, algorithm, facts: facts ?? head.facts, factsMoved: head.factsMoved || facts !== undefined };
  if (heads) heads.set(input.instanceId, moved);
  else await writeHead(tx, input.instanceId, moved);
  for (const listener of appendListeners) listener(input.instanceId);
  return inserted;
}

export function actorOf(row: AuditRow): AuditActor | null {
  if (!row.actorId) return null;
  return { id: row.actorId, name: row.actorName ?? '', role: row.actorRole ?? '', orgUnitId: row.actorOrgUnitId ?? '' };
}

export async function readAudit(db: Db, instanceId: string): Promise<AuditRow[]> {
  return db.select().from(auditEvents).where(eq(auditEvents.instanceId, instanceId)).orderBy(asc(auditEvents.seq));
}

export interface ChainFinding {
  kind: 'altered' | 'missing' | 'reordered';
  seq: number;
  message: string;
}

function recompute(row: AuditRow, algorithm: HashAlgorithm): string {
  return hashEvent({
    instanceId: row.instanceId, eventKey: row.eventKey, at: row.at, actor: actorOf(row), stepId: row.stepId,
    action: row.action, data: row.data, seq: row.seq, prevHash: row.prevHash,
  }, algorithm);
}

/**
 * The algorithm to verify a chain with: the one its case row records. Without the row (a case row deleted behind the
 * log's back), the one its first event was hashed with, else SHA-256 — the chain is then checked all the same.
 */
export function chainAlgorithm(rows: AuditRow[], recorded: HashAlgorithm | undefined): HashAlgorithm {
  if (recorded) return recorded;
  return rows.length > 0 && recompute(rows[0], 'sm3') === rows[0].hash ? 'sm3' : 'sha256';
}

/** Re-hashes one instance's rows in seq order (with the chain's algorithm) and names every place the chain breaks, and how. */
export function verifyChainDetailed(rows: AuditRow[], algorithm: HashAlgorithm = 'sha256'): ChainFinding[] {
  const findings: ChainFinding[] = [];
  const hashes = new Map(rows.map((r) => [r.hash, r.seq]));
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    let linked = row.prevHash === prevHash;
    if (row.seq > expectedSeq) {
      const range = row.seq - 1 > expectedSeq ? `events ${expectedSeq}–${row.seq - 1} are` : `event ${expectedSeq} is`;
      findings.push({ kind: 'missing', seq: expectedSeq, message: `${range} missing` });
      linked = true;
    }
    if (row.hash !== recompute(row, algorithm)) {
      const linksTo = hashes.get(row.prevHash);
      findings.push(linksTo !== undefined && linksTo !== row.seq - 1
        ? { kind: 'reordered', seq: row.seq, message: `event at seq ${row.seq} follows seq ${linksTo}: events were reordered` }
        : { kind: 'altered', seq: row.seq, message: `event ${row.seq} was altered: its content does not match its hash` });
    } else if (!linked) {
      findings.push({ kind: 'altered', seq: row.seq - 1, message: `event ${row.seq - 1} was rewritten: event ${row.seq} no longer links to it` });
    }
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
  }
  return findings;
}

export interface ChainVerdict {
  ok: boolean;
  events: number;
  firstBrokenSeq: number | null;
}

/** Recomputes every hash and link; the first row that does not match names where the chain broke. */
export function verifyChain(rows: AuditRow[], algorithm: HashAlgorithm = 'sha256'): ChainVerdict {
  const findings = verifyChainDetailed(rows, algorithm);
  return { ok: findings.length === 0, events: rows.length, firstBrokenSeq: findings.length === 0 ? null : Math.min(...findings.map((f) => f.seq)) };
}

export async function countAudit(db: Db, instanceId: string, action: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents)
    .where(and(eq(auditEvents.instanceId, instanceId), eq(auditEvents.action, action)));
  return row.n;
}
