// Defences against hostile clients: security headers, a limit on failed sign-ins, memory-hard password hashes,
// and tokens that expire.
import request from 'supertest';
import jwt from 'jsonwebtoken';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { DEMO_PASSWORD } from '../../db/demo-org';
import { createApp } from '../../api/app';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../../api/auth/sign-in-limits';
import { createTestStack, type TestStack } from '../support/test-stack';

const TEST_SECRET = 'test-secret-test-secret-test-secret-00';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

const login = (username: string, password: string) => request(stack.app).post('/api/auth/login').send({ username, password });

test('every response carries the security headers, API errors included', async () => {
  for (const res of [await request(stack.app).get('/api/health'), await request(stack.app).get('/api/tasks')]) {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  }
});

test('guessing one user’s password is stopped after the limit, with 429 and Retry-After; others still sign in', async () => {
  for (let i = 0; i < DEFAULT_LOGIN_LIMITS.perUser; i++) expect((await login('dispatcher', `guess-${i}`)).status).toBe(401);
  const refused = await login('dispatcher', DEMO_PASSWORD);
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe('RATE_LIMITED');
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect((await login('shift_chief', DEMO_PASSWORD)).status).toBe(200);
});

/** Another API process on the same database (as in a distributed deployment), with its own limits. */
const apiProcess = (limits: LoginLimits) => createApp({
  db: stack.database.db, temporal: stack.temporal.client, clock: stack.temporal.clock, trustProxy: true, loginLimits: limits,
  jwtSecret: TEST_SECRET, log: () => undefined, ping: { db: async () => undefined, temporal: async () => undefined },
});
const signIn = (app: ReturnType<typeof createApp>, from: string, username: string, password: string) =>
  request(app).post('/api/auth/login').set('x-forwarded-for', from).send({ username, password });
const SHORT: LoginLimits = { perUser: 3, perAddress: 6, windowMs: 15 * 60_000, userBackoffMs: 30_000, addressDelayMs: 300 };

test('failures counted by one API process hold in another, and the right password gets through once the back-off has passed', async () => {
  const first = apiProcess(SHORT);
  const second = apiProcess(SHORT);
  for (let i = 0; i < SHORT.perUser; i++) expect((await signIn(first, '10.1.0.1', 'dispatcher', `guess-${i}`)).status).toBe(401);
  // The other process knows: during the back-off even the right password is refused, so a refusal reveals nothing.
  const refused = await signIn(second, '10.1.0.1', 'dispatcher', DEMO_PASSWORD);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect((await signIn(second, '10.1.0.1', 'dispatcher', 'guess-x')).status).toBe(429);
  await stack.advance(SHORT.userBackoffMs + 1_000);
  expect((await signIn(second, '10.1.0.1', 'dispatcher', DEMO_PASSWORD)).status).toBe(200);
  // The right password cleared the count: a slip afterwards is an ordinary 401.
  expect((await signIn(first, '10.1.0.1', 'dispatcher', 'slip')).status).toBe(401);
});

test('a wrong password after the back-off doubles it', async () => {
  const app = apiProcess(SHORT);
  for (let i = 0; i < SHORT.perUser; i++) expect((await signIn(app, '10.1.0.2', 'auditor', `guess-${i}`)).status).toBe(401);
  await stack.advance(SHORT.userBackoffMs + 1_000);
  expect((await signIn(app, '10.1.0.2', 'auditor', 'guess-again')).status).toBe(401);
  // Now twice the back-off: after one and a half, the name is still refused; after two and a half it is through.
  await stack.advance(SHORT.userBackoffMs * 1.5);
  expect((await signIn(app, '10.1.0.2', 'auditor', DEMO_PASSWORD)).status).toBe(429);
  await stack.advance(SHORT.userBackoffMs);
  expect((await signIn(app, '10.1.0.2', 'auditor', DEMO_PASSWORD)).status).toBe(200);
});

test('names sprayed from a shared office address slow that address down without locking a colleague out', async () => {
  const app = apiProcess(SHORT);
  for (let i = 0; i < SHORT.perAddress; i++) expect((await signIn(app, '10.1.0.3', `nobody-${i}`, 'guess')).status).toBe(401);
  const started = Date.now();
  const colleague = await signIn(app, '10.1.0.3', 'shift_chief', DEMO_PASSWORD);
  expect(colleague.status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(SHORT.addressDelayMs);
});

test('successful sign-ins do not count towards the limit', async () => {
  for (let i = 0; i < DEFAULT_LOGIN_LIMITS.perUser + 5; i++) expect((await login('auditor', DEMO_PASSWORD)).status).toBe(200);
});

test('passwords are stored as salted scrypt hashes, never in clear', async () => {
  const rows = await stack.database.db.select({ username: users.username, hash: users.passwordHash }).from(users);
  expect(rows.length).toBeGreaterThan(5);
  const hashes = new Set<string>();
  for (const { hash } of rows) {
    const [scheme, n, r] = hash.split('$');
    expect(scheme).toBe('scrypt');
    expect(Number(n) * Number(r) * 128).toBeGreaterThanOrEqual(16 * 1024 * 1024); // at least 16 MiB of memory per guess
    expect(hash).not.toContain(DEMO_PASSWORD);
    hashes.add(hash);
  }
  expect(hashes.size).toBe(rows.length); // same password, different salts
});

test('tokens expire: an expired token is 401, a fresh one lasts at most a working day', async () => {
  const [clerk] = await stack.database.db.select().from(users).where(eq(users.username, 'grid_worker'));
  const expired = jwt.sign({ exp: Math.floor(Date.now() / 1000) - 60 }, TEST_SECRET, { subject: clerk.id, algorithm: 'HS256' });
  const res = await request(stack.app).get('/api/me').set('authorization', `Bearer ${expired}`);
  expect(res.status).toBe(401);
  expect(res.body.error.message).toBe('登录令牌无效或已过期，请重新登录');

  const fresh = (await login('grid_worker', DEMO_PASSWORD)).body.token as string;
  const { exp, iat } = jwt.decode(fresh) as { exp: number; iat: number };
  expect(exp - iat).toBeLessThanOrEqual(12 * 3600);
  expect((await request(stack.app).get('/api/me').set('authorization', `Bearer ${fresh}`)).status).toBe(200);
});
