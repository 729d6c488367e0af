// The append-only, hash-chained audit log (ARCHITECTURE principle 6). Each row's hash covers its content
// and the previous row's hash, so editing, deleting or reordering rows breaks the chain at that seq.
// Appends are idempotent by event key, because the activities that write them retry.
import stableStringify from 'fast-json-stable-stringify';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { auditEvents } from './schema';
import { backfillCaseFile, caseFileAfter } from './case-file';
import { runStatement, valuesList } from './statement';
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
  startedAt: Date;
  facts: CaseFacts | null;
  /** The case file moved (it is written back only then: it can be large). */
  factsMoved: boolean;
  /**
   * The head as the row held it when locked: written back only if it moved, and restored for a retried step that
   * appends again one event at a time (see `writeQueued`).
   */
  locked: { seq: number; hash: string; algorithm: HashAlgorithm; facts: CaseFacts | null; factsMoved: boolean };
  /** A close within the step: the case's status, close time and outcome, written with the head. */
  closing?: CaseClosing;
}

export interface CaseClosing { status: string; closedAt: Date; outcome: Record<string, unknown> }

/** A step's appends (see `withChainHeads`): the heads it locked and the events it will insert at its end. */
interface StepAppends {
  heads: Map<string, ChainHead>;
  queued: Array<{ input: AuditInput; row: AuditRow }>;
}

const stepsOf = new WeakMap<Db, StepAppends>();

/**
 * Runs a step's writes (inside `tx`) with one lock per case and one statement for all of their audit events: each
 * case's row is locked once, its head (and case file) moves in memory with each append, and when `work` returns the
 * events are inserted and the heads written back together — a completion and the task it opens cost one lock and one
 * statement for their two events and the head. Same hashes, same per-case chains as one append at a time. Nothing
 * within `work` may read the step's own events or the head from the database, nor open a nested transaction on
 * another handle: they are written when `work` returns, before the commit.
 */
export async function withChainHeads<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  const step: StepAppends = { heads: new Map(), queued: [] };
  stepsOf.set(tx, step);
  try {
    const result = await work();
    await writeQueued(tx, step);
    return result;
  } finally {
    stepsOf.delete(tx);
  }
}

/**
 * The case row locked for its chain's appends, once per step (a step's close and registration read what they need
 * from it instead of another statement). Outside a step, the lock and read alone.
 */
export async function lockCase(tx: Db, instanceId: string): Promise<{ processKey: string; startedAt: Date }> {
  return headOf(tx, stepsOf.get(tx), instanceId);
}

/** The case's head: the one its step already locked, or its row locked now (and kept by the step, if any). */
async function headOf(tx: Db, step: StepAppends | undefined, instanceId: string): Promise<ChainHead> {
  let head = step?.heads.get(instanceId);
  if (!head) {
    head = await lockHead(tx, instanceId);
    step?.heads.set(instanceId, head);
  }
  return head;
}

/**
 * Closes the case row: within a step its status, close time and outcome are written with its head at the step's end
 * (no statement of their own); outside, at once. Returns what the case's assessment needs, or null without a row.
 */
export async function closeCase(tx: Db, instanceId: string, closing: CaseClosing): Promise<{ processKey: string; startedAt: Date } | null> {
  const step = stepsOf.get(tx);
  if (step) {
    const head = await headOf(tx, step, instanceId);
    head.closing = closing;
    return head;
  }
  const [row] = await runStatement<{ process_key: string; started_at: string | Date }>(tx,
    'update instances set status = $1, closed_at = $2::timestamptz, outcome = $3::jsonb where id = $4 returning process_key, started_at',
    [closing.status, closing.closedAt.toISOString(), JSON.stringify(closing.outcome), instanceId]);
  return row ? { processKey: row.process_key, startedAt: new Date(row.started_at) } : null;
}

const LOCK_HEAD = 'select audit_seq, audit_hash, audit_hash_algorithm, process_key, facts, started_at from instances where id = $1 for update';

async function lockHead(tx: Db, instanceId: string): Promise<ChainHead> {
  const [row] = await runStatement<{
    audit_seq: number; audit_hash: string; audit_hash_algorithm: string; process_key: string; facts: CaseFacts | null; started_at: string | Date;
  }>(tx, LOCK_HEAD, [instanceId]);
  if (!row) throw new Error(`no case ${instanceId} to append an audit event to`);
  const algorithm = row.audit_hash_algorithm as HashAlgorithm;
  // A case older than the case file column gets its file folded from its trail once, and written with the head.
  const backfilled = row.facts === null && row.audit_seq > 0 ? await backfillCaseFile(tx, instanceId, row.process_key) : null;
  const facts = backfilled ?? row.facts;
  const factsMoved = backfilled !== null;
  return {
    seq: row.audit_seq, hash: row.audit_hash, algorithm, processKey: row.process_key, startedAt: new Date(row.started_at),
    facts, factsMoved, locked: { seq: row.audit_seq, hash: row.audit_hash, algorithm, facts, factsMoved },
  };
}

/** The `update instances` that writes a moved head (and a close), its parameters numbered from `$first`. */
function headUpdate(instanceId: string, head: ChainHead, first: number): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const set = (column: string, value: unknown, cast: string) => { params.push(value); return `${column} = $${first + params.length - 1}::${cast}`; };
  const sets = [set('audit_seq', head.seq, 'int'), set('audit_hash', head.hash, 'text')];
  if (head.locked.seq === 0) sets.push(set('audit_hash_algorithm', head.algorithm, 'text'));
  if (head.factsMoved) sets.push(set('facts', JSON.stringify(head.facts), 'jsonb'));
  if (head.closing) {
    sets.push(set('status', head.closing.status, 'text'), set('closed_at', head.closing.closedAt.toISOString(), 'timestamptz'),
      set('outcome', JSON.stringify(head.closing.outcome), 'jsonb'));
  }
  params.push(instanceId);
  return { text: `update instances set ${sets.join(', ')} where id = $${first + params.length - 1}::text`, params };
}

function headMoved(head: ChainHead): boolean {
  return head.seq !== head.locked.seq || head.factsMoved || head.closing !== undefined;
}

async function writeHead(tx: Db, instanceId: string, head: ChainHead): Promise<void> {
  const { text, params } = headUpdate(instanceId, head, 1);
  await runStatement(tx, text, params);
}

const EVENT_COLUMNS = 'instance_id, seq, event_key, at, actor_id, actor_name, actor_role, actor_org_unit_id, step_id, action, data, prev_hash, hash';
const EVENT_CASTS = ['text', 'int', 'text', 'timestamptz', 'text', 'text', 'text', 'text', 'text', 'text', 'jsonb', 'text', 'text'];

function eventParams(row: AuditRow): unknown[] {
  return [row.instanceId, row.seq, row.eventKey, row.at.toISOString(), row.actorId, row.actorName, row.actorRole, row.actorOrgUnitId,
    row.stepId, row.action, JSON.stringify(row.data), row.prevHash, row.hash];
}

/**
 * The end of a step: its events and moved heads in one statement — unless one of its event keys is already written
 * (a step retried after its commit, or a replay that repeats part of one), in which case that statement writes
 * nothing and the events are appended one at a time from the heads as locked, as outside a step: a repeated key
 * inserts nothing and does not move its chain.
 */
async function writeQueued(tx: Db, step: StepAppends): Promise<void> {
  const moved = [...step.heads].filter(([, head]) => headMoved(head));
  if (step.queued.length === 0) {
    for (const [instanceId, head] of moved) await writeHead(tx, instanceId, head);
    return;
  }
  const rows = step.queued.map((q) => q.row);
  const params: unknown[] = rows.map((row) => row.eventKey);
  const keys = rows.map((_, i) => `$${i + 1}::text`).join(', ');
  const events = valuesList(rows.length, EVENT_CASTS, params.length + 1);
  for (const row of rows) params.push(...eventParams(row));
  const updates = moved.map(([instanceId, head], i) => {
    const update = headUpdate(instanceId, head, params.length + 1);
    params.push(...update.params);
    return `, head_${i} as (${update.text} and not exists (select 1 from written))`;
  });
  const [result] = await runStatement<{ inserted: number }>(tx,
    `with written as (select 1 from audit_events where event_key in (${keys}) limit 1), ` +
    `inserted as (insert into audit_events (${EVENT_COLUMNS}) select * from (values ${events}) as v where not exists (select 1 from written) returning 1)` +
    `${updates.join('')} select (select count(*) from inserted)::int as inserted`, params);
  if (result.inserted === rows.length) {
    for (const row of rows) for (const listener of appendListeners) listener(row.instanceId);
    return;
  }
  for (const head of step.heads.values()) Object.assign(head, head.locked);
  for (const { input } of step.queued) {
    const head = step.heads.get(input.instanceId)!;
    const { row, next } = nextEvent(input, head);
    const inserted = await insertEvent(tx, row);
    if (inserted) Object.assign(head, next);
  }
  for (const [instanceId, head] of step.heads) if (headMoved(head)) await writeHead(tx, instanceId, head);
}

/** The event appended to `head` (its seq, link, hash) and the head after it (with the case file folded on). */
function nextEvent(input: AuditInput, head: ChainHead): { row: AuditRow; next: Partial<ChainHead> } {
  const seq = head.seq + 1;
  const prevHash = head.hash;
  // A new chain takes the installation's algorithm and keeps it; an existing one keeps what its row records.
  const algorithm = head.seq === 0 ? hashForNewChains() : head.algorithm;
  const data = JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>;
  const hash = hashEvent({ ...input, data, seq, prevHash }, algorithm);
  const row: AuditRow = {
    instanceId: input.instanceId, seq, eventKey: input.eventKey, at: input.at,
    actorId: input.actor?.id ?? null, actorName: input.actor?.name ?? null, actorRole: input.actor?.role ?? null,
    actorOrgUnitId: input.actor?.orgUnitId ?? null, stepId: input.stepId, action: input.action, data, prevHash, hash,
    recordedAt: new Date(),
  };
  // The case file (案卷) moves with the head (db/case-file.ts).
  const facts = caseFileAfter(head, row);
  return { row, next: { seq, hash, algorithm, ...(facts !== undefined ? { facts, factsMoved: true } : {}) } };
}

/** Inserts one event; false when its key is already written (a retry), which then leaves its chain where it was. */
async function insertEvent(tx: Db, row: AuditRow): Promise<boolean> {
  const inserted = await runStatement(tx,
    `insert into audit_events (${EVENT_COLUMNS}) values ${valuesList(1, EVENT_CASTS)} on conflict (event_key) do nothing returning 1`, eventParams(row));
  if (inserted.length === 0) return false;
  for (const listener of appendListeners) listener(row.instanceId);
  return true;
}

/**
 * Within a step, the event is queued on its case's head (locked once) and written at the step's end. Outside, three
 * statements: lock the case row and read the chain head (and case file) kept on it, insert the event (a repeated
 * event key inserts nothing and returns the row already written), move the head and the case file. No read of the
 * audit table on the way.
 */
async function append(tx: Db, input: AuditInput): Promise<AuditRow> {
  const step = stepsOf.get(tx);
  const head = await headOf(tx, step, input.instanceId);
  const { row, next } = nextEvent(input, head);
  if (step) {
    Object.assign(head, next);
    step.queued.push({ input, row });
    return row;
  }
  if (!(await insertEvent(tx, row))) {
    const [existing] = await tx.select().from(auditEvents).where(eq(auditEvents.eventKey, input.eventKey));
    return existing;
  }
  Object.assign(head, next);
  if (headMoved(head)) await writeHead(tx, input.instanceId, head);
  return row;
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
