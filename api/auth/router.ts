// POST /api/auth/login: username, password and (for an account with a second factor) a TOTP code in; a bearer token
// of a new session and the user out. Every sign-in, failure and lockout goes to the security log.
import { Router, type Request } from 'express';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema';
import { ErrorType } from '../../domain/errors';
import { ApiError, parseOr400 } from '../errors';
import type { AppContext } from '../context';
import { dummyPasswordHash, verifyPassword } from '../../db/passwords';
import { logSecurityEvent } from '../../db/security-log';
import { SignInLimits, signInKeys } from './sign-in-limits';
import { ipKeyGenerator } from 'express-rate-limit';
import { actorOf, signedInOf } from './middleware';
import { spendTotpStep, totpStep } from './totp';

export const loginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  totp: z.string().regex(/^\d{6}$/, 'six digits').optional(),
});

export function publicUser(u: typeof users.$inferSelect) {
  return { id: u.id, username: u.username, name: u.name, roles: u.roles, orgUnitId: u.orgUnitId };
}

export const clientAddress = (req: Request): string => req.ip ?? 'unknown';

export function loginRouter(ctx: AppContext): Router {
  const router = Router();
  const limits = new SignInLimits(ctx.db, ctx.loginLimits);
  router.post('/login', async (req, res) => {
    const { username, password, totp } = parseOr400(loginSchema, req.body);
    const address = clientAddress(req);
    // IPv6 clients are counted by their /56 network, as one household or office.
    const keys = signInKeys(ipKeyGenerator(address), username);
    // The API's clock: the simulated one in simulation mode, so back-offs can be crossed like any deadline.
    const now = await ctx.clock.now();
    await limits.admit(keys, now);
    const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
    // Unknown and inactive users are checked against a dummy hash: the same work, so timing names no one.
    const known = user !== undefined && user.active;
    const matches = await verifyPassword(password, known ? user.passwordHash : await dummyPasswordHash());
    const fail = async (reason: 'password' | 'totp' | 'totpReused') => {
      const lockedOut = await limits.failed(keys, now);
      const target = known ? { kind: 'user' as const, id: user.id } : null;
      await logSecurityEvent(ctx.db, { at: now, actor: null, event: 'signInFailed', target, data: { username, reason }, address });
      if (lockedOut) await logSecurityEvent(ctx.db, { at: now, actor: null, event: 'lockedOut', target, data: { username }, address });
    };
    if (!known || !matches) {
      await fail('password');
      throw new ApiError(ErrorType.Unauthenticated, 'wrong username or password');
    }
    if (user.totpSecret) {
      // Asking for the code is the first step of a normal sign-in; only a wrong code counts as a failure.
      if (totp === undefined) throw new ApiError(ErrorType.TotpRequired, 'this account has a second factor: send the six-digit code as `totp`');
      const step = totpStep(user.totpSecret, user.username, totp, ctx.wallClock?.() ?? Date.now());
      if (step === null) {
        await fail('totp');
        throw new ApiError(ErrorType.TotpRequired, 'wrong or expired one-time code', [{ path: 'totp', message: 'wrong or expired' }]);
      }
      // A code seen once may have been seen by someone else too (over a shoulder, in a proxy log): it is not taken again.
      if (!(await spendTotpStep(ctx.db, user.id, step))) {
        await fail('totpReused');
        throw new ApiError(ErrorType.TotpRequired, 'this one-time code was already used: wait for the next one', [{ path: 'totp', message: 'already used' }]);
      }
    }
    await limits.succeeded(keys);
    const session = await ctx.sessions.open(user, address);
    await logSecurityEvent(ctx.db, { at: now, actor: { id: user.id, name: user.name }, event: 'signedIn', target: { kind: 'user', id: user.id }, data: { sessionId: session.sessionId, secondFactor: user.totpSecret !== null }, address });
    res.json({
      token: session.token, user: publicUser(user), expiresAt: session.expiresAt.toISOString(),
      mustChangePassword: user.mustChangePassword, totpRequired: ctx.sessions.totpEnrolmentRequired(user),
    });
  });
  return router;
}

export function meRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/me', async (_req, res) => {
    const actor = actorOf(res);
    const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.id));
    const signedIn = signedInOf(res);
    res.json({ ...publicUser(user), mustChangePassword: signedIn.mustChangePassword, totpRequired: signedIn.totpEnrolmentRequired, totpEnrolled: user.totpSecret !== null });
  });
  return router;
}
