// Signs the chain heads soon after events are appended, not only on the periodic loop: at start-up, then after
// each batch of appends (at most every `debounceMs`, sooner once `batchEvents` are waiting). A checkpoint never
// moves backwards: a head is replaced only by a later head of the same chain that still holds the signed event,
// so a chain cut or re-hashed between two checkpoints stays detectable against the newest one.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { onAuditAppended } from '../db/audit-log';
import { LATEST_CHECKPOINT_FILE, checkpointIntact, loadSigningKey, makeCheckpoint, readHeads, writeCheckpointFile, type Checkpoint } from './checkpoint';
import type { ChainHead } from './merkle';
import type { SignatureAlgorithm } from './signature';

export interface CheckpointWriterOptions {
  /** Folder outside the database where checkpoint files are kept. */
  dir: string;
  /** The private key (PKCS#8 PEM), kept outside the database; created on first use. */
  keyFile: string;
  /** How checkpoints are signed (SHANZHI_CHECKPOINT_SIGNATURE); the key file must hold a key of this kind. Default Ed25519. */
  signature?: SignatureAlgorithm;
  /** The longest an appended event waits to be signed. */
  debounceMs?: number;
  /** This many waiting events are signed at once (after `settleMs`), without waiting for `debounceMs`. */
  batchEvents?: number;
  log?: (line: string) => void;
}

/** Appends are reported before their transaction commits; a flush waits this long so it reads them committed. */
const SETTLE_MS = 250;

type Row = Record<string, unknown>;
const publicKeyPem = (key: KeyObject): string => createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
const rowsOf = (result: unknown): Row[] => (result as { rows: Row[] }).rows;

export class CheckpointWriter {
  private readonly heads = new Map<string, ChainHead>();
  private readonly dirty = new Set<string>();
  /** Instances reported once whose head did not move yet (the append may not have committed): tried once more. */
  private readonly unseen = new Set<string>();
  private waiting = 0;
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private key: KeyObject | undefined;
  private readonly debounceMs: number;
  private readonly batchEvents: number;
  private readonly log: (line: string) => void;

  constructor(private readonly db: Db, private readonly options: CheckpointWriterOptions) {
    this.debounceMs = options.debounceMs ?? 5_000;
    this.batchEvents = options.batchEvents ?? 200;
    this.log = options.log ?? ((line) => console.error(line));
  }

  /** Signs the current heads (kept no lower than the previous latest checkpoint's) and starts following appends. */
  async start(): Promise<Checkpoint> {
    this.remember(this.previousLatest());
    this.unsubscribe ??= onAuditAppended((instanceId) => this.noteAppended(instanceId));
    return this.writeFull(new Date());
  }

  /** Re-reads every head from the database and signs them all, also as a time-stamped archive file. */
  writeFull(at: Date): Promise<Checkpoint> {
    return this.serially(async () => {
      this.dirty.clear();
      this.unseen.clear();
      this.waiting = 0;
      await this.advance(await readHeads(this.db), true);
      return this.write(at, true);
    });
  }

  /** Signs what is waiting now, and stops following appends. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size > 0) await this.flush();
    await this.queue;
  }

  private noteAppended(instanceId: string): void {
    this.dirty.add(instanceId);
    this.waiting++;
    if (this.waiting >= this.batchEvents) this.schedule(SETTLE_MS, true);
    else this.schedule(Math.max(this.debounceMs, SETTLE_MS), false);
  }

  private schedule(ms: number, sooner: boolean): void {
    if (this.timer && !sooner) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => this.log(`[audit] checkpoint not written: ${(error as Error).message}`));
    }, ms);
    // A pending checkpoint must not keep a finished process alive; stop() writes it.
    this.timer.unref();
  }

  private flush(): Promise<Checkpoint | null> {
    return this.serially(async () => {
      const ids = [...this.dirty];
      this.dirty.clear();
      this.waiting = 0;
      if (ids.length === 0) return null;
      const before = new Map(ids.map((id) => [id, this.heads.get(id)?.seq ?? 0]));
      await this.advance(await this.headsOf(ids), false);
      for (const id of ids) {
        const moved = (this.heads.get(id)?.seq ?? 0) > (before.get(id) ?? 0);
        if (moved || this.unseen.has(id)) this.unseen.delete(id);
        else { this.unseen.add(id); this.dirty.add(id); }
      }
      if (this.dirty.size > 0) this.schedule(Math.max(this.debounceMs, SETTLE_MS), false);
      return this.write(new Date(), false);
    });
  }

  /**
   * Takes the database's heads where they extend what was signed before. A chain that no longer holds its signed
   * head (cut off, re-hashed, or gone without a recorded purge) keeps the signed head, and is logged: the next
   * checkpoint must not launder the tampering.
   */
  private async advance(current: ChainHead[], complete: boolean): Promise<void> {
    const signed = current.map((h) => this.heads.get(h.instanceId)).filter((h): h is ChainHead => h !== undefined);
    const still = await this.hashesAt(signed);
    for (const head of current) {
      const before = this.heads.get(head.instanceId);
      if (!before || (head.seq >= before.seq && still.get(head.instanceId) === before.hash)) this.heads.set(head.instanceId, head);
      else this.log(`[audit] ${head.instanceId} no longer holds its checkpointed event #${before.seq}; the checkpoint keeps it`);
    }
    if (!complete) return;
    const present = new Set(current.map((h) => h.instanceId));
    const gone = [...this.heads.values()].filter((h) => !present.has(h.instanceId));
    const purged = await this.purgedSince(gone);
    for (const head of gone) {
      if (purged.has(head.instanceId)) this.heads.delete(head.instanceId);
      else this.log(`[audit] ${head.instanceId} is gone from the database without a recorded purge; the checkpoint keeps it`);
    }
  }

  private write(at: Date, archive: boolean): Checkpoint {
    this.key ??= loadSigningKey(this.options.keyFile, this.options.signature);
    const checkpoint = makeCheckpoint([...this.heads.values()], this.key, at);
    writeCheckpointFile(this.options.dir, checkpoint, archive);
    return checkpoint;
  }

  /** The latest checkpoint on disk, if our own key signed it (another process, or this one before a restart). */
  private previousLatest(): ChainHead[] {
    const file = join(this.options.dir, LATEST_CHECKPOINT_FILE);
    if (!existsSync(file)) return [];
    try {
      const checkpoint = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
      this.key ??= loadSigningKey(this.options.keyFile, this.options.signature);
      const intact = checkpointIntact(checkpoint, publicKeyPem(this.key));
      if (intact.signature && intact.root) return checkpoint.heads;
    } catch {
      // Unreadable or foreign: start from the database alone, as on the very first start.
    }
    this.log(`[audit] ${file} does not verify with this key; it is not carried over`);
    return [];
  }

  private remember(heads: ChainHead[]): void {
    for (const head of heads) this.heads.set(head.instanceId, head);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async headsOf(instanceIds: string[]): Promise<ChainHead[]> {
    const rows = rowsOf(await this.db.execute(sql`
      select distinct on (instance_id) instance_id as "instanceId", seq, hash from audit_events
      where instance_id in (select jsonb_array_elements_text(${JSON.stringify(instanceIds)}::jsonb))
      order by instance_id, seq desc`));
    return rows.map((r) => ({ instanceId: String(r.instanceId), seq: Number(r.seq), hash: String(r.hash) }));
  }

  /** The hash each chain now holds at its signed seq. */
  private async hashesAt(heads: ChainHead[]): Promise<Map<string, string>> {
    if (heads.length === 0) return new Map();
    const keys = JSON.stringify(heads.map((h) => ({ instance_id: h.instanceId, seq: h.seq })));
    const rows = rowsOf(await this.db.execute(sql`
      select e.instance_id as "instanceId", e.hash from audit_events e
      join jsonb_to_recordset(${keys}::jsonb) as k(instance_id text, seq int) on e.instance_id = k.instance_id and e.seq = k.seq`));
    return new Map(rows.map((r) => [String(r.instanceId), String(r.hash)]));
  }

  private async purgedSince(heads: ChainHead[]): Promise<Set<string>> {
    if (heads.length === 0) return new Set();
    const keys = JSON.stringify(heads.map((h) => ({ instance_id: h.instanceId, seq: h.seq })));
    const rows = rowsOf(await this.db.execute(sql`
      select p.instance_id as "instanceId" from audit_purges p
      join jsonb_to_recordset(${keys}::jsonb) as k(instance_id text, seq int) on p.instance_id = k.instance_id and p.head_seq >= k.seq`));
    return new Set(rows.map((r) => String(r.instanceId)));
  }
}
