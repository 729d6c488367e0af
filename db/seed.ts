// Seeds what a fresh installation needs: the process definitions from processes/*.bpmn and the reviewed default
// catalogs (always, production too), and the demo organisation and users (embedded mode only). Each part runs once:
// a re-run changes nothing, and a catalog entry an administrator edited is never overwritten.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { catalogEntries, orgUnits, portalSubjects, processDefinitions, processVersions, users } from './schema';
import { DEMO_ORG_UNITS, DEMO_PASSWORD, DEMO_PORTAL_SUBJECTS, DEMO_USERS } from './demo-org';
import { DEMO_CATALOGS } from './demo-catalogs';
import { PROCESS_CONTRACTS } from '../domain/processes';
import { readDiagram } from '../domain/bpmn/diagram';
import { hashPassword } from './passwords';

const processesDir = join(__dirname, '..', 'processes');

export async function seedProcesses(db: Db): Promise<void> {
  for (const contract of Object.values(PROCESS_CONTRACTS)) {
    const file = join(processesDir, `${contract.key}.bpmn`);
    // A process without its diagram cannot be published; the static-conformance test fails on it in CI.
    if (!existsSync(file)) continue;
    const xml = readFileSync(file, 'utf8');
    const diagram = await readDiagram(xml);
    await db.transaction(async (tx) => {
      const inserted = await tx.insert(processDefinitions).values({
        key: contract.key, name: contract.name, description: contract.description, currentVersion: 1,
      }).onConflictDoNothing().returning();
      if (inserted.length === 0) return;
      await tx.insert(processVersions).values({
        processKey: contract.key, version: 1, bpmnXml: xml, parameters: diagram.parameters,
        createdAt: new Date(), createdBy: 'system',
      });
    });
  }
}

/** The catalogs every district needs (event categories, matters, licence items, penalty rules), as reviewed defaults. */
export async function seedCatalogs(db: Db): Promise<void> {
  await db.insert(catalogEntries).values(DEMO_CATALOGS.map((c) => ({ ...c, updatedAt: new Date(), updatedBy: 'system' })))
    .onConflictDoNothing();
}

export async function seedDemo(db: Db): Promise<{ seeded: boolean }> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n > 0) return { seeded: false };
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  await db.transaction(async (tx) => {
    await tx.insert(orgUnits).values(DEMO_ORG_UNITS.map((u) => ({ ...u, code: u.code ?? null }))).onConflictDoNothing();
    const ids = new Map(DEMO_USERS.map((u) => [u.username, randomUUID()]));
    await tx.insert(users).values(DEMO_USERS.map((u, i) => ({ id: ids.get(u.username)!, ...u, passwordHash: hashes[i] })));
    // The demo portal accounts come with the subjects they may apply for, as if verified at registration.
    await tx.insert(portalSubjects).values(DEMO_PORTAL_SUBJECTS.map((s) => ({
      id: randomUUID(), userId: ids.get(s.username)!, name: s.name, creditCode: s.creditCode, idNumber: s.idNumber ?? null,
      verifiedVia: 'registration' as const, evidence: { document: 'demo', reference: 'demo seed' }, verifiedBy: 'system', verifiedAt: new Date(),
    })));
  });
  await seedCatalogs(db);
  return { seeded: true };
}
