// An empty production database: the first start creates the root unit, the standard departments and the three
// separated administrators, or refuses without a usable bootstrap password; the shipped catalogs are there; the
// security log's chain catches an edit made behind the database's back.
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client';
import { bootstrapProduction, BootstrapRefused } from '../../db/bootstrap';
import { seedCatalogs } from '../../db/seed';
import { catalogEntries, orgUnits, securityEvents, users } from '../../db/schema';
import { verifySecurityLog } from '../../db/security-log';

let database: Database;
beforeAll(async () => {
  database = await openDatabase({});
  await database.migrate();
  await seedCatalogs(database.db);
});
afterAll(async () => { await database?.close(); });

test('without a bootstrap password, or with a weak one, the start is refused and nothing is written', async () => {
  await expect(bootstrapProduction(database.db, undefined)).rejects.toThrow(/SHANZHI_BOOTSTRAP_PASSWORD/);
  await expect(bootstrapProduction(database.db, 'short')).rejects.toThrow(BootstrapRefused);
  expect(await database.db.select().from(users)).toEqual([]);
});

test('the first start creates sysadmin, secadmin and auditadmin, each bound to change the password, under the root unit', async () => {
  expect(await bootstrapProduction(database.db, 'Install-Day-2026!')).toEqual({ bootstrapped: true });
  const accounts = await database.db.select().from(users).orderBy(users.username);
  expect(accounts.map((u) => [u.username, u.roles, u.orgUnitId, u.mustChangePassword])).toEqual([
    ['auditadmin', ['audit_admin'], 'district', true], ['secadmin', ['security_admin'], 'district', true], ['sysadmin', ['admin'], 'district', true],
  ]);
  expect((await database.db.select().from(orgUnits)).map((u) => u.kind).sort()).toEqual(['department', 'department', 'department', 'department', 'department', 'district']);
  // Every district needs the catalogs: they ship as defaults in production too; demo users do not.
  const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(catalogEntries);
  expect(n).toBeGreaterThan(10);
  expect(await bootstrapProduction(database.db, undefined)).toEqual({ bootstrapped: false });
  expect((await database.db.select().from(securityEvents).where(eq(securityEvents.event, 'bootstrap'))).length).toBe(3);
});

test('the security log verifies, and an edit made with its trigger disabled breaks the chain at that event', async () => {
  expect(await verifySecurityLog(database.db)).toMatchObject({ ok: true, events: 3 });
  await database.db.execute(sql`alter table security_events disable trigger user`);
  await database.db.execute(sql`update security_events set data = '{"after":{"username":"intruder"}}' where seq = 2`);
  await database.db.execute(sql`alter table security_events enable trigger user`);
  expect(await verifySecurityLog(database.db)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
});
