// Designers publish diagram versions and admins edit catalogs; both apply to cases started afterwards only.
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { createTestStack, type TestStack } from '../support/test-stack';
import { complete, gridReport, startCase } from '../support/whistle';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

const committedXml = readFileSync(join(__dirname, '..', '..', 'processes', 'whistle-escalation.bpmn'), 'utf8');
const publish = async (bpmnXml: unknown, as = 'process_designer') =>
  request(stack.app).put('/api/processes/whistle-escalation/diagram').set('authorization', await stack.login(as)).send({ bpmnXml });

test('the process list and detail show the seeded version with its parameters', async () => {
  const auth = await stack.login('process_designer');
  const list = await request(stack.app).get('/api/processes').set('authorization', auth);
  expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'whistle-escalation', name: '吹哨报到', version: 1 })]));
  const detail = await request(stack.app).get('/api/processes/whistle-escalation').set('authorization', auth);
  expect(detail.body.bpmnXml).toContain('Task_CommunityHandle');
  expect(detail.body.parameters[WhistleStep.FieldCheck]).toEqual({ role: 'grid_worker', timeLimit: { amount: 1, unit: 'workingHours' } });
  expect(detail.body.versions).toEqual([expect.objectContaining({ version: 1, createdBy: 'system' })]);
});

test('publishing is refused for non-designers, invalid XML and diagrams that drop a step', async () => {
  expect((await publish(committedXml, 'dispatcher')).status).toBe(403);
  const invalid = await publish('<definitions>not bpmn');
  expect(invalid.status).toBe(400);
  expect(invalid.body.error.details[0].path).toBe('bpmnXml');
  const dropped = await publish(committedXml.replaceAll('Task_FieldCheck', 'Task_Renamed'));
  expect(dropped.status).toBe(400);
  expect(dropped.body.error.details).toContainEqual({ path: 'bpmnXml', message: 'missing flow node Task_FieldCheck' });
  expect((await publish(42)).status).toBe(400);
});

test('a new time limit applies to cases started after publishing; running cases keep theirs', async () => {
  const running = await startCase(stack, gridReport());
  await stack.openTask(running, WhistleStep.CommunityHandle);
  const changed = committedXml.replace(/(id="Task_FieldCheck"[^>]*?shanzhi:timeLimit=")1(")/, '$13$2');
  expect(changed).not.toBe(committedXml);
  const res = await publish(changed);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ version: 2 });

  const later = await startCase(stack, gridReport());
  await complete(stack, running, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已修复', photos: ['after.jpg'] });
  await complete(stack, later, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已修复', photos: ['after.jpg'] });
  expect((await stack.openTask(running, WhistleStep.FieldCheck)).timeLimit).toEqual({ amount: 1, unit: 'workingHours' });
  expect((await stack.openTask(later, WhistleStep.FieldCheck)).timeLimit).toEqual({ amount: 3, unit: 'workingHours' });
  const detail = await request(stack.app).get(`/api/instances/${later}`).set('authorization', await stack.login('auditor'));
  expect(detail.body.processVersion).toBe(2);
});

test('admins edit a catalog entry; issued deadlines do not move, new cases use the new limit', async () => {
  const before = await startCase(stack, gridReport());
  const issued = await stack.openTask(before, WhistleStep.CommunityHandle);
  const auth = await stack.login('admin');
  const categories = (await request(stack.app).get('/api/catalogs/event-categories').set('authorization', auth)).body as Array<{ code: string; name: string; limits: Record<string, unknown> }>;
  const road = categories.find((c) => c.code === 'road-damage')!;
  // The list shows each entry flat; its identity and edit stamp are not part of the data sent back.
  const { code: _code, name: _name, updatedAt: _at, updatedBy: _by, ...data } = road as typeof road & { updatedAt?: unknown; updatedBy?: unknown };
  const edited = { name: road.name, data: { ...data, limits: { ...road.limits, community: { amount: 3, unit: 'workingDays' } } } };
  expect((await request(stack.app).put('/api/catalogs/event-categories/road-damage').set('authorization', await stack.login('dispatcher')).send(edited)).status).toBe(403);
  const bad = await request(stack.app).put('/api/catalogs/event-categories/road-damage').set('authorization', auth).send({ data: {} });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details[0].path).toBe('name');
  const ok = await request(stack.app).put('/api/catalogs/event-categories/road-damage').set('authorization', auth).send(edited);
  expect(ok.status).toBe(200);

  const after = await startCase(stack, gridReport());
  const newer = await stack.openTask(after, WhistleStep.CommunityHandle);
  expect(newer.timeLimit).toEqual({ amount: 3, unit: 'workingDays' });
  const [reread] = await stack.database.db.select().from(tasks).where(eq(tasks.id, issued.id));
  expect(reread.dueAt).toEqual(issued.dueAt);
  expect(reread.timeLimit).toEqual({ amount: 1, unit: 'workingDays' });
});

test('the seeded catalogs are readable by every signed-in user', async () => {
  const auth = await stack.login('grid_worker');
  for (const name of ['event-categories', 'matters', 'licence-items']) {
    const res = await request(stack.app).get(`/api/catalogs/${name}`).set('authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
  }
});

test('penalty rules are stored with their units: a bare number for a legal period is refused, naming it', async () => {
  const auth = await stack.login('admin');
  const seeded = (await request(stack.app).get('/api/catalogs/penalty-rules').set('authorization', auth)).body[0];
  expect(seeded).toMatchObject({ hearingRequest: { amount: 5, unit: 'workingDays' }, payment: { amount: 15, unit: 'calendarDays' }, caseLimit: { amount: 90, unit: 'calendarDays' } });
  const bare = await request(stack.app).put('/api/catalogs/penalty-rules/default').set('authorization', auth)
    .send({ name: '行政处罚程序参数', data: { hearingRequest: 5 } });
  expect(bare.status).toBe(400);
  expect(bare.body.error.details[0].path).toBe('data.hearingRequest');
  const old = await request(stack.app).put('/api/catalogs/penalty-rules/default').set('authorization', auth)
    .send({ name: '行政处罚程序参数', data: { hearingRequestDays: 5, caseDays: 90 } });
  expect(old.status).toBe(200);
});
