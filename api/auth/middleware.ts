// Authentication for every route but login and health: a bearer token of a live session of an active user, who
// becomes the request's actor with the org scope they may act on (api/auth/sessions.ts checks and caches it).
import type { RequestHandler, Response } from 'express';
import type { Actor } from '../../domain/actor';
import type { Role } from '../../domain/roles';
import { ErrorType } from '../../domain/errors';
import { ApiError, forbidden } from '../errors';
import type { AppContext } from '../context';
import type { SignedIn } from './sessions';

export function requireAuth(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (!match) throw new ApiError(ErrorType.Unauthenticated, 'missing bearer token');
    const signedIn = await ctx.sessions.authenticate(match[1]);
    res.locals.actor = signedIn.actor;
    res.locals.signedIn = signedIn;
    next();
  };
}

/**
 * After sign-in, before anything else: an account bound to change its password (bootstrap, created or reset by an
 * administrator) does that first, and an administrator who must have a second factor enrols it first. Only /me and
 * the account's own /auth routes come before this gate.
 */
export const requireSettledAccount: RequestHandler = (_req, res, next) => {
  const signedIn = signedInOf(res);
  if (signedIn.mustChangePassword) throw new ApiError(ErrorType.PasswordChangeRequired, 'change your password first (POST /api/auth/password)');
  if (signedIn.totpEnrolmentRequired) {
    throw new ApiError(ErrorType.TotpEnrolmentRequired, 'administrators enrol a second factor first (POST /api/auth/totp/enroll, then /api/auth/totp/confirm)');
  }
  next();
};

export function actorOf(res: Response): Actor {
  return res.locals.actor as Actor;
}

export function signedInOf(res: Response): SignedIn {
  return res.locals.signedIn as SignedIn;
}

export function requireRole(res: Response, roles: readonly Role[], what: string): Actor {
  const actor = actorOf(res);
  if (!actor.roles.some((r) => roles.includes(r))) throw forbidden(`${what} needs one of the roles: ${roles.join(', ')}`);
  return actor;
}
