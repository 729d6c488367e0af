// People, under 三员分立: the system administrator creates, edits, moves and deactivates accounts; the security
// administrator grants roles, resets passwords, lifts lockouts and second factors. Nobody does either to their own
// account. Each change commits with its security-log entry (before → after); a deactivation or reset ends the
// user's sessions at once, and open tasks the user can no longer act on go back to their pool, visibly.
import { Router } from 'express';
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { orgUnits, users } from '../../db/schema';
import { hashPassword } from '../../db/passwords';
import { appendSecurityEvent } from '../../db/security-log';
import type { Actor } from '../../domain/actor';
import { administratorConflict, roleSchema } from '../../domain/roles';
import { passwordProblems } from '../../domain/password-policy';
import { ErrorType } from '../../domain/errors';
import { ApiError, badRequest, conflict, forbidden, notFound, parseOr400 } from '../errors';
import { requireRole } from '../auth/middleware';
import { clientAddress } from '../auth/router';
import { endAllSessions } from '../auth/sessions';
import { AUTH_GENERATION, bumpGeneration } from '../auth/generations';
import { unlockUserName } from '../auth/sign-in-limits';
import type { AppContext } from '../context';
import { returnTasksToPool } from './return-tasks';

const username = z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, ., - and _ only');
const personName = z.string().trim().min(1).max(100);
const password = z.string().min(1).max(200);
const reason = z.string().trim().min(1).max(500);

export const userCreateBodySchema = z.object({ username, name: personName, orgUnitId: z.string().min(1).max(100), password }).strict();
export const userPatchBodySchema = z.object({ name: personName.optional(), orgUnitId: z.string().min(1).max(100).optional(), active: z.boolean().optional() })
  .strict().refine((b) => Object.keys(b).length > 0, { path: ['(body)'], message: 'name, orgUnitId or active' });
export const userRolesBodySchema = z.object({ roles: z.array(roleSchema).max(10) }).strict();
export const passwordResetBodySchema = z.object({ password }).strict();
export const reasonBodySchema = z.object({ reason }).strict();

type UserRow = typeof users.$inferSelect;

/** What an administrator sees of an account: never its hashes or secrets. */
export const adminUserView = (u: UserRow) => ({
  id: u.id, username: u.username, name: u.name, roles: u.roles, orgUnitId: u.orgUnitId, active: u.active,
  mustChangePassword: u.mustChangePassword, totpEnrolled: u.totpSecret !== null,
});
const fields = (u: UserRow) => ({ name: u.name, orgUnitId: u.orgUnitId, active: u.active, roles: u.roles });

function passwordOr400(value: string, forUser: string, path = 'password'): void {
  const problems = passwordProblems(value, forUser);
  if (problems.length > 0) throw badRequest('the password does not meet the rules', problems.map((message) => ({ path, message })));
}

async function activeUnit(tx: Db, id: string): Promise<void> {
  const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (!unit || !unit.active) throw badRequest('no such active org unit', [{ path: 'orgUnitId', message: unit ? 'deactivated' : `no unit ${id}` }]);
}

/** Locks and returns another user's row; an administrator never administers their own account. */
async function otherUser(tx: Db, actor: Actor, id: string, what: string): Promise<UserRow> {
  const [user] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!user) throw notFound(`no user ${id}`);
  if (user.id === actor.id) throw forbidden(`${what} of your own account is for another administrator`);
  return user;
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  return { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])), changed };
}

export function userAdminRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/admin/users', async (_req, res) => {
    requireRole(res, ['admin', 'security_admin'], 'listing accounts');
    const rows = await ctx.db.select().from(users).orderBy(asc(users.username));
    res.json({ items: rows.map(adminUserView) });
  });

  router.post('/users', async (req, res) => {
    const actor = requireRole(res, ['admin'], 'creating a user');
    const body = parseOr400(userCreateBodySchema, req.body);
    passwordOr400(body.password, body.username);
    const hash = await hashPassword(body.password);
    const at = await ctx.clock.now();
    const created = await ctx.db.transaction(async (tx) => {
      await activeUnit(tx, body.orgUnitId);
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, body.username));
      if (taken) throw conflict('this user name is taken', [{ path: 'username', message: `${body.username} exists` }]);
      // Roles come from the security administrator (PUT /api/users/:id/roles); the first password is changed at first sign-in.
      const [row] = await tx.insert(users).values({
        id: randomUUID(), username: body.username, name: body.name, orgUnitId: body.orgUnitId, roles: [], passwordHash: hash, mustChangePassword: true,
      }).returning();
      await appendSecurityEvent(tx, { at, actor, event: 'userCreated', target: { kind: 'user', id: row.id }, data: { after: { username: row.username, ...fields(row) } }, address: clientAddress(req) });
      return row;
    });
    res.status(201).json(adminUserView(created));
  });

  router.patch('/users/:id', async (req, res) => {
    const actor = requireRole(res, ['admin'], 'changing a user');
    const body = parseOr400(userPatchBodySchema, req.body);
    const at = await ctx.clock.now();
    const { row, returned } = await ctx.db.transaction(async (tx) => {
      const user = await otherUser(tx, actor, req.params.id, 'changing the state');
      if (body.orgUnitId !== undefined && body.orgUnitId !== user.orgUnitId) await activeUnit(tx, body.orgUnitId);
      const [updated] = await tx.update(users).set({ name: body.name ?? user.name, orgUnitId: body.orgUnitId ?? user.orgUnitId, active: body.active ?? user.active })
        .where(eq(users.id, user.id)).returning();
      const change = diff(fields(user), fields(updated));
      if (change.changed.length === 0) return { row: updated, returned: [] as string[] };
      const deactivated = user.active && !updated.active;
      // A deactivated account's tokens end at once; a move changes its scope, which the next request picks up.
      if (deactivated) await endAllSessions(tx, user, 'deactivated', at);
      else await bumpGeneration(tx, AUTH_GENERATION);
      const moved = updated.orgUnitId !== user.orgUnitId;
      const back = deactivated || moved ? await returnTasksToPool(tx, user, { reason: deactivated ? 'deactivated' : 'moved' }, actor, at) : [];
      await appendSecurityEvent(tx, { at, actor, event: 'userChanged', target: { kind: 'user', id: user.id }, data: { before: change.before, after: change.after }, address: clientAddress(req) });
      if (back.length > 0) await appendSecurityEvent(tx, { at, actor, event: 'tasksReturnedToPool', target: { kind: 'user', id: user.id }, data: { taskIds: back }, address: clientAddress(req) });
      return { row: updated, returned: back };
    });
    res.json({ ...adminUserView(row), tasksReturnedToPool: returned });
  });

  router.put('/users/:id/roles', async (req, res) => {
    const actor = requireRole(res, ['security_admin'], 'granting roles');
    const { roles } = parseOr400(userRolesBodySchema, req.body);
    const unique = [...new Set(roles)];
    const separation = administratorConflict(unique);
    if (separation) throw new ApiError(ErrorType.SeparationOfDuties, separation, [{ path: 'roles', message: separation }]);
    const at = await ctx.clock.now();
    const { row, returned } = await ctx.db.transaction(async (tx) => {
      const user = await otherUser(tx, actor, req.params.id, 'granting roles');
      const [updated] = await tx.update(users).set({ roles: unique }).where(eq(users.id, user.id)).returning();
      const change = diff({ roles: user.roles }, { roles: updated.roles });
      if (change.changed.length === 0) return { row: updated, returned: [] as string[] };
      await bumpGeneration(tx, AUTH_GENERATION);
      const back = await returnTasksToPool(tx, user, { reason: 'roleRemoved', keepRoles: unique }, actor, at);
      await appendSecurityEvent(tx, { at, actor, event: 'rolesChanged', target: { kind: 'user', id: user.id }, data: { before: change.before, after: change.after }, address: clientAddress(req) });
      if (back.length > 0) await appendSecurityEvent(tx, { at, actor, event: 'tasksReturnedToPool', target: { kind: 'user', id: user.id }, data: { taskIds: back }, address: clientAddress(req) });
      return { row: updated, returned: back };
    });
    res.json({ ...adminUserView(row), tasksReturnedToPool: returned });
  });

  router.post('/users/:id/password-reset', async (req, res) => {
    const actor = requireRole(res, ['security_admin'], 'resetting a password');
    const body = parseOr400(passwordResetBodySchema, req.body);
    const at = await ctx.clock.now();
    const row = await ctx.db.transaction(async (tx) => {
      const user = await otherUser(tx, actor, req.params.id, 'resetting the password');
      passwordOr400(body.password, user.username);
      const hash = await hashPassword(body.password);
      await endAllSessions(tx, user, 'passwordReset', at);
      const [updated] = await tx.update(users).set({ passwordHash: hash, mustChangePassword: true }).where(eq(users.id, user.id)).returning();
      await appendSecurityEvent(tx, { at, actor, event: 'passwordReset', target: { kind: 'user', id: user.id }, data: { mustChangePassword: true }, address: clientAddress(req) });
      return updated;
    });
    res.json(adminUserView(row));
  });

  router.post('/users/:id/unlock', async (req, res) => {
    const actor = requireRole(res, ['security_admin'], 'lifting a lockout');
    const body = parseOr400(reasonBodySchema, req.body);
    const at = await ctx.clock.now();
    const lifted = await ctx.db.transaction(async (tx) => {
      const user = await otherUser(tx, actor, req.params.id, 'lifting a lockout');
      const n = await unlockUserName(tx, user.username);
      await appendSecurityEvent(tx, { at, actor, event: 'unlocked', target: { kind: 'user', id: user.id }, data: { reason: body.reason, lifted: n }, address: clientAddress(req) });
      return n;
    });
    res.json({ lifted });
  });

  // A lost phone: the second factor is removed, and the user enrols a new one at the next sign-in.
  router.post('/users/:id/totp-reset', async (req, res) => {
    const actor = requireRole(res, ['security_admin'], 'resetting a second factor');
    const body = parseOr400(reasonBodySchema, req.body);
    const at = await ctx.clock.now();
    const row = await ctx.db.transaction(async (tx) => {
      const user = await otherUser(tx, actor, req.params.id, 'resetting the second factor');
      await endAllSessions(tx, user, 'totpReset', at);
      const [updated] = await tx.update(users).set({ totpSecret: null, totpPendingSecret: null }).where(eq(users.id, user.id)).returning();
      await appendSecurityEvent(tx, { at, actor, event: 'totpReset', target: { kind: 'user', id: user.id }, data: { reason: body.reason }, address: clientAddress(req) });
      return updated;
    });
    res.json(adminUserView(row));
  });

  return router;
}
