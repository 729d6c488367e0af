// The signed-in user's own account, reachable before the forced password change and TOTP enrolment (the gate in
// middleware.ts): change the password, enrol a second factor, sign out, and read one's own sign-in history.
import { Router } from 'express';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { securityEvents, sessions, users } from '../../db/schema';
import { hashPassword, verifyPassword } from '../../db/passwords';
import { appendSecurityEvent } from '../../db/security-log';
import { passwordProblems } from '../../domain/password-policy';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { badRequest, conflict, parseOr400 } from '../errors';
import type { AppContext } from '../context';
import { actorOf, signedInOf } from './middleware';
import { clientAddress } from './router';
import { endAllSessions } from './sessions';
import { newTotpSecret, totpStep, totpUrl } from './totp';
import { AUTH_GENERATION, bumpGeneration } from './generations';

export const passwordChangeBodySchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }).strict();
export const totpEnrolBodySchema = z.object({ password: z.string().min(1).max(200) }).strict();
export const totpConfirmBodySchema = z.object({ code: z.string().regex(/^\d{6}$/, 'six digits') }).strict();

/** What one's own history shows: signing in and out, failures and lockouts of one's name, password and factor changes. */
const OWN_HISTORY = ['signedIn', 'signInFailed', 'lockedOut', 'signedOut', 'passwordChanged', 'passwordReset', 'totpEnrolled', 'totpReset', 'unlocked'];

async function userRow(db: Db, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

export function accountRouter(ctx: AppContext): Router {
  const router = Router();

  // Checks the current password, applies the rules to the new one, and ends every other session of the account.
  router.post('/password', async (req, res) => {
    const actor = actorOf(res);
    const body = parseOr400(passwordChangeBodySchema, req.body);
    const user = await userRow(ctx.db, actor.id);
    if (!(await verifyPassword(body.currentPassword, user.passwordHash))) throw badRequest('the current password is wrong', [{ path: 'currentPassword', message: 'wrong password' }]);
    const problems = passwordProblems(body.newPassword, user.username);
    if (body.newPassword === body.currentPassword) problems.push('must differ from the current password');
    if (problems.length > 0) throw badRequest('the new password does not meet the rules', problems.map((message) => ({ path: 'newPassword', message })));
    const hash = await hashPassword(body.newPassword);
    const at = await ctx.clock.now();
    const { sessionId } = signedInOf(res);
    await ctx.db.transaction(async (tx) => {
      const version = await endAllSessions(tx, user, 'passwordChanged', at);
      // This session goes on under the new version; every other one has ended.
      await tx.update(sessions).set({ authVersion: version, endedAt: null, endReason: null }).where(eq(sessions.id, sessionId));
      await tx.update(users).set({ passwordHash: hash, mustChangePassword: false, passwordChangedAt: at }).where(eq(users.id, user.id));
      await appendSecurityEvent(tx, { at, actor, event: 'passwordChanged', target: { kind: 'user', id: user.id }, data: { forced: user.mustChangePassword }, address: clientAddress(req) });
    });
    res.json({ changed: true });
  });

  router.post('/logout', async (req, res) => {
    const actor = actorOf(res);
    const at = await ctx.clock.now();
    const { sessionId } = signedInOf(res);
    await ctx.db.transaction(async (tx) => {
      await ctx.sessions.end(sessionId, 'logout', tx);
      await appendSecurityEvent(tx, { at, actor, event: 'signedOut', target: { kind: 'user', id: actor.id }, data: { sessionId }, address: clientAddress(req) });
    });
    res.json({ signedOut: true });
  });

  // Enrolling asks for the password again: a token left on an unattended screen must not add its own second factor.
  router.post('/totp/enroll', async (req, res) => {
    const actor = actorOf(res);
    const { password } = parseOr400(totpEnrolBodySchema, req.body);
    const user = await userRow(ctx.db, actor.id);
    if (!(await verifyPassword(password, user.passwordHash))) throw badRequest('the password is wrong', [{ path: 'password', message: 'wrong password' }]);
    const secret = newTotpSecret();
    await ctx.db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, user.id));
    res.json({ secret, otpauthUrl: totpUrl(secret, user.username) });
  });

  router.post('/totp/confirm', async (req, res) => {
    const actor = actorOf(res);
    const { code } = parseOr400(totpConfirmBodySchema, req.body);
    const user = await userRow(ctx.db, actor.id);
    if (!user.totpPendingSecret) throw conflict('no second factor is being enrolled: call /api/auth/totp/enroll first');
    const step = totpStep(user.totpPendingSecret, user.username, code, ctx.wallClock?.() ?? Date.now());
    if (step === null) {
      throw badRequest('wrong or expired code', [{ path: 'code', message: 'not the code the authenticator shows now' }]);
    }
    const at = await ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      // The confirming code is spent: it does not sign in a second time.
      await tx.update(users).set({ totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpLastStep: step }).where(eq(users.id, user.id));
      await bumpGeneration(tx, AUTH_GENERATION);
      await appendSecurityEvent(tx, { at, actor, event: 'totpEnrolled', target: { kind: 'user', id: user.id }, data: { replaced: user.totpSecret !== null }, address: clientAddress(req) });
    });
    res.json({ enrolled: true });
  });

  router.get('/sign-ins', async (_req, res) => {
    const actor = actorOf(res);
    const rows = await ctx.db.select().from(securityEvents)
      .where(and(eq(securityEvents.targetId, actor.id), inArray(securityEvents.event, OWN_HISTORY)))
      .orderBy(desc(securityEvents.seq)).limit(100);
    res.json({ items: rows.map((r) => ({ at: toShanghaiIso(r.at), event: r.event, address: r.address, data: r.data })) });
  });

  return router;
}

