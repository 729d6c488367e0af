// First start of an empty production database: the root unit, the standard departments and the three separated
// administrators (三员分立) `sysadmin`, `secadmin`, `auditadmin`, each with the installer's bootstrap password and
// bound to change it at first sign-in. A database that has users is left alone.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { orgUnits, users } from './schema';
import { hashPassword } from './passwords';
import { ROOT_UNIT, STANDARD_DEPARTMENTS } from './default-org';
import { appendSecurityEvent } from './security-log';
import { passwordProblems } from '../domain/password-policy';
import type { AdminRole } from '../domain/roles';

export const BOOTSTRAP_ACCOUNTS: ReadonlyArray<{ username: string; name: string; role: AdminRole }> = [
  { username: 'sysadmin', name: '系统管理员', role: 'admin' },
  { username: 'secadmin', name: '安全管理员', role: 'security_admin' },
  { username: 'auditadmin', name: '审计管理员', role: 'audit_admin' },
];

export class BootstrapRefused extends Error {}

/** Creates the first accounts when there are no users; refuses (with what to do) without a usable password. */
export async function bootstrapProduction(db: Db, password: string | undefined, now = new Date()): Promise<{ bootstrapped: boolean }> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n > 0) return { bootstrapped: false };
  if (!password) {
    throw new BootstrapRefused('the database has no users: set SHANZHI_BOOTSTRAP_PASSWORD to the first password of the accounts '
      + 'sysadmin, secadmin and auditadmin (each must change it at first sign-in), then start again');
  }
  const weak = BOOTSTRAP_ACCOUNTS.flatMap((a) => passwordProblems(password, a.username));
  if (weak.length > 0) throw new BootstrapRefused(`SHANZHI_BOOTSTRAP_PASSWORD ${[...new Set(weak)].join('; ')}`);
  const hashes = await Promise.all(BOOTSTRAP_ACCOUNTS.map(() => hashPassword(password)));
  await db.transaction(async (tx) => {
    await tx.insert(orgUnits).values([ROOT_UNIT, ...STANDARD_DEPARTMENTS].map((u) => ({ ...u, code: u.code ?? null }))).onConflictDoNothing();
    for (const [i, account] of BOOTSTRAP_ACCOUNTS.entries()) {
      const id = randomUUID();
      await tx.insert(users).values({
        id, username: account.username, name: account.name, roles: [account.role], orgUnitId: ROOT_UNIT.id,
        passwordHash: hashes[i], mustChangePassword: true,
      });
      await appendSecurityEvent(tx, {
        at: now, actor: null, event: 'bootstrap', target: { kind: 'user', id },
        data: { after: { username: account.username, roles: [account.role], orgUnitId: ROOT_UNIT.id, mustChangePassword: true } },
      });
    }
  });
  return { bootstrapped: true };
}
