// Tamper evidence beyond the chain: a signed checkpoint of all chain heads lets the verifier name an edited
// payload, a deleted row, reordered rows, a deleted instance and a truncated chain; the CLI reports the same.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateKeyPairSync } from 'node:crypto';
import { and, eq, gt, inArray } from 'drizzle-orm';
import { appendAudit, readAudit, type AuditRow } from '../../db/audit-log';
import { openDatabase } from '../../db/client';
import { auditEvents, instances } from '../../db/schema';
import { makeCheckpoint, readHeads, checkpointIntact } from '../../audit/checkpoint';
import { inclusionProof, verifyInclusion } from '../../audit/merkle';
import { verifyArchive } from '../../audit/verify-archive';
import type { Db } from '../../db/client';
import { asSuperuserBypassingTriggers, forgeActorAndRehash } from '../support/tamper';
import { loadProjections } from '../../audit/projections';
import { purgeInstance } from '../../db/audit-purge';
import { auditPurges, tasks } from '../../db/schema';

const run = promisify(execFile);
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const trustedPublicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

async function seed(db: Db, ids: string[], events = 5): Promise<void> {
  for (const id of ids) {
    await db.insert(instances).values({
      id, processKey: 'whistle-escalation', processVersion: 1, title: id, status: 'running', input: {}, orgUnitId: 'community-a1',
      orgPath: ['community-a1'], startedBy: 'u', startedAt: new Date('2026-11-23T02:00:00Z'),
    });
    for (let i = 1; i <= events; i++) {
      await db.transaction((tx) => appendAudit(tx, {
        instanceId: id, eventKey: i === 1 ? `${id}:start` : `${id}:${i}`, at: new Date(Date.UTC(2026, 10, 23, 2, i)), actor: null, stepId: 'Task_X', action: `a${i}`, data: { i },
      }));
    }
  }
}

async function allRows(db: Db): Promise<AuditRow[]> {
  return db.select().from(auditEvents);
}

describe('the archive verifier', () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  const ids = ['T-EDIT', 'T-DELROW', 'T-SWAP', 'T-GONE', 'T-TRUNC', 'T-CLEAN'];
  let checkpoint: ReturnType<typeof makeCheckpoint>;

  beforeAll(async () => {
    database = await openDatabase({});
    await database.migrate();
    await seed(database.db, ids);
    checkpoint = makeCheckpoint(await readHeads(database.db), privateKey, new Date('2026-11-23T03:00:00Z'));
  });
  afterAll(async () => { await database?.close(); });

  test('an untouched database matches its checkpoint', async () => {
    expect(checkpoint.heads).toHaveLength(ids.length);
    expect(checkpointIntact(checkpoint, trustedPublicKeyPem)).toEqual({ signature: true, root: true });
    expect(verifyArchive(await allRows(database.db), { checkpoint: { checkpoint, trustedPublicKeyPem } })).toMatchObject({ ok: true, instances: 6, events: 30 });
  });

  test('every kind of tampering is found and named', async () => {
    await asSuperuserBypassingTriggers(database.db, async (db) => {
      await db.update(auditEvents).set({ data: { i: 'forged' } }).where(and(eq(auditEvents.instanceId, 'T-EDIT'), eq(auditEvents.seq, 3)));
      await db.delete(auditEvents).where(and(eq(auditEvents.instanceId, 'T-DELROW'), eq(auditEvents.seq, 2)));
      const swap = await readAudit(db, 'T-SWAP');
      await db.delete(auditEvents).where(eq(auditEvents.instanceId, 'T-SWAP'));
      await db.insert(auditEvents).values(swap.map((r) => ({ ...r, seq: r.seq === 2 ? 3 : r.seq === 3 ? 2 : r.seq })));
      await db.delete(auditEvents).where(eq(auditEvents.instanceId, 'T-GONE'));
      await db.delete(auditEvents).where(and(eq(auditEvents.instanceId, 'T-TRUNC'), gt(auditEvents.seq, 3)));
    });
    const { db } = database;

    const verdict = verifyArchive(await allRows(db), { checkpoint: { checkpoint, trustedPublicKeyPem } });
    expect(verdict.ok).toBe(false);
    const found = verdict.findings.map((f) => [f.kind, f.instanceId, f.seq ?? null]);
    expect(found).toEqual(expect.arrayContaining([
      ['altered', 'T-EDIT', 3],
      ['missing', 'T-DELROW', 2],
      ['reordered', 'T-SWAP', 2],
      ['deletedInstance', 'T-GONE', null],
      ['truncated', 'T-TRUNC', 4],
    ]));
    expect(verdict.findings.some((f) => f.instanceId === 'T-CLEAN')).toBe(false);
    expect(verdict.findings.find((f) => f.kind === 'truncated')?.message).toBe('chain of T-TRUNC truncated: the checkpoint recorded seq 5, the database ends at seq 3');
  });

  test('a forged checkpoint fails its signature or its root', () => {
    const forgedRoot = { ...checkpoint, heads: checkpoint.heads.slice(1) };
    expect(checkpointIntact(forgedRoot, trustedPublicKeyPem)).toEqual({ signature: true, root: false });
    const resigned = { ...checkpoint, merkleRoot: '00'.repeat(32) };
    expect(checkpointIntact(resigned, trustedPublicKeyPem).signature).toBe(false);
    const otherKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(checkpointIntact(checkpoint, otherKey).signature).toBe(false);
  });

  test("one instance's head can be proved to be in the signed root", () => {
    const head = checkpoint.heads[2];
    expect(verifyInclusion(inclusionProof(checkpoint.heads, head), head, checkpoint.merkleRoot)).toBe(true);
    expect(verifyInclusion(inclusionProof(checkpoint.heads, head), { ...head, seq: 4 }, checkpoint.merkleRoot)).toBe(false);
  });
});

describe('what a re-hashed or cut chain cannot hide', () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let checkpoint: ReturnType<typeof makeCheckpoint>;

  async function evidence() {
    return {
      checkpoint: { checkpoint, trustedPublicKeyPem }, projections: await loadProjections(database.db),
      purges: await database.db.select().from(auditPurges),
    };
  }

  beforeAll(async () => {
    database = await openDatabase({});
    await database.migrate();
    await seed(database.db, ['R-FORGE', 'R-CUT', 'R-TASK', 'R-PURGED', 'R-CLEAN'], 4);
    // R-TASK's task was opened in the same transaction as its seq-5 event, as openTask does.
    await database.db.transaction(async (tx) => {
      await tx.insert(tasks).values({
        id: 'R-TASK-t1', instanceId: 'R-TASK', processKey: 'whistle-escalation', stepId: 'Task_X', name: 'x', role: 'community_staff',
        orgUnitId: 'community-a1', status: 'open', actions: ['resolve'], timeLimit: { amount: 1, unit: 'workingDays' }, calendarVersion: 'v',
        createdAt: new Date('2026-11-23T02:10:00Z'), dueAt: new Date('2026-11-24T09:30:00Z'), remindAt: new Date('2026-11-24T07:00:00Z'), title: 'x',
      });
      await appendAudit(tx, { instanceId: 'R-TASK', eventKey: 'R-TASK-t1:open', at: new Date('2026-11-23T02:10:00Z'), actor: null, stepId: 'Task_X', action: 'open', data: { taskId: 'R-TASK-t1' } });
    });
    checkpoint = makeCheckpoint(await readHeads(database.db), privateKey, new Date('2026-11-23T03:00:00Z'));
  });
  afterAll(async () => { await database?.close(); });

  test('given an intact database, when verified with the checkpoint and the projections, then it is intact', async () => {
    expect(verifyArchive(await allRows(database.db), await evidence())).toMatchObject({ ok: true, findings: [], purged: [] });
  });

  test('a chain re-hashed after forging who acted links up, but no longer matches the checkpoint', async () => {
    await forgeActorAndRehash(database.db, 'R-FORGE', 2, { id: 'u-someone-else', name: '张三', role: 'dispatcher', orgUnitId: 'street-a' });
    const rows = await allRows(database.db);

    expect(verifyArchive(rows).ok).toBe(true);
    const verdict = verifyArchive(rows, await evidence());
    expect(verdict.ok).toBe(false);
    expect(verdict.findings).toEqual([expect.objectContaining({ kind: 'differsFromCheckpoint', instanceId: 'R-FORGE', seq: 4 })]);
  });

  test('a chain whose newest events were cut off is truncated against the checkpoint', async () => {
    await asSuperuserBypassingTriggers(database.db, (tx) => tx.delete(auditEvents).where(and(eq(auditEvents.instanceId, 'R-CUT'), gt(auditEvents.seq, 2))));
    const verdict = verifyArchive(await allRows(database.db), await evidence());
    expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'truncated', instanceId: 'R-CUT', seq: 3 }));
  });

  test("a task in the inbox whose opening event was removed is a break, even with the checkpoint's help gone", async () => {
    await asSuperuserBypassingTriggers(database.db, (tx) => tx.delete(auditEvents).where(eq(auditEvents.eventKey, 'R-TASK-t1:open')));
    const verdict = verifyArchive(await allRows(database.db), { projections: await loadProjections(database.db) });
    expect(verdict.findings).toEqual([expect.objectContaining({ kind: 'taskEventMissing', instanceId: 'R-TASK', taskId: 'R-TASK-t1' })]);
  });

  test('an instance removed through the recorded purge is reported as purged, not as deleted', async () => {
    await purgeInstance(database.db, { instanceId: 'R-PURGED', reason: 'retention rule R-7', purgedBy: 'u-admin' });
    const verdict = verifyArchive(await allRows(database.db), await evidence());
    expect(verdict.purged).toEqual([expect.objectContaining({ instanceId: 'R-PURGED', headSeq: 4, reason: 'retention rule R-7' })]);
    expect(verdict.findings.filter((f) => f.instanceId === 'R-PURGED' || f.instanceId === 'R-CLEAN')).toEqual([]);
  });
});

test('the command-line verifier reads a database folder and a checkpoint file, and names what it finds in the log and the projections', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-verify-'));
  try {
    const database = await openDatabase({ dataDir: join(dir, 'db') });
    await database.migrate();
    await seed(database.db, ['C-1', 'C-2'], 3);
    const checkpoint = makeCheckpoint(await readHeads(database.db), privateKey, new Date());
    writeFileSync(join(dir, 'checkpoint.json'), JSON.stringify(checkpoint));
    writeFileSync(join(dir, 'trusted.pub'), trustedPublicKeyPem);
    await asSuperuserBypassingTriggers(database.db, (db) => db.delete(auditEvents).where(inArray(auditEvents.instanceId, ['C-2'])));
    await asSuperuserBypassingTriggers(database.db, (db) => db.update(auditEvents).set({ action: 'forged' }).where(and(eq(auditEvents.instanceId, 'C-1'), eq(auditEvents.seq, 2))));
    await database.close();

    const cli = join(__dirname, '..', '..', 'scripts', 'verify-audit.ts');
    const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const result = await run(tsx, [cli, '--pglite', join(dir, 'db'), '--checkpoint', join(dir, 'checkpoint.json'), '--public-key', join(dir, 'trusted.pub')])
      .then(() => ({ code: 0, stdout: '' }), (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[deletedInstance] instance C-2 had 3 events at the checkpoint and is gone from the database');
    expect(result.stdout).toContain('[instanceEventMissing] instance C-2 (running) has no start event in the audit log');
    expect(result.stdout).toContain('1 instances, 3 events');
    // A finding inside a chain names the chain's instance too, so the auditor knows which case file to pull.
    expect(result.stdout).toContain('[altered] C-1: event 2 was altered: its content does not match its hash');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
