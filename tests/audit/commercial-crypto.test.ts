// Commercial cryptography (商用密码): audit chains hashed with SM3 and checkpoints signed with SM2, chosen at
// installation. A chain keeps the algorithm it started with, so a log of old SHA-256 chains and new SM3 chains
// verifies as a whole; an SM2 checkpoint verifies with the `openssl` command line, independently of this code.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import stableStringify from 'fast-json-stable-stringify';
import { and, eq, inArray } from 'drizzle-orm';
import { sm3 } from 'sm-crypto';
import { appendAudit, readAudit, type AuditRow } from '../../db/audit-log';
import { digestHex, useHashForNewChains } from '../../db/chain-hash';
import { openDatabase, type Db } from '../../db/client';
import { auditEvents, instances, securityEvents, securityLogHead } from '../../db/schema';
import { logSecurityEvent, verifySecurityLog } from '../../db/security-log';
import { checkpointIntact, loadSigningKey, makeCheckpoint, readHeads, signedPayload, type Checkpoint } from '../../audit/checkpoint';
import { CheckpointWriter } from '../../audit/checkpoint-writer';
import { fileCheckpointSource } from '../../audit/checkpoint-source';
import { merkleRoot } from '../../audit/merkle';
import { loadProjections } from '../../audit/projections';
import { verifyArchive } from '../../audit/verify-archive';
import { verifyInstance } from '../../audit/verify-instance';
import { loadConfig } from '../../runtime/config';
import { openDatabaseFor } from '../../runtime/stack';
import { asSuperuserBypassingTriggers } from '../support/tamper';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const run = promisify(execFile);
let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'shanzhi-gm-'));
});
afterAll(async () => {
  useHashForNewChains('sha256');
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => useHashForNewChains('sha256'));

async function startCase(db: Db, id: string): Promise<void> {
  await db.insert(instances).values({
    id, processKey: 'whistle-escalation', processVersion: 1, title: id, status: 'running', input: {}, orgUnitId: 'community-a1',
    orgPath: ['community-a1'], startedBy: 'u', startedAt: new Date('2026-11-23T02:00:00Z'),
  });
}

async function appendEvents(db: Db, id: string, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i++) {
    await db.transaction((tx) => appendAudit(tx, {
      instanceId: id, eventKey: i === 1 ? `${id}:start` : `${id}:${i}`, at: new Date(Date.UTC(2026, 10, 23, 2, i)),
      actor: { id: 'u', name: '王网格', role: 'grid_worker', orgUnitId: 'grid-a1-1' }, stepId: 'Task_X', action: `a${i}`, data: { i, note: '占道经营' },
    }));
  }
}

const rowsOf = async (db: Db, ids: string[]): Promise<AuditRow[]> => db.select().from(auditEvents).where(inArray(auditEvents.instanceId, ids));
const algorithmOf = async (id: string) => (await database.db.select({ a: instances.auditHashAlgorithm }).from(instances).where(eq(instances.id, id)))[0].a;

/** The event's hash worked out here from the documented content, not by the code under test. */
function expectedHash(row: AuditRow, algorithm: 'sha256' | 'sm3'): string {
  const content = stableStringify({
    instanceId: row.instanceId, seq: row.seq, eventKey: row.eventKey, at: row.at.toISOString(),
    actor: { id: row.actorId, name: row.actorName, role: row.actorRole, orgUnitId: row.actorOrgUnitId },
    stepId: row.stepId, action: row.action, data: row.data, prevHash: row.prevHash,
  });
  return createHash(algorithm).update(content).digest('hex');
}

describe('SM3 (GB/T 32905-2016)', () => {
  // The two examples of the standard's Annex A.
  const ABC = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
  const ABCD16 = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';

  test('gives the answers of the standard\'s examples, in Node\'s OpenSSL and in sm-crypto alike', () => {
    expect(digestHex('sm3', 'abc')).toBe(ABC);
    expect(digestHex('sm3', 'abcd'.repeat(16))).toBe(ABCD16);
    expect(sm3('abc')).toBe(ABC);
    expect(sm3('abcd'.repeat(16))).toBe(ABCD16);
  });
});

describe('case chains', () => {
  test('a chain started under SM3 records it on its case row, is hashed with SM3, verifies, and names the event edited', async () => {
    useHashForNewChains('sm3');
    await startCase(database.db, 'GM-1');
    await appendEvents(database.db, 'GM-1', 1, 3);
    expect(await algorithmOf('GM-1')).toBe('sm3');
    const chain = await readAudit(database.db, 'GM-1');
    for (const row of chain) expect(row.hash).toBe(expectedHash(row, 'sm3'));
    expect(chain[0].prevHash).toBe('0'.repeat(64));

    const evidence = async () => ({ projections: await loadProjections(database.db, 'GM-1') });
    expect(verifyArchive(await rowsOf(database.db, ['GM-1']), await evidence())).toMatchObject({ ok: true, events: 3, chainsByHash: { sha256: 0, sm3: 1 } });
    expect(await verifyInstance(database.db, 'GM-1', null, new Date())).toMatchObject({ ok: true, events: 3 });

    await asSuperuserBypassingTriggers(database.db, (tx) => tx.update(auditEvents).set({ data: { i: 2, note: '已整改' } })
      .where(and(eq(auditEvents.instanceId, 'GM-1'), eq(auditEvents.seq, 2))));
    const verdict = verifyArchive(await rowsOf(database.db, ['GM-1']), await evidence());
    expect(verdict.ok).toBe(false);
    expect(verdict.findings).toEqual([expect.objectContaining({ kind: 'altered', instanceId: 'GM-1', seq: 2 })]);
    expect(await verifyInstance(database.db, 'GM-1', null, new Date())).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  test('the recorded algorithm is what verification uses: relabelling an SM3 chain as SHA-256 breaks it', async () => {
    useHashForNewChains('sm3');
    await startCase(database.db, 'GM-2');
    await appendEvents(database.db, 'GM-2', 1, 2);
    await database.db.update(instances).set({ auditHashAlgorithm: 'sha256' }).where(eq(instances.id, 'GM-2'));
    const verdict = verifyArchive(await rowsOf(database.db, ['GM-2']), { projections: await loadProjections(database.db, 'GM-2') });
    expect(verdict.findings.map((f) => [f.kind, f.seq])).toEqual([['altered', 1], ['altered', 2]]);
  });

  test('an existing SHA-256 chain keeps SHA-256 after the switch, new chains take SM3, and the mixed log verifies', async () => {
    await startCase(database.db, 'MIX-OLD');
    await appendEvents(database.db, 'MIX-OLD', 1, 2);
    useHashForNewChains('sm3');
    await appendEvents(database.db, 'MIX-OLD', 3, 4);
    await startCase(database.db, 'MIX-NEW');
    await appendEvents(database.db, 'MIX-NEW', 1, 3);

    expect(await algorithmOf('MIX-OLD')).toBe('sha256');
    expect(await algorithmOf('MIX-NEW')).toBe('sm3');
    for (const row of await readAudit(database.db, 'MIX-OLD')) expect(row.hash).toBe(expectedHash(row, 'sha256'));
    for (const row of await readAudit(database.db, 'MIX-NEW')) expect(row.hash).toBe(expectedHash(row, 'sm3'));

    const ids = ['MIX-OLD', 'MIX-NEW'];
    const projections = await loadProjections(database.db);
    const mine = { instances: projections.instances.filter((i) => ids.includes(i.id)), tasks: [] };
    expect(verifyArchive(await rowsOf(database.db, ids), { projections: mine })).toMatchObject({ ok: true, events: 7, chainsByHash: { sha256: 1, sm3: 1 } });
    // Without the case rows (a bare dump of the log) each chain is still checked with the hash its events were made with.
    expect(verifyArchive(await rowsOf(database.db, ids))).toMatchObject({ ok: true, chainsByHash: { sha256: 1, sm3: 1 } });
  });
});

describe('the security log', () => {
  test('a new log takes SM3 and keeps it after the setting changes; an edited event is found', async () => {
    const [empty] = await database.db.select().from(securityLogHead);
    expect(empty).toMatchObject({ seq: 0, hashAlgorithm: 'sha256' });
    useHashForNewChains('sm3');
    const first = await logSecurityEvent(database.db, { at: new Date('2026-12-01T01:00:00Z'), actor: { id: 'u-sec', name: '安全员' }, event: 'signedIn', address: '10.0.0.8' });
    useHashForNewChains('sha256');
    await logSecurityEvent(database.db, { at: new Date('2026-12-01T01:05:00Z'), actor: { id: 'u-sec', name: '安全员' }, event: 'signedOut' });

    const [head] = await database.db.select().from(securityLogHead);
    expect(head).toMatchObject({ seq: 2, hashAlgorithm: 'sm3' });
    const content = stableStringify({
      seq: 1, at: '2026-12-01T01:00:00.000Z', actorId: 'u-sec', actorName: '安全员', event: 'signedIn',
      targetKind: null, targetId: null, data: {}, address: '10.0.0.8', prevHash: '0'.repeat(64),
    });
    expect(first.hash).toBe(createHash('sm3').update(content).digest('hex'));
    expect(await verifySecurityLog(database.db)).toEqual({ ok: true, events: 2, firstBrokenSeq: null, headSeq: 2, hashAlgorithm: 'sm3' });

    await asSuperuserBypassingTriggers(database.db, (tx) => tx.update(securityEvents).set({ address: '10.0.0.9' }).where(eq(securityEvents.seq, 1)));
    expect(await verifySecurityLog(database.db)).toMatchObject({ ok: false, firstBrokenSeq: 1, hashAlgorithm: 'sm3' });
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe('SM2 checkpoints', () => {
  const heads = [
    { instanceId: 'A-1', seq: 4, hash: 'a'.repeat(64) },
    { instanceId: 'B-2', seq: 9, hash: 'b'.repeat(64) },
    { instanceId: 'C-3', seq: 1, hash: 'c'.repeat(64) },
  ];
  let keyFile: string;
  let publicKeyPem: string;
  let checkpoint: Checkpoint;

  beforeAll(() => {
    keyFile = join(dir, 'keys', 'checkpoint-sm2.pem');
    checkpoint = makeCheckpoint(heads, loadSigningKey(keyFile, 'sm2'), new Date('2026-12-01T02:00:00Z'));
    publicKeyPem = readFileSync(`${keyFile}.pub`, 'utf8');
  });

  test('record SM2 and an SM3 Merkle tree, and verify with the trusted public key', () => {
    expect(checkpoint).toMatchObject({ signatureAlgorithm: 'sm2', merkleHash: 'sm3', count: 3 });
    expect(checkpoint.merkleRoot).toBe(merkleRoot(heads, 'sm3'));
    expect(checkpoint.merkleRoot).not.toBe(merkleRoot(heads, 'sha256'));
    expect(checkpointIntact(checkpoint, publicKeyPem)).toEqual({ signature: true, root: true });
    // Each signature draws a fresh nonce: the same content signed twice gives two different signatures.
    const again = makeCheckpoint(heads, loadSigningKey(keyFile, 'sm2'), new Date('2026-12-01T02:00:00Z'));
    expect(again.signature).not.toBe(checkpoint.signature);
    expect(checkpointIntact(again, publicKeyPem)).toEqual({ signature: true, root: true });
  });

  (hasOpenssl ? test : test.skip)('verify with the openssl command line and the standard signer id, and openssl\'s own signatures verify here', async () => {
    const payload = join(dir, 'payload.json');
    const signature = join(dir, 'signature.der');
    const publicKey = join(dir, 'trusted-sm2.pub');
    writeFileSync(payload, signedPayload(checkpoint));
    writeFileSync(signature, Buffer.from(checkpoint.signature, 'base64'));
    writeFileSync(publicKey, publicKeyPem);
    const verify = (id: string, file = payload) => run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', publicKey, '-rawin', '-in', file,
      '-sigfile', signature, '-digest', 'sm3', '-pkeyopt', `distid:${id}`]).then((r) => r.stdout, (e: { stdout: string }) => `failed: ${e.stdout}`);
    expect(await verify('1234567812345678')).toContain('Signature Verified Successfully');
    expect(await verify('1234567812345679')).toContain('failed');
    const edited = join(dir, 'payload-edited.json');
    writeFileSync(edited, signedPayload({ ...checkpoint, count: 2 }));
    expect(await verify('1234567812345678', edited)).toContain('failed');

    const other = makeCheckpoint(heads, loadSigningKey(keyFile, 'sm2'), new Date('2026-12-01T03:00:00Z'));
    writeFileSync(payload, signedPayload(other));
    await run('openssl', ['pkeyutl', '-sign', '-inkey', keyFile, '-rawin', '-in', payload, '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-out', signature]);
    const byOpenssl = { ...other, signature: readFileSync(signature).toString('base64') };
    expect(checkpointIntact(byOpenssl, publicKeyPem)).toEqual({ signature: true, root: true });
  });

  test('an edited, relabelled or foreign-signed checkpoint is found out', () => {
    const intact = (c: Checkpoint, key = publicKeyPem) => checkpointIntact(c, key);
    expect(intact({ ...checkpoint, merkleRoot: merkleRoot(heads.slice(1), 'sm3') }).signature).toBe(false);
    expect(intact({ ...checkpoint, heads: [{ ...heads[0], hash: 'd'.repeat(64) }, heads[1], heads[2]] })).toEqual({ signature: true, root: false });
    expect(intact({ ...checkpoint, createdAt: '2026-12-02T02:00:00.000Z' }).signature).toBe(false);
    // Claiming another algorithm changes the signed bytes, and the key is not of that kind either.
    expect(intact({ ...checkpoint, signatureAlgorithm: 'ed25519' }).signature).toBe(false);
    expect(intact({ ...checkpoint, merkleHash: 'sha256' })).toEqual({ signature: false, root: false });
    expect(intact({ ...checkpoint, signatureAlgorithm: undefined, merkleHash: undefined }).signature).toBe(false);
    const otherSm2 = generateKeyPairSync('ec', { namedCurve: 'SM2' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(intact(checkpoint, otherSm2).signature).toBe(false);
    const ed25519 = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(intact(checkpoint, ed25519).signature).toBe(false);

    const forged = { checkpoint: { ...checkpoint, count: 2, heads: heads.slice(0, 2) }, trustedPublicKeyPem: publicKeyPem };
    expect(verifyArchive([], { checkpoint: forged }).findings.map((f) => f.kind)).toContain('badSignature');
  });

  test('a key file of the other algorithm is refused, naming the setting', () => {
    expect(() => loadSigningKey(keyFile, 'ed25519')).toThrow(/is an sm2 key, but checkpoints are to be signed with ed25519 \(SHANZHI_CHECKPOINT_SIGNATURE\)/);
  });

  test('the checkpoint writer signs with SM2 when configured, carries its checkpoint over a restart, and the API\'s check names both algorithms', async () => {
    const writerKey = join(dir, 'keys', 'writer-sm2.pem');
    const logged: string[] = [];
    const writer = () => new CheckpointWriter(database.db, { dir: join(dir, 'checkpoints'), keyFile: writerKey, signature: 'sm2', debounceMs: 60_000, log: (l) => logged.push(l) });
    const first = writer();
    try {
      const written = await first.start();
      expect(written).toMatchObject({ signatureAlgorithm: 'sm2', merkleHash: 'sm3' });
      expect(written.heads.map((h) => h.instanceId)).toEqual(expect.arrayContaining(['MIX-OLD', 'MIX-NEW']));
      expect(checkpointIntact(written, readFileSync(`${writerKey}.pub`, 'utf8'))).toEqual({ signature: true, root: true });
    } finally {
      await first.stop();
    }
    const second = writer();
    try {
      await second.start();
      expect(logged.filter((l) => l.includes('does not verify'))).toEqual([]);
    } finally {
      await second.stop();
    }
    const latest = await fileCheckpointSource(join(dir, 'checkpoints'), writerKey).latest();
    expect(await verifyInstance(database.db, 'MIX-NEW', latest, new Date())).toMatchObject({
      ok: true, hashAlgorithm: 'sm3', verifiedUpTo: { signatureAlgorithm: 'sm2', events: 3 }, eventsAfterCheckpoint: 0,
    });
    expect(await verifyInstance(database.db, 'MIX-OLD', latest, new Date())).toMatchObject({
      ok: true, hashAlgorithm: 'sha256', verifiedUpTo: { signatureAlgorithm: 'sm2', events: 4 },
    });
  });
});

test('the settings: SHA-256 and Ed25519 by default, SM3 and SM2 by choice, anything else refused naming the variable', () => {
  const dataDir = join(dir, 'data');
  expect(loadConfig({ SHANZHI_DATA_DIR: dataDir }, [])).toMatchObject({ auditHash: 'sha256', checkpoints: { signature: 'ed25519' } });
  const gm = loadConfig({ SHANZHI_DATA_DIR: dataDir, SHANZHI_AUDIT_HASH: 'sm3', SHANZHI_CHECKPOINT_SIGNATURE: 'sm2' }, []);
  expect(gm).toMatchObject({ auditHash: 'sm3', checkpoints: { signature: 'sm2', keyFile: join(dataDir, 'keys', 'checkpoint-sm2.pem') } });
  expect(() => loadConfig({ SHANZHI_DATA_DIR: dataDir, SHANZHI_AUDIT_HASH: 'md5' }, [])).toThrow(/SHANZHI_AUDIT_HASH/);
  expect(() => loadConfig({ SHANZHI_DATA_DIR: dataDir, SHANZHI_CHECKPOINT_SIGNATURE: 'rsa' }, [])).toThrow(/SHANZHI_CHECKPOINT_SIGNATURE/);
});

test('an installation started with SHANZHI_AUDIT_HASH=sm3 writes its security log from the bootstrap on with SM3', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'shanzhi-gm-install-'));
  const config = loadConfig({
    NODE_ENV: 'production', SHANZHI_DATA_DIR: join(folder, 'data'), SHANZHI_CHECKPOINT_KEY_FILE: join(folder, 'keys', 'checkpoint-sm2.pem'),
    SHANZHI_BOOTSTRAP_PASSWORD: 'Install-Day-2026!', SHANZHI_AUDIT_HASH: 'sm3', SHANZHI_CHECKPOINT_SIGNATURE: 'sm2',
  }, []);
  const installed = await openDatabaseFor(config, () => undefined);
  try {
    expect(await verifySecurityLog(installed.db)).toMatchObject({ ok: true, events: 3, hashAlgorithm: 'sm3' });
  } finally {
    await installed.close();
    rmSync(folder, { recursive: true, force: true });
  }
}, 60_000);

test('npm run verify:audit checks SHA-256 and SM3 chains, an SM2 checkpoint and an SM3 security log in one database', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'shanzhi-gm-verify-'));
  try {
    const db = await openDatabase({ dataDir: join(folder, 'db') });
    await db.migrate();
    await startCase(db.db, 'V-OLD');
    await appendEvents(db.db, 'V-OLD', 1, 2);
    useHashForNewChains('sm3');
    await startCase(db.db, 'V-NEW');
    await appendEvents(db.db, 'V-NEW', 1, 3);
    await logSecurityEvent(db.db, { at: new Date('2026-12-01T01:00:00Z'), actor: null, event: 'bootstrap' });
    const keyFile = join(folder, 'keys', 'checkpoint-sm2.pem');
    writeFileSync(join(folder, 'checkpoint.json'), JSON.stringify(makeCheckpoint(await readHeads(db.db), loadSigningKey(keyFile, 'sm2'), new Date())));
    await db.close();

    const cli = join(__dirname, '..', '..', 'scripts', 'verify-audit.ts');
    const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const args = [cli, '--pglite', join(folder, 'db'), '--checkpoint', join(folder, 'checkpoint.json'), '--public-key', `${keyFile}.pub`];
    const result = await run(tsx, args).then((r) => ({ code: 0, stdout: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }));
    expect(result.stdout).toContain('2 instances, 5 events (chains: 1 sha256, 1 sm3), checkpoint of');
    expect(result.stdout).toContain('(sm2)');
    expect(result.stdout).toContain('security log: 1 events (sm3)');
    expect(result.stdout).toContain('INTACT');
    expect(result.code).toBe(0);

    const edited = await openDatabase({ dataDir: join(folder, 'db') });
    await asSuperuserBypassingTriggers(edited.db, (tx) => tx.update(securityEvents).set({ event: 'signedIn' }).where(eq(securityEvents.seq, 1)));
    await edited.close();
    const broken = await run(tsx, args).then((r) => ({ code: 0, stdout: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('security log: 0 events (sm3), broken at seq 1');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 90_000);
