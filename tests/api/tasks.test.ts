// The clerk's path through the API: start a case, find it in the inbox with a working-day due time, claim,
// act; and every way a client can get an action wrong answered with the right status and nothing recorded.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eq, and } from 'drizzle-orm';
import { auditEvents, tasks, users } from '../../db/schema';
import { hashPassword } from '../../db/passwords';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { createTestStack, type TestStack } from '../support/test-stack';
import { act, audit, gridReport, instance, startCase } from '../support/whistle';
import { asSuperuserBypassingTriggers } from '../support/tamper';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
  await stack.database.db.insert(users).values({
    id: 'u-community-2', username: 'community_staff2', name: '第二社工', passwordHash: await hashPassword('demo123'),
    roles: ['community_staff'], orgUnitId: 'community-a1',
  });
});
afterAll(async () => { await stack?.close(); });

const start = (input: Record<string, unknown>, as = 'grid_worker') => stack.login(as).then((auth) =>
  request(stack.app).post('/api/processes/whistle-escalation/instances').set('authorization', auth).send({ input }));

describe('starting a case', () => {
  test('invalid input is 400 naming each bad field', async () => {
    const res = await start({ source: 'grid', category: 'road-damage' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['input.gridCode', 'input.location', 'input.description']));
  });
  test('an unknown grid code or category is 400 naming the field', async () => {
    expect((await start(gridReport({ gridCode: 'G-NOPE' }))).body.error.details[0].path).toBe('input.gridCode');
    expect((await start(gridReport({ category: 'nope' }))).body.error.details[0].path).toBe('input.category');
  });
  test('a hotline order needs its requester', async () => {
    const res = await start({ ...gridReport(), source: 'hotline' }, 'dispatcher');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('input.requester');
  });
  test('a role that does not start this process is 403', async () => {
    expect((await start(gridReport(), 'community_staff')).status).toBe(403);
  });
  test("a grid outside the reporter's area is 403", async () => {
    expect((await start(gridReport(), 'grid_worker_b')).status).toBe(403);
  });
  test('a refused start writes no instance', async () => {
    const before = (await request(stack.app).get('/api/instances').set('authorization', await stack.login('auditor'))).body.items.length;
    await start(gridReport({ gridCode: 'G-NOPE' }));
    const after = (await request(stack.app).get('/api/instances').set('authorization', await stack.login('auditor'))).body.items.length;
    expect(after).toBe(before);
  });
});

describe('the inbox', () => {
  test('shows the new case to the community with a working-day due time', async () => {
    const id = await startCase(stack, gridReport());
    const task = await stack.openTask(id, WhistleStep.CommunityHandle);
    const res = await request(stack.app).get('/api/tasks?scope=available').set('authorization', await stack.login('community_staff'));
    const item = res.body.items.find((t: { taskId: string }) => t.taskId === task.id);
    expect(item).toMatchObject({
      instanceId: id, stepId: WhistleStep.CommunityHandle, role: 'community_staff', orgUnitId: 'community-a1', status: 'open',
      actions: ['resolve', 'whistle'], timeLimit: { amount: 1, unit: 'workingDays' }, overdue: false,
    });
    expect(item.dueAt).toMatch(/T17:30:00\.000\+08:00$/);
    const other = await request(stack.app).get('/api/tasks?scope=available').set('authorization', await stack.login('community_staff_b'));
    expect(other.body.items.some((t: { taskId: string }) => t.taskId === task.id)).toBe(false);
  });

  test('pages by due time with a cursor and no repeats', async () => {
    for (let i = 0; i < 3; i++) await stack.openTask(await startCase(stack, gridReport({ description: `分页 ${i}` })), WhistleStep.CommunityHandle);
    const open = await stack.database.db.select().from(tasks).where(eq(tasks.status, 'open'));
    const auth = await stack.login('auditor');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(stack.app).get(`/api/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`).set('authorization', auth);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((t: { taskId: string }) => t.taskId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(open.map((t) => t.id).sort());
  });
});

describe('acting on a task', () => {
  test('completing advances the case and names the task it opened; completing twice is 409 with one audit row', async () => {
    const id = await startCase(stack, gridReport());
    const task = await stack.openTask(id, WhistleStep.CommunityHandle);
    const first = await act(stack, 'community_staff', task.id, 'resolve', { result: '已修复', photos: ['after.jpg'] });
    expect(first.status).toBe(200);
    // The answer names the field check the completion opened, as the inbox row shows it: no polling needed
    const check = await stack.openTask(id, WhistleStep.FieldCheck);
    expect(first.body).toEqual({
      taskId: task.id, status: 'completed',
      next: [{ taskId: check.id, stepId: WhistleStep.FieldCheck, name: check.name, role: 'grid_worker', orgUnitId: check.orgUnitId, dueAt: check.dueAt.toISOString() }],
    });
    const second = await act(stack, 'community_staff', task.id, 'resolve', { result: '再次提交', photos: ['after.jpg'] });
    expect(second.status).toBe(409);
    expect((await audit(stack, id)).filter((e) => e.action === 'resolve')).toHaveLength(1);
    expect((await instance(stack, id)).currentSteps.map((s: { stepId: string }) => s.stepId)).toEqual([WhistleStep.FieldCheck]);
  });

  test('a task open in the inbox that the workflow does not hold is sent again until its row closes, then answered 409', async () => {
    // After a worker dies between a step's commit and its workflow task, the next worker can judge a clerk's Update
    // before the decision that opens the task replayed. Here a row the workflow will never hold stands in for that
    // moment: while it is open the API keeps sending; once it closes the clerk gets the workflow's 409.
    const id = await startCase(stack, gridReport());
    const task = await stack.openTask(id, WhistleStep.CommunityHandle);
    const [row] = await stack.database.db.select().from(tasks).where(eq(tasks.id, task.id));
    const unknownId = randomUUID();
    await stack.database.db.insert(tasks).values({ ...row, id: unknownId });
    let answered = false;
    const pending = act(stack, 'community_staff', unknownId, 'resolve', { result: '已修复', photos: ['after.jpg'] })
      .then((res) => { answered = true; return res; });
    await new Promise((resolve) => { setTimeout(resolve, 1500); });
    expect(answered).toBe(false);
    await stack.database.db.update(tasks).set({ status: 'cancelled' }).where(eq(tasks.id, unknownId));
    const res = await pending;
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', message: '此任务已不是当前环节' });
    // The case's own task is untouched and nothing was recorded for the stand-in
    expect((await audit(stack, id)).filter((e) => e.action === 'resolve')).toHaveLength(0);
    expect((await instance(stack, id)).currentSteps.map((s: { taskId: string }) => s.taskId)).toEqual([task.id]);
  });

  test('100 concurrent completions of one task: exactly one succeeds, the rest are 409, one audit row', async () => {
    const id = await startCase(stack, gridReport());
    const task = await stack.openTask(id, WhistleStep.CommunityHandle);
    await stack.login('community_staff');
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => act(stack, 'community_staff', task.id, 'resolve', { result: `并发 ${i}`, photos: ['after.jpg'] })));
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(99).fill(409)]);
    const rows = await stack.database.db.select().from(auditEvents).where(and(eq(auditEvents.instanceId, id), eq(auditEvents.action, 'resolve')));
    expect(rows).toHaveLength(1);
  });

  test('a retry with the same Idempotency-Key gets the first answer, not a second decision; a malformed key is 400', async () => {
    const id = await startCase(stack, gridReport());
    const task = await stack.openTask(id, WhistleStep.CommunityHandle);
    const send = async (key: string) => request(stack.app).post(`/api/tasks/${task.id}/actions`)
      .set('authorization', await stack.login('community_staff')).set('idempotency-key', key).send({ action: 'resolve', data: { result: '已修复', photos: ['after.jpg'] } });
    const bad = await send('no spaces allowed');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    const [first, again] = await Promise.all([send('retry-key-0001'), send('retry-key-0001')]);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect((await send('retry-key-0001')).body).toEqual(first.body);
    expect((await send('another-key-0002')).status).toBe(409);
    expect((await audit(stack, id)).filter((e) => e.action === 'resolve')).toHaveLength(1);
  });

  test('an unknown action is 400 naming "action"; invalid data is 400 naming the data field', async () => {
    const id = await startCase(stack, gridReport());
    const task = await stack.openTask(id, WhistleStep.CommunityHandle);
    const unknown = await act(stack, 'community_staff', task.id, 'explode');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('action');
    const invalid = await act(stack, 'community_staff', task.id, 'resolve', { result: 42, photos: ['after.jpg'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].path).toBe('data.result');
    const extra = await act(stack, 'community_staff', task.id, 'whistle', { reason: '需要', sneaky: true });
    expect(extra.status).toBe(400);
    expect((await audit(stack, id)).map((e) => e.action)).toEqual(['start', 'open']);
  });

  test('a task of another org is 403; a role that does not handle the step is 403', async () => {
    const id = await startCase(stack, gridReport());
    const task = await stack.openTask(id, WhistleStep.CommunityHandle);
    expect((await act(stack, 'community_staff_b', task.id, 'resolve', { result: 'x', photos: ['after.jpg'] })).status).toBe(403);
    expect((await act(stack, 'grid_worker', task.id, 'resolve', { result: 'x', photos: ['after.jpg'] })).status).toBe(403);
    expect((await act(stack, 'auditor', task.id, 'resolve', { result: 'x', photos: ['after.jpg'] })).status).toBe(403);
  });

  test('a claimed task belongs to its holder: others get 409, acting on an unclaimed task claims it', async () => {
    const id = await startCase(stack, gridReport());
    const task = await stack.openTask(id, WhistleStep.CommunityHandle);
    const claim = await request(stack.app).post(`/api/tasks/${task.id}/claim`).set('authorization', await stack.login('community_staff2'));
    expect(claim.status).toBe(200);
    expect(claim.body.assigneeId).toBe('u-community-2');
    const stolen = await request(stack.app).post(`/api/tasks/${task.id}/claim`).set('authorization', await stack.login('community_staff'));
    expect(stolen.status).toBe(409);
    expect((await act(stack, 'community_staff', task.id, 'resolve', { result: 'x', photos: ['after.jpg'] })).status).toBe(409);
    const mine = await request(stack.app).get('/api/tasks?scope=mine').set('authorization', await stack.login('community_staff2'));
    expect(mine.body.items.map((t: { taskId: string }) => t.taskId)).toContain(task.id);
    expect((await act(stack, 'community_staff2', task.id, 'resolve', { result: '已修复', photos: ['after.jpg'] })).status).toBe(200);

    const id2 = await startCase(stack, gridReport());
    const unclaimed = await stack.openTask(id2, WhistleStep.CommunityHandle);
    await act(stack, 'community_staff', unclaimed.id, 'resolve', { result: '已修复', photos: ['after.jpg'] });
    const done = await request(stack.app).get(`/api/tasks/${unclaimed.id}`).set('authorization', await stack.login('community_staff'));
    expect(done.body).toMatchObject({ status: 'completed', assigneeId: expect.any(String), completedBy: expect.any(String) });
  });

  test('a tampered audit row makes verify fail at that seq', async () => {
    const id = await startCase(stack, gridReport());
    await stack.openTask(id, WhistleStep.CommunityHandle);
    const auth = await stack.login('auditor');
    expect((await request(stack.app).get(`/api/instances/${id}/audit/verify`).set('authorization', auth)).body).toMatchObject({ ok: true, events: 2, firstBrokenSeq: null });
    await asSuperuserBypassingTriggers(stack.database.db, (tx) => tx.update(auditEvents).set({ data: { forged: true } }).where(and(eq(auditEvents.instanceId, id), eq(auditEvents.seq, 2))));
    expect((await request(stack.app).get(`/api/instances/${id}/audit/verify`).set('authorization', auth)).body).toMatchObject({
      ok: false, events: 2, firstBrokenSeq: 2, breaks: [expect.objectContaining({ kind: 'altered', seq: 2 })],
    });
  });
});

describe('the task page', () => {
  test('describes each action as a form with its JSON Schema', async () => {
    const id = await startCase(stack, gridReport());
    const task = await stack.openTask(id, WhistleStep.CommunityHandle);
    const res = await request(stack.app).get(`/api/tasks/${task.id}`).set('authorization', await stack.login('community_staff'));
    expect(res.status).toBe(200);
    expect(res.body.forms.map((f: { action: string }) => f.action)).toEqual(['resolve', 'whistle']);
    const resolve = res.body.forms[0];
    expect(resolve).toMatchObject({ label: '办结反馈', keepsOpen: false });
    // The after-photo is required in the form too, so the web app asks for it before sending.
    expect(resolve.schema).toMatchObject({ type: 'object', required: ['result', 'photos'], properties: { result: { type: 'string', minLength: 1 }, photos: { type: 'array', minItems: 1 } } });
  });
});
