// Authentication for every route but login and health: a bearer token naming an active user, who becomes
// the request's actor with the org scope they may act on.
import type { RequestHandler, Response } from 'express';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { Actor } from '../../domain/actor';
import type { Role } from '../../domain/roles';
import { ErrorType } from '../../domain/errors';
import { ApiError, forbidden } from '../errors';
import type { AppContext } from '../context';
import { readToken } from './tokens';

export function requireAuth(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    const userId = match ? readToken(ctx.jwtSecret, match[1]) : null;
    if (!userId) throw new ApiError(ErrorType.Unauthenticated, match ? 'invalid or expired token' : 'missing bearer token');
    const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
    if (!user || !user.active) throw new ApiError(ErrorType.Unauthenticated, 'unknown or inactive user');
    await ctx.orgTree.refresh();
    const actor: Actor = {
      id: user.id, name: user.name, roles: user.roles as Role[], orgUnitId: user.orgUnitId,
      scopeOrgUnitIds: ctx.orgTree.scopeOf(user),
    };
    res.locals.actor = actor;
    next();
  };
}

export function actorOf(res: Response): Actor {
  return res.locals.actor as Actor;
}

export function requireRole(res: Response, roles: readonly Role[], what: string): Actor {
  const actor = actorOf(res);
  if (!actor.roles.some((r) => roles.includes(r))) throw forbidden(`${what} needs one of the roles: ${roles.join(', ')}`);
  return actor;
}
