// The demo cases a first `npm start` opens: one in each process a clerk meets first, started through the API as the
// demo users, each waiting at its first task; a database that already has a case gets none.
import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { catalogEntries, instances, tasks } from '../../db/schema';
import { DEMO_CASES, seedDemoCases } from '../../runtime/demo-cases';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack({ listen: true }); });
afterAll(async () => { await stack?.close(); });

test('an empty demo database gets one case in each of four processes, each at its first task, and a second start adds none', async () => {
  // When the system starts on an empty database
  const result = await seedDemoCases(stack.database.db, stack.baseUrl!);
  // Then every demo case was opened, none refused
  expect(result.failed).toEqual([]);
  expect(result.started.map((c) => c.label)).toEqual(DEMO_CASES.map((c) => c.label));
  expect(new Set(result.started.map((c) => c.processKey))).toEqual(new Set(['whistle-escalation', 'hotline-order', 'commitment-licensing', 'inspection-penalty']));
  // And each is a running case with an open task in somebody's inbox, and on the auditor's case page
  for (const started of result.started) {
    const [row] = await stack.database.db.select().from(instances).where(eq(instances.id, started.instanceId));
    expect(row).toMatchObject({ processKey: started.processKey, status: 'running' });
    // titled in words for the lists: a catalog entry's name, never its code
    expect(row.title).not.toMatch(/[a-z]+-[a-z]+/);
    await waitFor(async () => {
      const open = await stack.database.db.select().from(tasks).where(eq(tasks.instanceId, started.instanceId));
      return open.some((t) => t.status === 'open');
    }, `an open task of ${started.label}`);
    const page = await request(stack.app).get(`/api/instances/${started.instanceId}`).set('authorization', await stack.login('auditor'));
    expect(page.status).toBe(200);
  }

  const titles = (await stack.database.db.select().from(instances)).map((r) => r.title);
  const [matter] = await stack.database.db.select().from(catalogEntries).where(and(eq(catalogEntries.catalog, 'matters'), eq(catalogEntries.code, 'urban-vending')));
  const [item] = await stack.database.db.select().from(catalogEntries).where(and(eq(catalogEntries.catalog, 'licence-items'), eq(catalogEntries.code, 'food-business')));
  expect(titles).toEqual(expect.arrayContaining([`张三烧烤店（${matter.name}）`, `东湖便利店：${item.name}`]));

  // When it starts again
  const again = await seedDemoCases(stack.database.db, stack.baseUrl!);
  // Then nothing more is opened
  expect(again).toEqual({ started: [], failed: [] });
  expect(await stack.database.db.select().from(instances)).toHaveLength(DEMO_CASES.length);
});
