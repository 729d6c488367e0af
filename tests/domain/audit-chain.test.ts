// The audit chain detects an edited payload, a deleted row and reordered rows, and appends idempotently.
import { and, eq } from 'drizzle-orm';
import { appendAudit, readAudit, verifyChain } from '../../db/audit-log';
import { auditEvents, instances } from '../../db/schema';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { asSuperuserBypassingTriggers } from '../support/tamper';

let database: TestDatabase;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database?.close(); });

async function instanceWithEvents(id: string, n: number) {
  const { db } = database;
  await db.insert(instances).values({
    id, processKey: 'whistle-escalation', processVersion: 1, title: 't', status: 'running', input: {}, orgUnitId: 'community-a1',
    orgPath: ['community-a1'], startedBy: 'u', startedAt: new Date('2026-11-23T02:00:00Z'),
  });
  for (let i = 1; i <= n; i++) {
    await db.transaction((tx) => appendAudit(tx, {
      instanceId: id, eventKey: `${id}:${i}`, at: new Date(Date.UTC(2026, 10, 23, 2, i)), actor: { id: 'u', name: '王', role: 'grid_worker', orgUnitId: 'g' },
      stepId: 'Task_X', action: `a${i}`, data: { n: i, note: '数据' },
    }));
  }
}

test('an untouched chain verifies', async () => {
  await instanceWithEvents('AC-1', 4);
  expect(verifyChain(await readAudit(database.db, 'AC-1'))).toEqual({ ok: true, events: 4, firstBrokenSeq: null });
});

test('appending the same event key twice writes one row', async () => {
  await instanceWithEvents('AC-2', 2);
  await database.db.transaction((tx) => appendAudit(tx, {
    instanceId: 'AC-2', eventKey: 'AC-2:2', at: new Date(), actor: null, stepId: null, action: 'retry', data: {},
  }));
  const rows = await readAudit(database.db, 'AC-2');
  expect(rows.map((r) => r.action)).toEqual(['a1', 'a2']);
});

test('an edited payload breaks the chain at that row', async () => {
  await instanceWithEvents('AC-3', 4);
  await asSuperuserBypassingTriggers(database.db, (db) => db.update(auditEvents).set({ data: { n: 99 } }).where(and(eq(auditEvents.instanceId, 'AC-3'), eq(auditEvents.seq, 3))));
  expect(verifyChain(await readAudit(database.db, 'AC-3'))).toMatchObject({ ok: false, firstBrokenSeq: 3 });
});

test('a deleted row breaks the chain where it was', async () => {
  await instanceWithEvents('AC-4', 4);
  await asSuperuserBypassingTriggers(database.db, (db) => db.delete(auditEvents).where(and(eq(auditEvents.instanceId, 'AC-4'), eq(auditEvents.seq, 2))));
  expect(verifyChain(await readAudit(database.db, 'AC-4'))).toMatchObject({ ok: false, firstBrokenSeq: 2 });
});

test('swapped rows break the chain', async () => {
  await instanceWithEvents('AC-5', 4);
  const rows = await readAudit(database.db, 'AC-5');
  const swapped = [rows[0], rows[2], rows[1], rows[3]].map((r, i) => ({ ...r, seq: i + 1 }));
  expect(verifyChain(swapped)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
});
