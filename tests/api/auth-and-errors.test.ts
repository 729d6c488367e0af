// Authentication and the error contract: 401 for missing or bad credentials, 400 naming the field, never a 500.
import request from 'supertest';
import { createTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

test('health reports the database and Temporal', async () => {
  const res = await request(stack.app).get('/api/health');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'ok', temporal: 'ok', db: 'ok' });
});

test('a demo user signs in and gets a token and their roles', async () => {
  const res = await request(stack.app).post('/api/auth/login').send({ username: 'community_staff', password: 'demo123' });
  expect(res.status).toBe(200);
  expect(res.body.user).toMatchObject({ username: 'community_staff', roles: ['community_staff'], orgUnitId: 'community-a1' });
  expect(typeof res.body.token).toBe('string');
});

test('a wrong password is 401 and says nothing about which part was wrong', async () => {
  for (const body of [{ username: 'community_staff', password: 'nope' }, { username: 'nobody', password: 'demo123' }]) {
    const res = await request(stack.app).post('/api/auth/login').send(body);
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'UNAUTHENTICATED', message: '用户名或密码错误', details: [] });
  }
});

test('a login without a password is 400 naming the field', async () => {
  const res = await request(stack.app).post('/api/auth/login').send({ username: 'x' });
  expect(res.status).toBe(400);
  expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'password' })]);
});

test('no token or a forged token is 401', async () => {
  expect((await request(stack.app).get('/api/tasks')).status).toBe(401);
  const forged = await request(stack.app).get('/api/tasks').set('authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x');
  expect(forged.status).toBe(401);
  expect(forged.body.error.code).toBe('UNAUTHENTICATED');
});

test('malformed JSON is 400', async () => {
  const res = await request(stack.app).post('/api/processes/whistle-escalation/instances')
    .set('authorization', await stack.login('grid_worker')).set('content-type', 'application/json').send('{"input": {');
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION');
});

test('unknown routes and ids are 404 in the error format', async () => {
  const auth = await stack.login('auditor');
  for (const path of ['/api/nothing-here', '/api/instances/WE-NOPE', '/api/tasks/nope', '/api/processes/nope', '/api/catalogs/nope']) {
    const res = await request(stack.app).get(path).set('authorization', auth);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  }
});

test('the API\'s own refusals are in Chinese unless the client asks for English, details and all', async () => {
  const auth = await stack.login('auditor');
  const zh = await request(stack.app).get('/api/instances/WE-NOPE').set('authorization', auth);
  expect(zh.body.error).toEqual({ code: 'NOT_FOUND', message: '没有案件 WE-NOPE', details: [] });
  const en = await request(stack.app).get('/api/instances/WE-NOPE').set('authorization', auth).set('accept-language', 'en-GB,en;q=0.9');
  expect(en.body.error).toEqual({ code: 'NOT_FOUND', message: 'no instance WE-NOPE', details: [] });
  const start = await request(stack.app).post('/api/processes/inspection-penalty/instances').set('authorization', await stack.login('grid_worker')).send({ input: {} });
  expect([start.status, start.body.error.message]).toEqual([403, '发起“查处分离”须具备以下角色之一：综合执法队员']);
});

test('wrong-typed query parameters are 400, not 500', async () => {
  const auth = await stack.login('auditor');
  const cases = ['/api/tasks?limit=abc', '/api/tasks?scope=everything', '/api/instances?cursor=garbage', '/api/instances?status=weird', '/api/users?role=king'];
  for (const path of cases) {
    const res = await request(stack.app).get(path).set('authorization', auth);
    expect({ path, status: res.status }).toEqual({ path, status: 400 });
  }
});

test('the OpenAPI document describes the contract paths', async () => {
  const res = await request(stack.app).get('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe('3.1.0');
  expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining([
    '/api/auth/login', '/api/processes', '/api/processes/{key}', '/api/processes/whistle-escalation/instances',
    '/api/instances', '/api/instances/{id}/audit', '/api/instances/{id}/audit/verify', '/api/tasks',
    '/api/tasks/{taskId}/claim', '/api/tasks/{taskId}/actions', '/api/health', '/api/catalogs/{name}', '/api/org-units',
  ]));
  const start = res.body.paths['/api/processes/whistle-escalation/instances'].post;
  expect(JSON.stringify(start.requestBody)).toContain('gridCode');
});

test('org units and users are listed for assigners', async () => {
  const auth = await stack.login('dispatcher');
  const units = (await request(stack.app).get('/api/org-units').set('authorization', auth)).body as Array<{ kind: string }>;
  expect(units.filter((u) => u.kind === 'street')).toHaveLength(2);
  expect(units.filter((u) => u.kind === 'department')).toHaveLength(5);
  const handlers = (await request(stack.app).get('/api/users?role=dept_handler').set('authorization', auth)).body as Array<{ username: string }>;
  expect(handlers.map((u) => u.username).sort()).toEqual(['dept_handler', 'dept_handler2']);
});
