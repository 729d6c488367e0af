// Single sign-on through a province's unified identity platform (统一身份认证), by OpenID Connect with the maintained
// `openid-client` library: authorization code flow with PKCE, state and nonce. The claims name the user, their unit
// and their roles (claim names set by the installation); the account is created or linked by its OIDC subject and
// gets our normal session token. Local accounts stay: the bootstrap administrators and anyone without SSO.
//
// 三员分立 stays local: no administrator role is ever taken from a claim (one in the claims is ignored and noted in the
// security log), and an account that holds one cannot sign in through SSO at all.
import { randomBytes, randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import jwt from 'jsonwebtoken';
import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orgUnits, users } from '../../db/schema';
import { hashPassword } from '../../db/passwords';
import { appendSecurityEvent, logSecurityEvent } from '../../db/security-log';
import type { Actor } from '../../domain/actor';
import { isAdminRole, ROLES, type Role } from '../../domain/roles';
import { returnTasksToPool } from '../admin/return-tasks';
import type { AppContext } from '../context';
import { AUTH_GENERATION, bumpGeneration } from './generations';
import { clientAddress } from './router';

// openid-client is an ES module: loaded with import() at the first sign-in, its types named for that resolution.
import type * as OpenIdClientModule from 'openid-client' with { 'resolution-mode': 'import' };
import type { Configuration } from 'openid-client' with { 'resolution-mode': 'import' };
import type { OidcSettings } from './oidc-settings';

type OpenIdClient = typeof OpenIdClientModule;

/** The sign-in methods the login page offers: GET /api/auth/options. */
export function signInOptions(settings: OidcSettings | undefined) {
  if (!settings) return { password: true, oidc: { enabled: false } };
  // Without a label of the installation's own, the login page says 统一身份认证登录 in its language.
  return { password: true, oidc: { enabled: true, loginUrl: '/api/auth/oidc/login', ...(settings.label ? { label: settings.label } : {}) } };
}

const STATE_COOKIE = 'shanzhi_oidc';
const STATE_PATH = '/api/auth/oidc';
const STATE_TTL_S = 600;
/** Where the browser lands after the callback: the web app's login page, which reads the fragment. */
const APP_LOGIN = '/login';

/** A refusal the person at the browser is shown on the login page. */
class SsoRefusal extends Error {}

interface PendingLogin { state: string; nonce: string; verifier: string }

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function setStateCookie(req: Request, res: Response, value: string, maxAge: number): void {
  res.append('Set-Cookie', `${STATE_COOKIE}=${encodeURIComponent(value)}; Path=${STATE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${req.secure ? '; Secure' : ''}`);
}

const claimText = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** Roles as a claim carries them: a JSON array, or one string separated by spaces or commas. */
function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

export interface MappedClaims { subject: string; username: string; name: string; orgUnitId: string; roles: Role[]; ignoredRoles: string[] }

/** The claims as an account: the unit must exist and be active, and administrator roles are never taken. */
export async function mapClaims(db: Db, settings: OidcSettings, claims: Record<string, unknown>): Promise<MappedClaims> {
  const subject = claimText(claims.sub);
  const username = claimText(claims[settings.claims.username]);
  if (!subject) throw new SsoRefusal('身份认证平台未提供用户标识（sub）');
  if (!username || !/^[A-Za-z0-9_.-]{2,64}$/.test(username)) throw new SsoRefusal(`身份认证平台提供的用户名（${settings.claims.username}）无效`);
  const unitClaim = claimText(claims[settings.claims.unit]);
  if (!unitClaim) throw new SsoRefusal(`身份认证平台未提供所属单位（${settings.claims.unit}）`);
  const [unit] = await db.select().from(orgUnits).where(or(eq(orgUnits.id, unitClaim), eq(orgUnits.code, unitClaim))).limit(1);
  if (!unit || !unit.active) throw new SsoRefusal(`所属单位“${unitClaim}”在本系统中不存在或已停用，请联系系统管理员`);
  const claimed = claimList(claims[settings.claims.roles]);
  const roles = claimed.filter((r): r is Role => (ROLES as string[]).includes(r) && !isAdminRole(r));
  const ignoredRoles = claimed.filter((r) => !roles.includes(r as Role));
  return { subject, username, name: claimText(claims[settings.claims.name]) ?? username, orgUnitId: unit.id, roles: [...new Set(roles)], ignoredRoles };
}

type UserRow = typeof users.$inferSelect;

/** The identity platform as the actor of the changes it brings (a moved unit, new roles). */
const platformActor = (orgUnitId: string): Actor => ({ id: 'oidc', name: '统一身份认证平台', roles: [], orgUnitId, scopeOrgUnitIds: [], wholeTree: false });

/**
 * The local account for the claims: found by subject, or an account of the same user name not yet linked (linked
 * now), or a new one. Name, unit and roles follow the platform at each sign-in, logged like an administrator's change.
 */
export async function accountFor(db: Db, mapped: MappedClaims, at: Date, address: string): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const [bySubject] = await tx.select().from(users).where(eq(users.oidcSubject, mapped.subject)).for('update');
    const [byName] = bySubject ? [undefined] : await tx.select().from(users)
      .where(and(eq(users.username, mapped.username), isNull(users.oidcSubject))).for('update');
    const existing = bySubject ?? byName;
    if (!existing) {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, mapped.username));
      if (taken) throw new SsoRefusal(`用户名“${mapped.username}”已被另一个统一身份认证账号使用，请联系安全管理员`);
      // No local password: the account signs in through the platform only (a security administrator may reset one).
      const unusable = await hashPassword(randomBytes(32).toString('base64url'));
      const [created] = await tx.insert(users).values({
        id: randomUUID(), username: mapped.username, name: mapped.name, orgUnitId: mapped.orgUnitId, roles: mapped.roles,
        passwordHash: unusable, oidcSubject: mapped.subject,
      }).returning();
      await appendSecurityEvent(tx, {
        at, actor: null, event: 'userCreated', target: { kind: 'user', id: created.id }, address,
        data: { via: 'oidc', subject: mapped.subject, after: { username: created.username, name: created.name, orgUnitId: created.orgUnitId, roles: created.roles }, ignoredRoles: mapped.ignoredRoles },
      });
      return created;
    }
    if (existing.roles.some(isAdminRole)) throw new SsoRefusal('管理员账号（三员）只能使用本地账号和动态口令登录');
    if (!existing.active) throw new SsoRefusal('该账号已停用');
    const before = { name: existing.name, orgUnitId: existing.orgUnitId, roles: existing.roles };
    const after = { name: mapped.name, orgUnitId: mapped.orgUnitId, roles: mapped.roles };
    const rolesChanged = JSON.stringify([...before.roles].sort()) !== JSON.stringify([...after.roles].sort());
    const userChanged = before.name !== after.name || before.orgUnitId !== after.orgUnitId;
    if (!rolesChanged && !userChanged && existing.oidcSubject) return existing;
    const [updated] = await tx.update(users).set({ ...after, oidcSubject: mapped.subject }).where(eq(users.id, existing.id)).returning();
    const by = platformActor(mapped.orgUnitId);
    if (before.orgUnitId !== after.orgUnitId) await returnTasksToPool(tx, existing, { reason: 'moved' }, by, at);
    else if (rolesChanged) await returnTasksToPool(tx, existing, { reason: 'roleRemoved', keepRoles: after.roles }, by, at);
    if (!existing.oidcSubject) {
      await appendSecurityEvent(tx, { at, actor: null, event: 'userChanged', target: { kind: 'user', id: existing.id }, address, data: { via: 'oidc', linked: mapped.subject } });
    }
    if (userChanged) {
      await appendSecurityEvent(tx, { at, actor: null, event: 'userChanged', target: { kind: 'user', id: existing.id }, address,
        data: { via: 'oidc', before: { name: before.name, orgUnitId: before.orgUnitId }, after: { name: after.name, orgUnitId: after.orgUnitId } } });
    }
    if (rolesChanged) {
      await appendSecurityEvent(tx, { at, actor: null, event: 'rolesChanged', target: { kind: 'user', id: existing.id }, address,
        data: { via: 'oidc', before: { roles: before.roles }, after: { roles: after.roles }, ignoredRoles: mapped.ignoredRoles } });
    }
    // Sessions cached by every API process reload the account on their next request.
    await bumpGeneration(tx, AUTH_GENERATION);
    return updated;
  });
}

/** GET /api/auth/oidc/login and /callback; both answer the browser with redirects, never JSON. */
export function oidcRouter(ctx: AppContext, settings: OidcSettings): Router {
  const router = Router();
  let discovered: Promise<{ lib: OpenIdClient; config: Configuration }> | null = null;
  // Discovered once and kept; a failed discovery (the platform down) is tried again on the next sign-in.
  const provider = () => {
    discovered ??= (async () => {
      const lib = await import('openid-client');
      const config = await lib.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined,
        settings.allowHttp ? { execute: [lib.allowInsecureRequests] } : undefined);
      return { lib, config };
    })().catch((error: unknown) => { discovered = null; throw error; });
    return discovered;
  };
  const toLogin = (res: Response, fragment: Record<string, string>) => {
    res.redirect(302, `${APP_LOGIN}#${new URLSearchParams(fragment).toString()}`);
  };

  router.get('/oidc/login', async (req, res) => {
    let lib: OpenIdClient;
    let config: Configuration;
    try {
      ({ lib, config } = await provider());
    } catch (error) {
      ctx.log(`[api] OIDC discovery at ${settings.issuer} failed: ${String(error)}`);
      toLogin(res, { ssoError: '统一身份认证平台暂时无法访问，请稍后再试或使用账号密码登录' });
      return;
    }
    const pending: PendingLogin = { state: lib.randomState(), nonce: lib.randomNonce(), verifier: lib.randomPKCECodeVerifier() };
    const url = lib.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri, scope: settings.scope, state: pending.state, nonce: pending.nonce,
      code_challenge: await lib.calculatePKCECodeChallenge(pending.verifier), code_challenge_method: 'S256',
    });
    setStateCookie(req, res, jwt.sign(pending, ctx.jwtSecret, { algorithm: 'HS256', expiresIn: STATE_TTL_S, audience: 'oidc-login' }), STATE_TTL_S);
    res.redirect(302, url.href);
  });

  router.get('/oidc/callback', async (req, res) => {
    const address = clientAddress(req);
    const at = await ctx.clock.now();
    setStateCookie(req, res, '', 0);
    try {
      const cookie = readCookie(req, STATE_COOKIE);
      let pending: PendingLogin;
      try {
        pending = jwt.verify(cookie ?? '', ctx.jwtSecret, { algorithms: ['HS256'], audience: 'oidc-login' }) as PendingLogin;
      } catch {
        throw new SsoRefusal('登录请求已过期，请重新点击“统一身份认证登录”');
      }
      const { lib, config } = await provider();
      // The URL the platform sent the browser to, as registered (a proxy in front may rewrite host and scheme).
      const current = new URL(settings.redirectUri);
      current.search = new URL(req.originalUrl, 'http://callback').search;
      let claims: Record<string, unknown>;
      try {
        const tokens = await lib.authorizationCodeGrant(config, current, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
        const idClaims = tokens.claims()!;
        // Platforms put the profile in the ID token or only behind the userinfo endpoint: both are read.
        const info = await lib.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
      } catch (error) {
        ctx.log(`[api] OIDC callback refused: ${String(error)}`);
        throw new SsoRefusal('统一身份认证未通过，请重新登录');
      }
      const mapped = await mapClaims(ctx.db, settings, claims);
      const user = await accountFor(ctx.db, mapped, at, address);
      const session = await ctx.sessions.open(user, address);
      await logSecurityEvent(ctx.db, { at, actor: { id: user.id, name: user.name }, event: 'signedIn', target: { kind: 'user', id: user.id },
        data: { sessionId: session.sessionId, via: 'oidc', ignoredRoles: mapped.ignoredRoles }, address });
      // In the fragment: it never leaves the browser, and the web app removes it from the address bar at once.
      toLogin(res, { sso: session.token, expiresAt: session.expiresAt.toISOString() });
    } catch (error) {
      if (!(error instanceof SsoRefusal)) throw error;
      await logSecurityEvent(ctx.db, { at, actor: null, event: 'signInFailed', target: null, data: { via: 'oidc', reason: error.message }, address });
      toLogin(res, { ssoError: error.message });
    }
  });
  return router;
}
