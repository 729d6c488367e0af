// POST /api/auth/login: username and password in, a bearer token and the user out.
import { Router } from 'express';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema';
import { ErrorType } from '../../domain/errors';
import { ApiError, parseOr400 } from '../errors';
import type { AppContext } from '../context';
import { dummyPasswordHash, verifyPassword } from '../../db/passwords';
import { issueToken } from './tokens';
import { SignInLimits, signInKeys } from './sign-in-limits';
import { ipKeyGenerator } from 'express-rate-limit';
import { actorOf } from './middleware';

export const loginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

export function publicUser(u: typeof users.$inferSelect) {
  return { id: u.id, username: u.username, name: u.name, roles: u.roles, orgUnitId: u.orgUnitId };
}

export function loginRouter(ctx: AppContext): Router {
  const router = Router();
  const limits = new SignInLimits(ctx.db, ctx.loginLimits);
  router.post('/login', async (req, res) => {
    const { username, password } = parseOr400(loginSchema, req.body);
    // IPv6 clients are counted by their /56 network, as one household or office.
    const keys = signInKeys(ipKeyGenerator(req.ip ?? 'unknown'), username);
    // The API's clock: the simulated one in simulation mode, so back-offs can be crossed like any deadline.
    const now = await ctx.clock.now();
    await limits.admit(keys, now);
    const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
    // Unknown and inactive users are checked against a dummy hash: the same work, so timing names no one.
    const known = user !== undefined && user.active;
    const matches = await verifyPassword(password, known ? user.passwordHash : await dummyPasswordHash());
    if (!known || !matches) {
      await limits.failed(keys, now);
      throw new ApiError(ErrorType.Unauthenticated, 'wrong username or password');
    }
    await limits.succeeded(keys);
    res.json({ token: issueToken(ctx.jwtSecret, user.id), user: publicUser(user) });
  });
  return router;
}

export function meRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/me', async (_req, res) => {
    const actor = actorOf(res);
    const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.id));
    res.json(publicUser(user));
  });
  return router;
}
