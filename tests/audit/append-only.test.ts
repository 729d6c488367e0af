// The database itself keeps the audit log append-only: UPDATE, DELETE and TRUNCATE on audit_events are refused
// whoever asks, and a whole instance leaves only through the explicit purge, which is recorded for good.
import { eq, sql } from 'drizzle-orm';
import { appendAudit, readAudit } from '../../db/audit-log';
import { purgeInstance } from '../../db/audit-purge';
import { auditEvents, auditPurges, instances, tasks } from '../../db/schema';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { openDatabase } from '../../db/client';

let database: TestDatabase;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database?.close(); });

async function instanceWithEvents(id: string, n: number): Promise<void> {
  const { db } = database;
  await db.insert(instances).values({
    id, processKey: 'whistle-escalation', processVersion: 1, title: id, status: 'running', input: {}, orgUnitId: 'community-a1',
    orgPath: ['community-a1'], startedBy: 'u', startedAt: new Date('2026-11-23T02:00:00Z'),
  });
  for (let i = 1; i <= n; i++) {
    await db.transaction((tx) => appendAudit(tx, {
      instanceId: id, eventKey: `${id}:${i}`, at: new Date(Date.UTC(2026, 10, 23, 2, i)), actor: { id: 'u', name: '王', role: 'grid_worker', orgUnitId: 'g' },
      stepId: 'Task_X', action: `a${i}`, data: { i },
    }));
  }
}

/** The database's own message, under the driver's and drizzle's wrappers. */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const messages: string[] = [];
    for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) messages.push(e.message ?? '');
    return messages.join(' | ');
  }
  return 'not refused';
}

test('the database refuses to update an audit event, even for the superuser the tests connect as', async () => {
  await instanceWithEvents('AO-1', 3);
  const before = await readAudit(database.db, 'AO-1');
  expect(await refusal(database.db.update(auditEvents).set({ actorName: '李' }).where(eq(auditEvents.instanceId, 'AO-1'))))
    .toContain('audit_events is append-only: UPDATE refused');
  expect(await readAudit(database.db, 'AO-1')).toEqual(before);
});

test('the database refuses to delete audit events, one row or the newest ones', async () => {
  await instanceWithEvents('AO-2', 3);
  expect(await refusal(database.db.delete(auditEvents).where(eq(auditEvents.instanceId, 'AO-2'))))
    .toContain('audit_events is append-only: DELETE refused');
  expect(await refusal(database.db.execute(sql`delete from audit_events where instance_id = 'AO-2' and seq = 3`)))
    .toContain('append-only');
  expect(await readAudit(database.db, 'AO-2')).toHaveLength(3);
});

test('the database refuses to truncate the audit log', async () => {
  await instanceWithEvents('AO-3', 1);
  expect(await refusal(database.db.execute(sql`truncate audit_events cascade`))).toContain('audit_events is append-only: TRUNCATE refused');
  expect(await readAudit(database.db, 'AO-3')).toHaveLength(1);
});

test('a whole instance can be purged only through the recorded path, and the record stays', async () => {
  await instanceWithEvents('AO-4', 4);
  const head = (await readAudit(database.db, 'AO-4'))[3];
  await database.db.insert(tasks).values({
    id: 'AO-4-t1', instanceId: 'AO-4', processKey: 'whistle-escalation', stepId: 'Task_X', name: 'x', role: 'grid_worker',
    orgUnitId: 'g', status: 'open', actions: [], timeLimit: { amount: 1, unit: 'workingDays' }, calendarVersion: 'v',
    createdAt: new Date(), dueAt: new Date(), remindAt: new Date(), title: 'x',
  });

  expect(await purgeInstance(database.db, { instanceId: 'AO-4', reason: '档案保管期满 (retention rule R-7)', purgedBy: 'u-admin' })).toBe(4);

  expect(await readAudit(database.db, 'AO-4')).toEqual([]);
  expect(await database.db.select().from(instances).where(eq(instances.id, 'AO-4'))).toEqual([]);
  const [record] = await database.db.select().from(auditPurges).where(eq(auditPurges.instanceId, 'AO-4'));
  expect(record).toMatchObject({ headSeq: 4, headHash: head.hash, reason: '档案保管期满 (retention rule R-7)', purgedBy: 'u-admin' });
  expect(await refusal(database.db.delete(auditPurges).where(eq(auditPurges.instanceId, 'AO-4')))).toContain('audit_purges is append-only');
  expect(await refusal(database.db.update(auditPurges).set({ reason: '' }))).toContain('audit_purges is append-only');
});

test('a purge without a reason is refused and deletes nothing', async () => {
  await instanceWithEvents('AO-5', 2);
  expect(await refusal(purgeInstance(database.db, { instanceId: 'AO-5', reason: ' ', purgedBy: 'u-admin' }))).toContain('needs a reason');
  expect(await readAudit(database.db, 'AO-5')).toHaveLength(2);
});

test("a purge record for one instance does not unlock another instance's events", async () => {
  await instanceWithEvents('AO-6', 2);
  await instanceWithEvents('AO-7', 2);
  const work = database.db.transaction(async (tx) => {
    await tx.execute(sql`select audit_purge_instance('AO-6', 'retention', 'u-admin')`);
    await tx.delete(auditEvents).where(eq(auditEvents.instanceId, 'AO-7'));
  });
  expect(await refusal(work)).toContain('append-only');
  expect(await readAudit(database.db, 'AO-6')).toHaveLength(2);
  expect(await readAudit(database.db, 'AO-7')).toHaveLength(2);
});

// Roles belong to the whole PostgreSQL server: this one gets a unique name and is dropped afterwards.
const onPostgres = process.env.DATABASE_URL ? test : test.skip;
onPostgres('on PostgreSQL, an application role granted as docs/audit.md says starts, appends, and can neither change nor purge the log', async () => {
  await instanceWithEvents('AO-8', 1);
  const url = new URL(database.url!);
  const dbName = url.pathname.slice(1);
  const role = `${dbName}_app`;
  await database.db.execute(sql.raw(`
    create role ${role} login;
    grant connect on database ${dbName} to ${role};
    grant usage on schema public, drizzle to ${role};
    grant select on all tables in schema drizzle to ${role};
    grant select, insert, update, delete on all tables in schema public to ${role};
    grant usage on all sequences in schema public to ${role};
    revoke update, delete, truncate, trigger, references on audit_events, audit_purges from ${role};`));
  url.username = role;
  const app = await openDatabase({ url: url.toString() });
  try {
    await app.exclusively(() => app.migrate());
    await app.db.transaction((tx) => appendAudit(tx, { instanceId: 'AO-8', eventKey: 'AO-8:app', at: new Date(), actor: null, stepId: null, action: 'a', data: {} }));
    expect(await readAudit(app.db, 'AO-8')).toHaveLength(2);
    for (const statement of ['update audit_events set action = $$x$$', 'delete from audit_events', 'truncate audit_events']) {
      expect(await refusal(app.db.execute(sql.raw(statement)))).toContain('permission denied for table audit_events');
    }
    expect(await refusal(app.db.execute(sql.raw('alter table audit_events disable trigger all')))).toContain('must be owner');
    expect(await refusal(app.db.execute(sql`select audit_purge_instance('AO-8', 'r', 'u')`))).toContain('permission denied for function');
  } finally {
    await app.close();
    await database.db.execute(sql.raw(`drop owned by ${role}; drop role ${role}`));
  }
});
