// What guards the API against hostile clients beyond authentication: security headers on every response, and a
// limit on failed sign-ins so passwords can't be guessed by brute force.
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ErrorType } from '../domain/errors';
import { ApiError } from './errors';

/**
 * Helmet's headers with a content security policy the web app runs under: its own scripts only; inline styles
 * because Ant Design and bpmn-js set them; data/blob images for diagram exports. No upgrade-insecure-requests:
 * street offices often serve the system over plain HTTP on an intranet, where upgrading would break it.
 */
export const securityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'upgrade-insecure-requests': null,
    },
  },
  crossOriginEmbedderPolicy: false,
  // HSTS only where the request came over HTTPS (strictTransportOnHttps): on a plain-HTTP intranet the header
  // is meaningless, and sent over HTTP it would wrongly promise HTTPS for the host.
  strictTransportSecurity: false,
});

const hsts = helmet.strictTransportSecurity({ maxAge: 180 * 86_400, includeSubDomains: true });

/** Strict-Transport-Security on HTTPS requests only (behind a proxy, `trust proxy` makes `req.secure` see it). */
export const strictTransportOnHttps: RequestHandler = (req, res, next) => {
  if (req.secure) hsts(req, res, next);
  else next();
};

/**
 * API answers carry personal data (names, phone and ID numbers) and tokens: no browser or proxy may keep them.
 * The built web app's static files keep their own caching.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

export interface LoginLimits {
  /** Failed sign-ins allowed per user name from one address within the window. */
  perUser: number;
  /** Failed sign-ins allowed from one address over all user names within the window. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 10, perAddress: 100, windowMs: 15 * 60_000 };

/**
 * Two limits on failed sign-ins (successful ones don't count): one per address and user name, so guessing one
 * clerk's password stops after a few tries without locking the clerk out from elsewhere, and one per address, so
 * spraying many names stops too. Only wrong credentials (401) count. Refusals are 429 in the API's error format with Retry-After.
 */
export function loginRateLimit(limits: LoginLimits = DEFAULT_LOGIN_LIMITS): RequestHandler[] {
  const refuse = (message: string): RequestHandler => (_req, _res, next) => next(new ApiError(ErrorType.RateLimited, message));
  // Only wrong credentials count: a 503 while the database restarts must not lock clerks out.
  const common = { windowMs: limits.windowMs, skipSuccessfulRequests: true, requestWasSuccessful: (_req: Request, res: Response) => res.statusCode !== 401, standardHeaders: 'draft-7' as const, legacyHeaders: false,
    // Keys do go through ipKeyGenerator (IPv6 addresses grouped by /56), by way of `address` below.
    validate: { keyGeneratorIpFallback: false } };
  const address = (ip: string | undefined) => ipKeyGenerator(ip ?? 'unknown');
  return [
    rateLimit({ ...common, limit: limits.perAddress, keyGenerator: (req) => address(req.ip), handler: refuse('too many failed sign-ins from this address; try again later') }),
    rateLimit({
      ...common, limit: limits.perUser,
      // Only a string names a user (anything else is refused as invalid input); String() of an object could throw.
      keyGenerator: (req) => {
        const username = (req.body as { username?: unknown } | undefined)?.username;
        return `${address(req.ip)}|${typeof username === 'string' ? username.slice(0, 100).toLowerCase() : ''}`;
      },
      handler: refuse('too many failed sign-ins for this user; try again later'),
    }),
  ];
}
