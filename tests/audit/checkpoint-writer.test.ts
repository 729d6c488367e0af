// Checkpoints follow the log closely — one at start-up, then one after each batch of appends — and never move
// backwards: tampering between two checkpoints (or across a restart) is not signed over by the next one.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, gt } from 'drizzle-orm';
import { appendAudit } from '../../db/audit-log';
import { purgeInstance } from '../../db/audit-purge';
import { auditEvents, instances } from '../../db/schema';
import { LATEST_CHECKPOINT_FILE, checkpointIntact, type Checkpoint } from '../../audit/checkpoint';
import { CheckpointWriter } from '../../audit/checkpoint-writer';
import { verifyArchive } from '../../audit/verify-archive';
import { waitFor } from '../support/test-stack';
import { asSuperuserBypassingTriggers } from '../support/tamper';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let dir: string;
const writers: CheckpointWriter[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'shanzhi-writer-'));
});
afterAll(async () => {
  for (const w of writers) await w.stop();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const keyFile = () => join(dir, 'keys', 'checkpoint-ed25519.pem');
function writer(options: { debounceMs?: number; batchEvents?: number } = {}) {
  const w = new CheckpointWriter(database.db, { dir: join(dir, 'checkpoints'), keyFile: keyFile(), log: () => undefined, ...options });
  writers.push(w);
  return w;
}
const latest = (): Checkpoint => JSON.parse(readFileSync(join(dir, 'checkpoints', LATEST_CHECKPOINT_FILE), 'utf8')) as Checkpoint;
const headOf = (id: string) => latest().heads.find((h) => h.instanceId === id);

async function append(id: string, n: number): Promise<void> {
  await database.db.insert(instances).values({
    id, processKey: 'whistle-escalation', processVersion: 1, title: id, status: 'running', input: {}, orgUnitId: 'community-a1',
    orgPath: ['community-a1'], startedBy: 'u', startedAt: new Date(),
  }).onConflictDoNothing();
  const from = (await database.db.select().from(auditEvents).where(eq(auditEvents.instanceId, id))).length + 1;
  for (let i = from; i < from + n; i++) {
    await database.db.transaction((tx) => appendAudit(tx, {
      instanceId: id, eventKey: i === 1 ? `${id}:start` : `${id}:${i}`, at: new Date(), actor: null, stepId: null, action: `a${i}`, data: {},
    }));
  }
}

test('a checkpoint is signed at start-up, as the latest one and as an archive file', async () => {
  await append('W-1', 2);
  const w = writer({ debounceMs: 60_000 });
  const checkpoint = await w.start();
  expect(headOf('W-1')).toMatchObject({ seq: 2 });
  expect(checkpointIntact(latest(), readFileSync(`${keyFile()}.pub`, 'utf8'))).toEqual({ signature: true, root: true });
  expect(readdirSync(join(dir, 'checkpoints'))).toContain(`checkpoint-${checkpoint.createdAt.replace(/[:.]/g, '-')}.json`);
  await w.stop();
});

test('appended events are signed after the debounce, without waiting for the periodic loop', async () => {
  const w = writer({ debounceMs: 1000 });
  await w.start();
  await append('W-2', 3);
  await waitFor(async () => headOf('W-2')?.seq === 3, 'the debounced checkpoint', 5_000);
  await w.stop();
});

test('a full batch is signed at once, well before a long debounce', async () => {
  const w = writer({ debounceMs: 60 * 60_000, batchEvents: 3 });
  await w.start();
  await append('W-3', 3);
  await waitFor(async () => headOf('W-3')?.seq === 3, 'the batch checkpoint', 5_000);
  await w.stop();
});

test('a chain cut off between two checkpoints keeps its signed head in the next one, across a restart too', async () => {
  await append('W-4', 4);
  const w = writer({ debounceMs: 60_000 });
  await w.start();
  expect(headOf('W-4')).toMatchObject({ seq: 4 });
  await w.stop();
  await asSuperuserBypassingTriggers(database.db, (tx) => tx.delete(auditEvents).where(and(eq(auditEvents.instanceId, 'W-4'), gt(auditEvents.seq, 2))));

  const restarted = writer({ debounceMs: 60_000 });
  const next = await restarted.start();
  expect(headOf('W-4')).toMatchObject({ seq: 4 });
  const verdict = verifyArchive(await database.db.select().from(auditEvents), {
    checkpoint: { checkpoint: next, trustedPublicKeyPem: readFileSync(`${keyFile()}.pub`, 'utf8') },
  });
  expect(verdict.findings).toContainEqual(expect.objectContaining({ kind: 'truncated', instanceId: 'W-4' }));
  await restarted.stop();
});

test('an instance purged through the recorded path leaves the next full checkpoint', async () => {
  await append('W-5', 2);
  const w = writer({ debounceMs: 60_000 });
  await w.start();
  expect(headOf('W-5')).toBeDefined();
  await purgeInstance(database.db, { instanceId: 'W-5', reason: 'retention', purgedBy: 'u-admin' });
  await w.writeFull(new Date());
  expect(headOf('W-5')).toBeUndefined();
  expect(existsSync(join(dir, 'checkpoints', `${LATEST_CHECKPOINT_FILE}.tmp`))).toBe(false);
  await w.stop();
});
