// Single sign-on against a real OpenID Connect provider (`oidc-provider`, run in-process on a local port): the
// authorization code flow with PKCE, state and nonce, claims mapped to user name, unit and roles, the account created
// and then linked by its subject, our own token issued; administrator roles are never taken from claims, and the
// three administrators cannot sign in through SSO at all.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { eq } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { systemClock } from '../../api/context';
import type { OidcSettings } from '../../api/auth/oidc-settings';
import { securityEvents, users } from '../../db/schema';
import { DEMO_PASSWORD } from '../../db/demo-org';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const CLIENT = { id: 'shanzhi', secret: 'shanzhi-client-secret-0123456789abcdef' };
const REDIRECT_URI = 'https://shanzhi.example.gov.cn/api/auth/oidc/callback';

/** The people the identity platform knows, by subject: their claims as the province's platform would send them. */
const PEOPLE: Record<string, Record<string, unknown>> = {
  'sub-0001': { preferred_username: 'sso_clerk', name: '统一认证窗口员', org_unit: 'street-a', roles: ['window_clerk', 'admin'] },
  'sub-0002': { preferred_username: 'verifier', name: '高核查', org_unit: 'street-a', roles: 'verifier approver' },
  'sub-0003': { preferred_username: 'admin', name: '冒名管理员', org_unit: 'district', roles: ['admin'] },
  'sub-0004': { preferred_username: 'nowhere_clerk', name: '无单位', org_unit: 'no-such-unit', roles: ['window_clerk'] },
  'sub-0005': { preferred_username: 'grid_sso', name: '网格员', org_unit: 'G-A1-01', roles: ['grid_worker'] },
};

let database: TestDatabase;
let providerServer: Server;
let issuer: string;
/** Who signs in at the provider's login step next. */
let nextSubject = 'sub-0001';
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  const { default: Provider } = await import('oidc-provider');
  providerServer = createServer();
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'org_unit', 'roles'] },
    findAccount: (_ctx, sub) => (PEOPLE[sub] ? { accountId: sub, claims: () => ({ sub, ...PEOPLE[sub] }) } : undefined),
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['provider-cookie-key-0123456789'] },
  });
  const callback = provider.callback();
  // The provider's login and consent page: the person of `nextSubject` signs in and agrees at once.
  providerServer.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) { void callback(req, res); return; }
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: nextSubject, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(req, res, { login: { accountId: nextSubject }, consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => { res.statusCode = 500; res.end(String(error)); });
  });
  const settings: OidcSettings = {
    issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, redirectUri: REDIRECT_URI, scope: 'openid profile',
    claims: { username: 'preferred_username', name: 'name', unit: 'org_unit', roles: 'roles' }, allowHttp: true,
  };
  app = createApp({
    // Sign-in touches no workflow: the Temporal client is never called here.
    db: database.db, temporal: {} as Client, clock: systemClock, jwtSecret: 'sso-test-secret-sso-test-secret-0000', log: () => undefined,
    ping: { db: async () => undefined, temporal: async () => undefined }, oidc: settings,
  });
});

afterAll(async () => {
  await new Promise((resolve) => providerServer?.close(resolve));
  await database?.close();
});

/** The browser's cookies at the provider, as a cookie jar would keep them. */
class Jar {
  private readonly cookies = new Map<string, string>();
  keep(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const [name, ...value] = pair.split('=');
      this.cookies.set(name.trim(), value.join('='));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** A browser going through the whole flow as `subject`: our login → the provider → our callback; the final Location. */
async function signInThroughPlatform(subject: string): Promise<URL> {
  nextSubject = subject;
  const start = await request(app).get('/api/auth/oidc/login');
  expect(start.status).toBe(302);
  const ourCookie = (start.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
  const jar = new Jar();
  let location = new URL(start.headers.location);
  expect(location.origin).toBe(issuer);
  expect(location.searchParams.get('code_challenge_method')).toBe('S256');
  // Follow the provider's redirects until it sends the browser back to our callback.
  for (let hops = 0; location.origin === issuer; hops++) {
    if (hops > 10) throw new Error('too many redirects at the provider');
    const res = await fetch(location, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.keep(res.headers.getSetCookie());
    if (res.status < 300 || res.status >= 400) throw new Error(`provider answered ${res.status}: ${await res.text()}`);
    location = new URL(res.headers.get('location')!, location);
  }
  expect(location.href.startsWith(REDIRECT_URI)).toBe(true);
  const back = await request(app).get(`${location.pathname}${location.search}`).set('cookie', ourCookie);
  expect(back.status).toBe(302);
  return new URL(back.headers.location, 'https://shanzhi.example.gov.cn');
}

const fragmentOf = (url: URL) => new URLSearchParams(url.hash.slice(1));

test('the login page is told which sign-in methods are on', async () => {
  const options = await request(app).get('/api/auth/options');
  expect(options.body).toEqual({ password: true, oidc: { enabled: true, loginUrl: '/api/auth/oidc/login' } });
  const without = createApp({
    db: database.db, temporal: {} as Client, clock: systemClock, jwtSecret: 'sso-test-secret-sso-test-secret-0000', log: () => undefined,
    ping: { db: async () => undefined, temporal: async () => undefined },
  });
  expect((await request(without).get('/api/auth/options')).body).toEqual({ password: true, oidc: { enabled: false } });
  expect((await request(without).get('/api/auth/oidc/login')).status).toBe(404);
  expect((await request(without).get('/api/auth/oidc/callback?code=x&state=y')).status).toBe(404);
});

test('a new person signs in through the platform: the account is made from the claims, without the administrator role claimed', async () => {
  const landed = await signInThroughPlatform('sub-0001');
  expect(landed.pathname).toBe('/login');
  const token = fragmentOf(landed).get('sso');
  expect(token).toBeTruthy();
  const me = await request(app).get('/api/me').set('authorization', `Bearer ${token}`);
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ username: 'sso_clerk', name: '统一认证窗口员', orgUnitId: 'street-a', roles: ['window_clerk'], mustChangePassword: false });
  const [row] = await database.db.select().from(users).where(eq(users.username, 'sso_clerk'));
  expect(row.oidcSubject).toBe('sub-0001');
  // Local password sign-in is not open to an account the platform made.
  expect((await request(app).post('/api/auth/login').send({ username: 'sso_clerk', password: DEMO_PASSWORD })).status).toBe(401);
  const signedIn = (await database.db.select().from(securityEvents).where(eq(securityEvents.targetId, row.id)))
    .find((e) => e.event === 'signedIn');
  expect(signedIn?.data).toMatchObject({ via: 'oidc', ignoredRoles: ['admin'] });
  // A second sign-in finds the same account by its subject.
  const again = fragmentOf(await signInThroughPlatform('sub-0001')).get('sso');
  expect((await request(app).get('/api/me').set('authorization', `Bearer ${again}`)).body.id).toBe(row.id);
});

test('an existing local account of the same user name is linked, and its roles follow the platform', async () => {
  const landed = await signInThroughPlatform('sub-0002');
  const me = await request(app).get('/api/me').set('authorization', `Bearer ${fragmentOf(landed).get('sso')}`);
  expect(me.body).toMatchObject({ username: 'verifier', roles: ['verifier', 'approver'] });
  const [row] = await database.db.select().from(users).where(eq(users.username, 'verifier'));
  expect(row.oidcSubject).toBe('sub-0002');
  const changes = (await database.db.select().from(securityEvents).where(eq(securityEvents.targetId, row.id))).filter((e) => e.event === 'rolesChanged');
  expect(changes.map((e) => e.data)).toEqual([expect.objectContaining({ via: 'oidc', before: { roles: ['verifier'] }, after: { roles: ['verifier', 'approver'] } })]);
  // The local password still works: local accounts stay.
  expect((await request(app).post('/api/auth/login').send({ username: 'verifier', password: DEMO_PASSWORD })).status).toBe(200);
});

test('an administrator account cannot be taken through the platform, and a unit unknown here is refused; both are logged', async () => {
  const asAdmin = fragmentOf(await signInThroughPlatform('sub-0003'));
  expect(asAdmin.get('sso')).toBeNull();
  expect(asAdmin.get('ssoError')).toContain('管理员');
  const [admin] = await database.db.select().from(users).where(eq(users.username, 'admin'));
  expect([admin.oidcSubject, admin.roles]).toEqual([null, ['admin']]);
  const nowhere = fragmentOf(await signInThroughPlatform('sub-0004'));
  expect(nowhere.get('ssoError')).toContain('no-such-unit');
  expect((await database.db.select().from(users).where(eq(users.username, 'nowhere_clerk')))).toEqual([]);
  const failures = (await database.db.select().from(securityEvents).where(eq(securityEvents.event, 'signInFailed'))).filter((e) => e.data.via === 'oidc');
  expect(failures).toHaveLength(2);
});

test('a unit named by its grid code is found; a callback without our state cookie is refused', async () => {
  const grid = await signInThroughPlatform('sub-0005');
  const me = await request(app).get('/api/me').set('authorization', `Bearer ${fragmentOf(grid).get('sso')}`);
  expect(me.body).toMatchObject({ username: 'grid_sso', orgUnitId: 'grid-a1-1', roles: ['grid_worker'] });
  const forged = await request(app).get('/api/auth/oidc/callback?code=stolen&state=guess');
  expect(forged.status).toBe(302);
  expect(fragmentOf(new URL(forged.headers.location, 'https://x')).get('ssoError')).toBeTruthy();
});
