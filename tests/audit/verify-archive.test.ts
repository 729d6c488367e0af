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
import { asSuperuserBypassingTriggers } from '../support/tamper';

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
        instanceId: id, eventKey: `${id}:${i}`, at: new Date(Date.UTC(2026, 10, 23, 2, i)), actor: null, stepId: 'Task_X', action: `a${i}`, data: { i },
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
    expect(verifyArchive(await allRows(database.db), { checkpoint, trustedPublicKeyPem })).toMatchObject({ ok: true, instances: 6, events: 30 });
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

    const verdict = verifyArchive(await allRows(db), { checkpoint, trustedPublicKeyPem });
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

test('the command-line verifier reads a database folder and a checkpoint file and names what it finds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-verify-'));
  try {
    const database = await openDatabase({ dataDir: join(dir, 'db') });
    await database.migrate();
    await seed(database.db, ['C-1', 'C-2'], 3);
    const checkpoint = makeCheckpoint(await readHeads(database.db), privateKey, new Date());
    writeFileSync(join(dir, 'checkpoint.json'), JSON.stringify(checkpoint));
    writeFileSync(join(dir, 'trusted.pub'), trustedPublicKeyPem);
    await asSuperuserBypassingTriggers(database.db, (db) => db.delete(auditEvents).where(inArray(auditEvents.instanceId, ['C-2'])));
    await database.close();

    const cli = join(__dirname, '..', '..', 'scripts', 'verify-audit.ts');
    const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const result = await run(tsx, [cli, '--pglite', join(dir, 'db'), '--checkpoint', join(dir, 'checkpoint.json'), '--public-key', join(dir, 'trusted.pub')])
      .then(() => ({ code: 0, stdout: '' }), (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[deletedInstance] instance C-2 had 3 events at the checkpoint and is gone from the database');
    expect(result.stdout).toContain('1 instances, 3 events');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
