// What guards the API against hostile clients beyond authentication: security headers on every response (the
// limits on failed sign-ins are in auth/sign-in-limits.ts).
import type { RequestHandler } from 'express';
import helmet from 'helmet';

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
