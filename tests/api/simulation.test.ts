// Simulation mode: admins advance the time-skipping server's clock over the API, and deadlines fire.
import request from 'supertest';
import { createApp } from '../../api/app';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { addDays, dayInfo } from '../../domain/calendar/official-days';
import { createTestStack, type TestStack } from '../support/test-stack';
import { audit, gridReport, startCase } from '../support/whistle';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

const advance = async (duration: unknown, as = 'admin') =>
  request(stack.app).post('/api/admin/clock/advance').set('authorization', await stack.login(as)).send({ duration });

test('advancing past the community deadline moves the case to street dispatch, which is then supervised when overdue', async () => {
  const id = await startCase(stack, gridReport());
  const task = await stack.openTask(id, WhistleStep.CommunityHandle);
  const before = await stack.temporal.clock.now();
  const res = await advance('P5D');
  expect(res.status).toBe(200);
  expect(new Date(res.body.now).getTime()).toBeGreaterThanOrEqual(before.getTime() + 5 * 86_400_000);
  expect(new Date(res.body.now).getTime()).toBeGreaterThan(task.dueAt.getTime());
  await stack.openTask(id, WhistleStep.Dispatch);
  expect((await audit(stack, id)).map((e) => e.action)).toEqual(expect.arrayContaining(['remind', 'timeout', 'escalate']));
  const inbox = await request(stack.app).get('/api/tasks?scope=available').set('authorization', await stack.login('dispatcher'));
  expect(inbox.body.items.find((t: { instanceId: string }) => t.instanceId === id)).toMatchObject({ stepId: WhistleStep.Dispatch, overdue: true, supervised: true });
});

test('a deadline spanning New Year lands on the first working day after the holiday', async () => {
  const now = await stack.temporal.clock.now();
  let year = now.getUTCFullYear();
  let target = Date.UTC(year, 11, 31, 7, 0); // 15:00 in Shanghai on 31 December
  if (target <= now.getTime()) target = Date.UTC(++year, 11, 31, 7, 0);
  const hours = Math.ceil((target - now.getTime()) / 3_600_000);
  expect((await advance(`PT${hours}H`)).status).toBe(200);

  const id = await startCase(stack, gridReport());
  const task = await stack.openTask(id, WhistleStep.CommunityHandle);
  let expectedDay = `${year + 1}-01-01`;
  do expectedDay = addDays(expectedDay, 1); while (!dayInfo(expectedDay).working);
  const res = await request(stack.app).get(`/api/tasks/${task.id}`).set('authorization', await stack.login('community_staff'));
  expect(res.body.dueAt).toBe(`${expectedDay}T17:30:00.000+08:00`);
  expect(res.body.provisionalDeadline).toBe(!dayInfo(`${year + 1}-01-02`).provisional ? false : true);
});

test('only admins advance the clock, and only by a valid duration', async () => {
  expect((await advance('PT1H', 'dispatcher')).status).toBe(403);
  const bad = await advance('tomorrow');
  expect(bad.status).toBe(400);
  expect(bad.body.error.details[0].path).toBe('duration');
  expect((await advance(5)).status).toBe(400);
});

test('outside simulation mode the clock endpoint does not exist', async () => {
  const normal = createApp({
    db: stack.database.db, temporal: stack.temporal.client, clock: { now: async () => new Date() },
    jwtSecret: 'test-secret-test-secret-test-secret-00', log: () => undefined,
    ping: { db: async () => undefined, temporal: async () => undefined },
  });
  const res = await request(normal).post('/api/admin/clock/advance').set('authorization', await stack.login('admin')).send({ duration: 'PT1H' });
  expect(res.status).toBe(404);
});
