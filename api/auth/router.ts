// POST /api/auth/login: username and password in, a bearer token and the user out.
import { Router } from 'express';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema';
import { ErrorType } from '../../domain/errors';
import { ApiError, parseOr400 } from '../errors';
import type { AppContext } from '../context';
import { verifyPassword } from './passwords';
import { issueToken } from './tokens';
import { actorOf } from './middleware';

export const loginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

export function publicUser(u: typeof users.$inferSelect) {
  return { id: u.id, username: u.username, name: u.name, roles: u.roles, orgUnitId: u.orgUnitId };
}

export function loginRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/login', async (req, res) => {
    const { username, password } = parseOr400(loginSchema, req.body);
    const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
    const ok = user && user.active && (await verifyPassword(password, user.passwordHash));
    if (!ok) throw new ApiError(ErrorType.Unauthenticated, 'wrong username or password');
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
