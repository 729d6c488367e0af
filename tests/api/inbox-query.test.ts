// The inbox page statement is built once per shape and shared by every clerk whose page has that shape
// (api/tasks/inbox-query.ts). These tests hold the two things that sharing must never break: a shape names one SQL
// text, and each clerk gets their own page through the shared statement, never someone else's values.
import { is, Placeholder } from 'drizzle-orm';
import { instances, tasks } from '../../db/schema';
import type { Actor } from '../../domain/actor';
import { inboxPage, inboxQuery, taskQuerySchema } from '../../api/tasks/inbox-query';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database?.close(); });

const actor = (id: string, roles: Actor['roles'], scope: string[], extra: Partial<Actor> = {}): Actor =>
  ({ id, name: id, roles, orgUnitId: scope[0], scopeOrgUnitIds: scope, ...extra });
const query = (q: Record<string, unknown>) => taskQuerySchema.parse(q);
const cursorOf = (t: string, id: string) => Buffer.from(JSON.stringify({ t, id })).toString('base64url');

describe('a shape names one statement', () => {
  const gridA = actor('u-a', ['grid_worker'], ['grid-a1-1']);
  const gridB = actor('u-b', ['grid_worker'], ['grid-a1-2']);
  const community = actor('u-c', ['community_staff'], ['community-a1', 'grid-a1-1', 'grid-a1-2']);
  const community2 = actor('u-d', ['community_staff'], ['community-b1', 'grid-b1-1', 'grid-b1-2']);
  const street = actor('u-e', ['dispatcher', 'shift_chief'], ['street-a', 'community-a1']);
  const applicant = actor('u-f', ['applicant'], ['street-a']);
  const district = actor('u-g', ['district_leader'], ['district'], { wholeTree: true });
  const noScope = actor('u-h', ['security_admin'], []);
  const cases: Array<[Actor, Record<string, unknown>]> = [
    ...[gridA, gridB, community, community2, street, applicant, district, noScope].flatMap((a) => [
      [a, { scope: 'mine' }], [a, { scope: 'available' }], [a, { scope: 'all' }],
      [a, { scope: 'mine', status: 'completed', cursor: cursorOf('2026-01-05T09:00:00.000Z', 'x') }],
      [a, { scope: 'available', processKey: 'whistle-escalation', limit: 10 }],
      [a, { scope: 'all', instanceId: `case-of-${a.id}`, cursor: cursorOf('2026-03-01T00:00:00.000Z', `t-${a.id}`) }],
    ] as Array<[Actor, Record<string, unknown>]>),
  ];

  test('every request of one shape has the same SQL text, and the shapes that differ in text differ in name', () => {
    const textOfShape = new Map<string, string>();
    const shapeOfText = new Map<string, string>();
    for (const [a, q] of cases) {
      const built = inboxQuery(a, query(q));
      const text = built.build(database.db).toSQL().sql;
      expect({ shape: built.shape, text }).toEqual({ shape: built.shape, text: textOfShape.get(built.shape) ?? text });
      textOfShape.set(built.shape, text);
      shapeOfText.set(text, built.shape);
    }
    // The cases above are of many shapes (not one shape that would make the check vacuous), each its own text.
    expect(textOfShape.size).toBeGreaterThan(10);
    expect(shapeOfText.size).toBe(textOfShape.size);
  });

  test('no value of the request is bound into the statement: every parameter is a placeholder', () => {
    for (const [a, q] of cases) {
      const { params } = inboxQuery(a, query(q)).build(database.db).toSQL();
      expect(params.filter((p) => !is(p, Placeholder))).toEqual([]);
    }
  });
});

describe('each clerk gets their own page through the shared statement', () => {
  const due = (minute: number) => new Date(Date.UTC(2026, 0, 5, 1, minute));
  // Two grid workers in two grids, each with assigned tasks and a pool of unassigned ones; due times interleave.
  const owners = [
    { user: 'u-one', unit: 'grid-a1-1' },
    { user: 'u-two', unit: 'grid-a1-2' },
  ];
  beforeAll(async () => {
    const rows = owners.flatMap((o, k) => Array.from({ length: 7 }, (_, i) => ({
      id: `t-${o.user}-${i}`, instanceId: `c-${o.user}-${i}`, unit: o.unit,
      assigneeId: i < 5 ? o.user : null, dueAt: due(2 * i + k),
    })));
    await database.db.insert(instances).values(rows.map((r) => ({
      id: r.instanceId, processKey: 'whistle-escalation', processVersion: 1, title: r.id, status: 'running' as const, input: {},
      orgUnitId: r.unit, orgPath: [r.unit], startedBy: 'test', startedAt: due(0),
    })));
    await database.db.insert(tasks).values(rows.map((r) => ({
      id: r.id, instanceId: r.instanceId, processKey: 'whistle-escalation', stepId: 'Task_CommunityHandle', name: '处置',
      role: 'grid_worker', orgUnitId: r.unit, assigneeId: r.assigneeId, status: 'open' as const, actions: ['resolve'],
      timeLimit: { amount: 3, unit: 'workday' }, calendarVersion: 'test', createdAt: due(0), dueAt: r.dueAt, remindAt: r.dueAt, title: r.id,
    })));
  });

  test('mine and available, page by page, alternating between the two clerks', async () => {
    const [one, two] = owners.map((o) => actor(o.user, ['grid_worker'], [o.unit]));
    const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);
    const mine = (a: Actor, cursor?: string) => inboxPage(database.db, a, query({ scope: 'mine', limit: 2, cursor }));
    // limit 2 returns up to 3 rows: the third only tells that there is a next page.
    expect(ids(await mine(one))).toEqual(['t-u-one-0', 't-u-one-1', 't-u-one-2']);
    expect(ids(await mine(two))).toEqual(['t-u-two-0', 't-u-two-1', 't-u-two-2']);
    expect(ids(await mine(one, cursorOf(due(2).toISOString(), 't-u-one-1')))).toEqual(['t-u-one-2', 't-u-one-3', 't-u-one-4']);
    expect(ids(await mine(two, cursorOf(due(7).toISOString(), 't-u-two-3')))).toEqual(['t-u-two-4']);
    const available = (a: Actor) => inboxPage(database.db, a, query({ scope: 'available' }));
    expect(ids(await available(one))).toEqual(['t-u-one-5', 't-u-one-6']);
    expect(ids(await available(two))).toEqual(['t-u-two-5', 't-u-two-6']);
    // A clerk over both grids: one merged page of both pools, by due time.
    const both = actor('u-both', ['grid_worker'], ['grid-a1-1', 'grid-a1-2']);
    expect(ids(await available(both))).toEqual(['t-u-one-5', 't-u-two-5', 't-u-one-6', 't-u-two-6']);
    // An account whose scope holds no unit (an administrator of the three separated duties) has no pool and no tasks.
    const noScope = actor('u-admin', ['security_admin'], []);
    for (const scope of ['mine', 'available', 'all']) expect(await inboxPage(database.db, noScope, query({ scope }))).toEqual([]);
  });

  test('a page shows every column of its view, and not the outcome data it does not show', async () => {
    const [row] = await inboxPage(database.db, actor('u-one', ['grid_worker'], ['grid-a1-1']), query({ scope: 'mine', limit: 1 }));
    expect(row).toMatchObject({ id: 't-u-one-0', status: 'open', actions: ['resolve'], timeLimit: { amount: 3, unit: 'workday' } });
    expect(row.dueAt).toEqual(due(0));
    expect(row).not.toHaveProperty('outcomeData');
  });
});
