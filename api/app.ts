// The Express app (exported apart from listen, so tests drive it in-process): JSON API under /api, and the
// built web app for every other path (history-API routing).
import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext, AppDeps } from './context';
import { OrgTree } from './org/org-tree';
import { errorHandler, notFound, notFoundRoute } from './errors';
import { requireAuth, requireSettledAccount } from './auth/middleware';
import { loginRouter, meRouter } from './auth/router';
import { accountRouter } from './auth/account-router';
import { oidcRouter, signInOptions } from './auth/oidc';
import { DEFAULT_SESSION_LIMITS, SessionStore } from './auth/sessions';
import { orgAdminRouter } from './admin/org-admin-router';
import { userAdminRouter } from './admin/user-admin-router';
import { securityLogRouter } from './admin/security-log-router';
import { importRouter } from './admin/import-router';
import { logAdministratorRefusals } from './admin/refusals';
import { orgRouter } from './org/router';
import { processesRouter } from './processes/router';
import { instancesRouter } from './instances/router';
import { tasksRouter } from './tasks/router';
import { catalogsRouter } from './catalogs/router';
import { adminRouter } from './admin/router';
import { metricsRouter } from './metrics/router';
import { hotlineRouter } from './hotline/router';
import { licensingRouter } from './licensing/router';
import { registriesRouter } from './registries/router';
import { publicResultsRouter } from './registries/public-results';
import { drawRouter } from './registries/draw';
import { randomInspectionMetricsRouter } from './metrics/random-inspection';
import { DbCreditRegistry } from '../activities/credit-registry';
import { healthHandler } from './health';
import { noStore, securityHeaders, strictTransportOnHttps } from './security';
import { buildOpenApiDocument } from './openapi/document';
import { webAppRouter } from './web-app';

export function createApp(deps: AppDeps): express.Express {
  const orgTree = new OrgTree(deps.db);
  const sessions = new SessionStore(deps.db, deps.jwtSecret, orgTree, {
    limits: deps.sessionLimits ?? DEFAULT_SESSION_LIMITS, adminTotpRequired: deps.production === true, now: deps.wallClock,
  });
  const ctx: AppContext = {
    ...deps, orgTree, sessions, log: deps.log ?? ((line) => console.error(line)), creditRegistry: deps.creditRegistry ?? new DbCreditRegistry(deps.db),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Behind a reverse proxy the client address comes from X-Forwarded-For (for the sign-in limit): set TRUST_PROXY.
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders, strictTransportOnHttps);

  const api = Router();
  api.use(noStore);
  api.use(express.json({ limit: '6mb' }));
  api.get('/health', healthHandler(ctx));
  const openApi = buildOpenApiDocument();
  api.get('/openapi.json', (_req, res) => { res.json(openApi); });
  api.use('/auth', loginRouter(ctx));
  const options = signInOptions(deps.oidc);
  api.get('/auth/options', (_req, res) => { res.json(options); });
  if (deps.oidc) api.use('/auth', oidcRouter(ctx, deps.oidc));
  else api.use('/auth/oidc', () => { throw notFound('single sign-on is not configured (SHANZHI_OIDC_ISSUER)'); });
  api.use('/public', publicResultsRouter(ctx));
  api.use(requireAuth(ctx));
  api.use(meRouter(ctx));
  api.use('/auth', accountRouter(ctx));
  api.use(requireSettledAccount);
  api.use(orgRouter(ctx));
  api.use(orgAdminRouter(ctx));
  api.use(userAdminRouter(ctx));
  api.use('/admin', securityLogRouter(ctx));
  api.use('/admin', importRouter(ctx));
  api.use('/processes', processesRouter(ctx));
  api.use('/instances', drawRouter(ctx), instancesRouter(ctx));
  api.use('/tasks', tasksRouter(ctx));
  api.use('/catalogs', catalogsRouter(ctx));
  api.use('/admin', adminRouter(ctx));
  api.use('/metrics', randomInspectionMetricsRouter(ctx), metricsRouter(ctx));
  api.use('/hotline', hotlineRouter(ctx));
  api.use('/licensing', licensingRouter(ctx));
  api.use('/registries', registriesRouter(ctx));
  api.use(notFoundRoute);
  api.use(logAdministratorRefusals(ctx));
  api.use(errorHandler(ctx.log));
  app.use('/api', api);

  if (deps.staticDir && existsSync(join(deps.staticDir, 'index.html'))) {
    app.use(webAppRouter(deps.staticDir));
  }
  app.use(errorHandler(ctx.log));
  return app;
}
