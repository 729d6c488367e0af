// Administration under 三员分立 and the sign-in rules of 等保 2.0 level 3: separated administrators, password rules,
// forced changes, sessions that end at once (logout, deactivation, reset) across API processes, the security log
// (hash-chained, for the audit administrator only), the unit tree with visibility following it, and TOTP.
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { createApp } from '../../api/app';
import { totpCode } from '../../api/auth/totp';
import { DEMO_PASSWORD } from '../../db/demo-org';
import { securityEvents, tasks, users } from '../../db/schema';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { createTestStack, type TestStack } from '../support/test-stack';
import { gridReport, startCase } from '../support/whistle';

const TEST_SECRET = 'test-secret-test-secret-test-secret-00';
const GOOD = 'Grid-Worker-2026';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

/** Another API process on the same database, as in a distributed deployment. */
const apiProcess = (extra: Partial<Parameters<typeof createApp>[0]> = {}) => createApp({
  db: stack.database.db, temporal: stack.temporal.client, clock: stack.temporal.clock, jwtSecret: TEST_SECRET, log: () => undefined,
  ping: { db: async () => undefined, temporal: async () => undefined }, ...extra,
});
const as = (token: string) => ({
  get: (url: string) => request(stack.app).get(url).set('authorization', token),
  post: (url: string, body: object = {}) => request(stack.app).post(url).set('authorization', token).send(body),
  put: (url: string, body: object) => request(stack.app).put(url).set('authorization', token).send(body),
  patch: (url: string, body: object) => request(stack.app).patch(url).set('authorization', token).send(body),
});
const signIn = async (username: string, password: string, app = stack.app) => {
  const res = await request(app).post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: `Bearer ${res.body.token}`, body: res.body };
};
const idOf = async (username: string) => (await stack.database.db.select().from(users).where(eq(users.username, username)))[0].id;

/** A street with a community and a grid, created by the system administrator; returns their ids. */
async function newStreet(admin: string, name: string, gridCode: string) {
  const street = await as(admin).post('/api/org-units', { kind: 'street', name, parentId: 'district' });
  expect(street.status).toBe(201);
  const community = await as(admin).post('/api/org-units', { kind: 'community', name: `${name}社区`, parentId: street.body.id });
  const grid = await as(admin).post('/api/org-units', { kind: 'grid', name: `${name}第一网格`, parentId: community.body.id, code: gridCode });
  expect([community.status, grid.status]).toEqual([201, 201]);
  return { street: street.body.id as string, community: community.body.id as string, grid: grid.body.id as string };
}

/** A new account made by the system administrator and given roles by the security administrator; signed in, password changed. */
async function newUser(username: string, orgUnitId: string, roles: string[]) {
  const admin = await stack.login('admin');
  const created = await as(admin).post('/api/users', { username, name: '新同事', orgUnitId, password: 'First-Pass-2026' });
  expect(created.status).toBe(201);
  const granted = await as(await stack.login('security_admin')).put(`/api/users/${created.body.id}/roles`, { roles });
  expect(granted.status).toBe(200);
  const first = await signIn(username, 'First-Pass-2026');
  expect((await as(first.token).post('/api/auth/password', { currentPassword: 'First-Pass-2026', newPassword: GOOD })).status).toBe(200);
  return { id: created.body.id as string, token: first.token };
}

describe('三员分立', () => {
  test('two administrator roles on one account, or an administrator role beside a case role, are refused and nothing changes', async () => {
    const sec = await stack.login('security_admin');
    const target = await idOf('auditor');
    for (const roles of [['admin', 'security_admin'], ['security_admin', 'audit_admin'], ['admin', 'dispatcher']]) {
      const res = await as(sec).put(`/api/users/${target}/roles`, { roles });
      expect({ roles, status: res.status, code: res.body.error?.code }).toEqual({ roles, status: 403, code: 'SEPARATION_OF_DUTIES' });
    }
    expect((await stack.database.db.select().from(users).where(eq(users.id, target)))[0].roles).toEqual(['auditor']);
  });

  test('each administrator does only their part: roles are the security administrator\'s, units and users the system administrator\'s', async () => {
    const [admin, sec, audit] = [await stack.login('admin'), await stack.login('security_admin'), await stack.login('audit_admin')];
    const target = await idOf('verifier');
    expect((await as(admin).put(`/api/users/${target}/roles`, { roles: ['verifier', 'approver'] })).status).toBe(403);
    expect((await as(audit).put(`/api/users/${target}/roles`, { roles: ['verifier', 'approver'] })).status).toBe(403);
    expect((await as(sec).post('/api/org-units', { kind: 'street', name: '越权街道', parentId: 'district' })).status).toBe(403);
    expect((await as(audit).post('/api/users', { username: 'sneaky', name: 'x', orgUnitId: 'district', password: 'Sneaky-Pass-2026' })).status).toBe(403);
    // Nobody administers their own account.
    expect((await as(sec).put(`/api/users/${await idOf('security_admin')}/roles`, { roles: ['security_admin', 'auditor'] })).status).toBe(403);
  });

  test('the security and audit administrators see no case; none of the three may start one', async () => {
    const caseId = await startCase(stack, gridReport());
    for (const who of ['security_admin', 'audit_admin']) {
      const token = await stack.login(who);
      expect((await as(token).get(`/api/instances/${caseId}`)).status).toBe(404);
      expect((await as(token).get('/api/instances')).body.items).toEqual([]);
    }
    for (const who of ['admin', 'security_admin', 'audit_admin']) {
      expect((await as(await stack.login(who)).post('/api/processes/whistle-escalation/instances', { input: gridReport() })).status).toBe(403);
    }
  });
  test('an administrator refused by 三员分立 is in the security log, once per attempt within the fold window, for the audit administrator', async () => {
    const [admin, audit] = [await stack.login('admin'), await stack.login('audit_admin')];
    for (let i = 0; i < 3; i++) {
      expect((await as(admin).post('/api/processes/whistle-escalation/instances', { input: gridReport() })).status).toBe(403);
    }
    const target = await idOf('window_clerk');
    expect((await as(audit).patch(`/api/users/${target}`, { name: '改名' })).status).toBe(403);
    // A clerk's refusal is the case audit's business (or nobody's), not the administrators' log.
    expect((await as(await stack.login('dispatcher')).post('/api/org-units', { kind: 'street', name: '越权', parentId: 'district' })).status).toBe(403);
    const log = await as(audit).get('/api/admin/security-log?event=administratorRefused');
    expect(log.status).toBe(200);
    const lines = log.body.items.map((i: { actor: { id: string }; data: { attempt: string; code: string } }) => ({ by: i.actor.id, attempt: i.data.attempt, code: i.data.code }));
    const [adminId, auditId] = [await idOf('admin'), await idOf('audit_admin')];
    expect(lines).toEqual(expect.arrayContaining([
      { by: adminId, attempt: 'POST /api/processes/whistle-escalation/instances', code: 'FORBIDDEN' },
      { by: auditId, attempt: `PATCH /api/users/${target}`, code: 'FORBIDDEN' },
    ]));
    expect(lines.filter((l: { by: string; attempt: string }) => l.by === adminId && l.attempt === 'POST /api/processes/whistle-escalation/instances')).toHaveLength(1);
    const dispatcherId = await idOf('dispatcher');
    expect(lines.some((l: { by: string }) => l.by === dispatcherId)).toBe(false);
    const byAudit = log.body.items.find((i: { data: { attempt: string } }) => i.data.attempt.startsWith('PATCH'));
    expect(byAudit).toMatchObject({ actor: { id: auditId, name: expect.any(String) }, data: { roles: ['audit_admin'] } });
    expect((await as(admin).get('/api/admin/security-log?event=administratorRefused')).status).toBe(403);
  });
});

describe('the security log', () => {
  test('a role grant is logged with before and after, hash-chained, and only the audit administrator reads or exports it', async () => {
    const sec = await stack.login('security_admin');
    const target = await idOf('approver');
    expect((await as(sec).put(`/api/users/${target}/roles`, { roles: ['approver', 'verifier'] })).status).toBe(200);
    const audit = await stack.login('audit_admin');
    const log = await as(audit).get('/api/admin/security-log?event=rolesChanged');
    expect(log.status).toBe(200);
    const entry = log.body.items.find((i: { target: { id: string } }) => i.target.id === target);
    expect(entry).toMatchObject({ event: 'rolesChanged', actor: { name: '严安全' }, data: { before: { roles: ['approver'] }, after: { roles: ['approver', 'verifier'] } } });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const who of ['admin', 'security_admin', 'auditor', 'district_leader']) {
      const token = await stack.login(who);
      expect({ who, read: (await as(token).get('/api/admin/security-log')).status, csv: (await as(token).get('/api/admin/security-log/export')).status })
        .toEqual({ who, read: 403, csv: 403 });
    }
    const csv = await as(audit).get('/api/admin/security-log/export');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('rolesChanged');
    expect((await as(audit).get('/api/admin/security-log/verify')).body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  test('sign-ins and failures are logged, the log refuses to be edited, and each user reads their own sign-in history', async () => {
    await request(stack.app).post('/api/auth/login').send({ username: 'shift_chief', password: 'wrong-password' });
    const [failure] = await stack.database.db.select().from(securityEvents).where(eq(securityEvents.event, 'signInFailed'));
    expect(failure.data).toMatchObject({ username: 'shift_chief', reason: 'password' });
    await expect(stack.database.db.update(securityEvents).set({ event: 'nothing' }).where(eq(securityEvents.seq, failure.seq))).rejects.toThrow();
    await expect(stack.database.db.delete(securityEvents).where(eq(securityEvents.seq, failure.seq))).rejects.toThrow();
    const mine = await as(await stack.login('shift_chief')).get('/api/auth/sign-ins');
    expect(mine.body.items.map((i: { event: string }) => i.event)).toEqual(expect.arrayContaining(['signInFailed', 'signedIn']));
  });
});

describe('passwords and sessions', () => {
  test('a new account must change its password first, by the rules, before anything else', async () => {
    const admin = await stack.login('admin');
    const weak = await as(admin).post('/api/users', { username: 'weakling', name: '弱口令', orgUnitId: 'street-a', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toBe('password');
    const created = await as(admin).post('/api/users', { username: 'newbie', name: '新人', orgUnitId: 'street-a', password: 'Start-Here-2026' });
    expect(created.status).toBe(201);
    expect((await as(admin).post('/api/users', { username: 'newbie', name: '重名', orgUnitId: 'street-a', password: 'Start-Here-2026' })).status).toBe(409);
    const first = await signIn('newbie', 'Start-Here-2026');
    expect(first.body.mustChangePassword).toBe(true);
    const blocked = await as(first.token).get('/api/tasks');
    expect([blocked.status, blocked.body.error.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    for (const [newPassword, why] of [['newbie-Pass-2026', 'user name'], ['alllowercase', 'classes'], ['Sh0rt!', 'length']]) {
      const res = await as(first.token).post('/api/auth/password', { currentPassword: 'Start-Here-2026', newPassword });
      expect({ why, status: res.status, path: res.body.error?.details?.[0]?.path }).toEqual({ why, status: 400, path: 'newPassword' });
    }
    expect((await as(first.token).post('/api/auth/password', { currentPassword: 'Start-Here-2026', newPassword: 'Fresh-Start-2026' })).status).toBe(200);
    expect((await as(first.token).get('/api/tasks')).status).toBe(200);
  });

  test('logout ends the token at once, in this API process and in another', async () => {
    const other = apiProcess();
    const { token } = await signIn('window_clerk', DEMO_PASSWORD);
    expect((await request(other).get('/api/me').set('authorization', token)).status).toBe(200);
    expect((await as(token).post('/api/auth/logout')).status).toBe(200);
    expect((await as(token).get('/api/me')).status).toBe(401);
    expect((await request(other).get('/api/me').set('authorization', token)).status).toBe(401);
  });

  test('a deactivated user\'s token is refused on the next request, and their open tasks go back to the pool, visibly', async () => {
    const { grid } = await newStreet(await stack.login('admin'), '临时街道', 'G-TMP-01');
    const worker = await newUser('tmp_grid_worker', grid, ['grid_worker']);
    const clerk = await newUser('tmp_community', (await as(await stack.login('admin')).get('/api/org-units')).body.find((u: { name: string }) => u.name === '临时街道社区').id, ['community_staff']);
    const other = apiProcess();
    const started = await as(worker.token).post('/api/processes/whistle-escalation/instances', { input: gridReport({ gridCode: 'G-TMP-01' }) });
    expect(started.status).toBe(201);
    const task = await stack.openTask(started.body.instanceId, WhistleStep.CommunityHandle);
    expect((await as(clerk.token).post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    expect((await request(other).get('/api/me').set('authorization', clerk.token)).status).toBe(200);
    const off = await as(await stack.login('admin')).patch(`/api/users/${clerk.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.tasksReturnedToPool).toEqual([task.id]);
    expect((await as(clerk.token).get('/api/me')).status).toBe(401);
    expect((await request(other).get('/api/me').set('authorization', clerk.token)).status).toBe(401);
    expect((await stack.database.db.select().from(tasks).where(eq(tasks.id, task.id)))[0].assigneeId).toBeNull();
    const trail = await as(await stack.login('auditor')).get(`/api/instances/${started.body.instanceId}/audit`);
    expect(trail.body.events.at(-1)).toMatchObject({ action: 'returnedToPool', data: { taskId: task.id, heldBy: { id: clerk.id }, reason: 'deactivated' } });
  });

  test('a session ends after the idle limit and at the absolute limit', async () => {
    let now = Date.now();
    const app = apiProcess({ sessionLimits: { idleMs: 60_000, absoluteMs: 5 * 60_000 }, wallClock: () => now });
    const { token } = await signIn('verifier', DEMO_PASSWORD, app);
    now += 50_000;
    expect((await request(app).get('/api/me').set('authorization', token)).status).toBe(200);
    now += 61_000;
    const idle = await request(app).get('/api/me').set('authorization', token);
    expect([idle.status, idle.body.error.message]).toEqual([401, expect.stringContaining('分钟无操作')]);
    const again = await signIn('verifier', DEMO_PASSWORD, app);
    for (let i = 0; i < 5; i++) {
      now += 50_000;
      const res = await request(app).get('/api/me').set('authorization', again.token);
      expect({ i, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ i, status: 200, body: null });
    }
    now += 50_000;
    const late = await request(app).get('/api/me').set('authorization', again.token);
    expect([late.status, late.body.error.message]).toEqual([401, expect.stringContaining('登录已达时限')]);
  });

  test('a security administrator\'s reset ends the sessions and forces a change; a role change applies on the next request', async () => {
    const sec = await stack.login('security_admin');
    const user = await newUser('reset_me', 'street-a', ['window_clerk']);
    expect((await as(user.token).get('/api/licensing/licences?creditCode=91330106MA2H00001E')).status).toBe(200);
    expect((await as(sec).put(`/api/users/${user.id}/roles`, { roles: ['verifier'] })).status).toBe(200);
    expect((await as(user.token).get('/api/me')).body.roles).toEqual(['verifier']);
    expect((await as(sec).post(`/api/users/${user.id}/password-reset`, { password: 'Reset-By-Sec-1' })).status).toBe(200);
    expect((await as(user.token).get('/api/me')).status).toBe(401);
    expect((await signIn('reset_me', 'Reset-By-Sec-1')).body.mustChangePassword).toBe(true);
  });
});

describe('the unit tree', () => {
  test('a leader of a new street sees that street\'s cases and no other; the district sees them too', async () => {
    const admin = await stack.login('admin');
    const { street, grid } = await newStreet(admin, '新城街道', 'G-NEW-01');
    const worker = await newUser('new_grid_worker', grid, ['grid_worker']);
    const leader = await newUser('new_street_auditor', street, ['auditor']);
    const started = await as(worker.token).post('/api/processes/whistle-escalation/instances', { input: gridReport({ gridCode: 'G-NEW-01' }) });
    expect(started.status).toBe(201);
    const elsewhere = await startCase(stack, gridReport());
    const seen = (await as(leader.token).get('/api/instances?limit=200')).body.items.map((i: { instanceId: string }) => i.instanceId);
    expect(seen).toEqual([started.body.instanceId]);
    expect((await as(leader.token).get(`/api/instances/${elsewhere}`)).status).toBe(404);
    expect((await as(await stack.login('auditor')).get(`/api/instances/${started.body.instanceId}`)).status).toBe(200);
  });

  test('units hang only where their kind belongs; grid codes are unique; a unit with people is not deactivated', async () => {
    const admin = await stack.login('admin');
    const wrong = await as(admin).post('/api/org-units', { kind: 'grid', name: '错位网格', parentId: 'street-a', code: 'G-X-01' });
    expect([wrong.status, wrong.body.error.details[0].path]).toEqual([400, 'parentId']);
    const dup = await as(admin).post('/api/org-units', { kind: 'grid', name: '重码网格', parentId: 'community-a1', code: 'G-A1-01' });
    expect([dup.status, dup.body.error.details[0].path]).toEqual([409, 'code']);
    const busy = await as(admin).patch('/api/org-units/community-a1', { active: false });
    expect(busy.status).toBe(409);
    const renamed = await as(admin).patch('/api/org-units/community-a2', { name: '湖滨新社区' });
    expect(renamed.body).toMatchObject({ name: '湖滨新社区' });
  });
});

describe('TOTP', () => {
  test('in production an administrator enrols a second factor before anything else, and then signs in with it', async () => {
    const prod = apiProcess({ production: true });
    const first = await signIn('audit_admin', DEMO_PASSWORD, prod);
    expect(first.body.totpRequired).toBe(true);
    const blocked = await request(prod).get('/api/admin/security-log').set('authorization', first.token);
    expect([blocked.status, blocked.body.error.code]).toEqual([403, 'TOTP_ENROLMENT_REQUIRED']);
    expect((await request(prod).post('/api/auth/totp/enroll').set('authorization', first.token).send({ password: 'wrong' })).status).toBe(400);
    const enrol = await request(prod).post('/api/auth/totp/enroll').set('authorization', first.token).send({ password: DEMO_PASSWORD });
    expect(enrol.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect((await request(prod).post('/api/auth/totp/confirm').set('authorization', first.token).send({ code: '000000' })).status).toBe(400);
    const confirmed = await request(prod).post('/api/auth/totp/confirm').set('authorization', first.token).send({ code: totpCode(enrol.body.secret, Date.now()) });
    expect(confirmed.status).toBe(200);
    expect((await request(prod).get('/api/admin/security-log').set('authorization', first.token)).status).toBe(200);
    const without = await request(prod).post('/api/auth/login').send({ username: 'audit_admin', password: DEMO_PASSWORD });
    expect([without.status, without.body.error.code]).toEqual([401, 'TOTP_REQUIRED']);
    // The code that confirmed the enrolment is spent; the authenticator's next one (accepted for clock drift) signs in.
    const withCode = await request(prod).post('/api/auth/login').send({ username: 'audit_admin', password: DEMO_PASSWORD, totp: totpCode(enrol.body.secret, Date.now() + 30_000) });
    expect(withCode.status).toBe(200);
    // Outside production a clerk may enrol too; nobody is made to.
    expect((await signIn('dispatcher', DEMO_PASSWORD)).body.totpRequired).toBe(false);
  });
  test('a one-time code is good once: the same code, or one of an earlier step, is refused and logged', async () => {
    const STEP = 30_000;
    let now = Math.floor(Date.now() / STEP) * STEP + 5_000;
    const app = apiProcess({ wallClock: () => now });
    const user = await newUser('totp_twice', 'street-a', ['window_clerk']);
    const enrol = await request(app).post('/api/auth/totp/enroll').set('authorization', user.token).send({ password: GOOD });
    const code = (at: number) => totpCode(enrol.body.secret, at);
    expect((await request(app).post('/api/auth/totp/confirm').set('authorization', user.token).send({ code: code(now) })).status).toBe(200);
    const login = (totp: string) => request(app).post('/api/auth/login').send({ username: 'totp_twice', password: GOOD, totp });
    const reused = await login(code(now));
    expect([reused.status, reused.body.error.code, reused.body.error.details[0]]).toEqual([401, 'TOTP_REQUIRED', { path: 'totp', message: 'already used' }]);
    expect((await login(code(now + STEP))).status).toBe(200);
    expect((await login(code(now + STEP))).status).toBe(401);
    expect((await login(code(now))).status).toBe(401);
    now += 2 * STEP;
    expect((await login(code(now))).status).toBe(200);
    const failures = await stack.database.db.select().from(securityEvents).where(eq(securityEvents.event, 'signInFailed'));
    expect(failures.filter((f) => f.targetId === user.id).map((f) => f.data.reason)).toEqual(['totpReused', 'totpReused', 'totpReused']);
  });
});

describe('CSV import', () => {
  const csv = (token: string, text: string, dryRun: boolean) => request(stack.app).post(`/api/admin/import${dryRun ? '?dryRun=true' : ''}`)
    .set('authorization', token).set('content-type', 'text/csv').send(text);

  test('a dry run reports per-row errors and writes nothing; a clean file imports units and then users, all or nothing', async () => {
    const admin = await stack.login('admin');
    const units = 'kind,name,parent,code\nstreet,导入街道,district,S-IMP\ncommunity,导入社区,S-IMP,C-IMP\ngrid,导入网格,C-IMP,G-IMP-01\ngrid,错位网格,S-IMP,G-IMP-02\n';
    const dry = await csv(admin, units, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ kind: 'units', created: 3, dryRun: true, errors: [{ row: 5, field: 'parent' }] });
    const refused = await csv(admin, units, false);
    expect([refused.status, refused.body.error.details[0].path]).toEqual([400, 'rows.5.parent']);
    expect((await as(admin).get('/api/org-units')).body.some((u: { code: string }) => u.code === 'S-IMP')).toBe(false);
    const done = await csv(admin, units.split('\n').slice(0, 4).join('\n'), false);
    expect(done.body).toMatchObject({ created: 3, updated: 0, errors: [] });
    const people = await csv(admin, 'username,name,unit,password\nimp_worker,导入网格员,G-IMP-01,Import-Pass-2026\nimp_weak,弱口令,G-IMP-01,short\n', true);
    expect(people.body).toMatchObject({ kind: 'users', created: 1 });
    expect(people.body.errors.map((e: { row: number; field: string }) => `${e.row} ${e.field}`)).toEqual(['3 password', '3 password']);
    expect((await csv(await stack.login('security_admin'), 'username,name,unit,password\nx1,某,G-IMP-01,Import-Pass-2026\n', true)).status).toBe(403);
  });
});
