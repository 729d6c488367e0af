// The 12345 order over the API: intake validation, who may take calls, the caller's data by duty, and the 三率 endpoint.
import request from 'supertest';
import { HotlineStep } from '../../domain/processes/hotline-order';
import { createTestStack, type TestStack } from '../support/test-stack';
import { act, audit, complete, instance, waitForStatus } from '../support/whistle';
import { call, startOrder } from '../support/hotline';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

const start = async (as: string, input: unknown) => request(stack.app).post('/api/processes/hotline-order/instances')
  .set('authorization', await stack.login(as)).send({ input });
const count = async () => (await request(stack.app).get('/api/instances?processKey=hotline-order&limit=200').set('authorization', await stack.login('auditor'))).body.items.length;

test('intake refuses bad calls with 400 naming the field, and anyone but the centre with 403; nothing is written', async () => {
  const before = await count();
  const cases: Array<[unknown, string]> = [
    [call({ caller: { name: '周女士', phone: 'abc' } }), 'input.caller.phone'],
    [call({ kind: 'gossip' }), 'input.kind'],
    [call({ category: 'no-such-category' }), 'input.category'],
    [call({ gridCode: 'G-NONE' }), 'input.gridCode'],
  ];
  for (const [input, path] of cases) {
    const res = await start('hotline_operator', input);
    expect({ status: res.status, paths: res.body.error.details.map((d: { path: string }) => d.path) }).toEqual({ status: 400, paths: [path] });
  }
  expect((await start('dispatcher', call())).status).toBe(403);
  expect(await count()).toBe(before);
});

test('a dispatch names a street, a department or the district; the caller is shown to the centre, auditors and the handling unit only', async () => {
  const id = await startOrder(stack, call());
  const intake = await stack.openTask(id, HotlineStep.Intake);
  const wrong = await act(stack, 'hotline_operator', intake.id, 'dispatch', { unitId: 'grid-a1-1' });
  expect({ status: wrong.status, path: wrong.body.error.details[0].path }).toEqual({ status: 400, path: 'data.unitId' });
  await act(stack, 'hotline_operator', intake.id, 'dispatch', { unitId: 'dept-urban' });
  await stack.openTask(id, HotlineStep.Respond);
  const full = { name: '周女士', phone: '13800000000' };
  const masked = { name: '周**', phone: '138****0000' };
  for (const [who, caller] of [['hotline_operator', full], ['auditor', full], ['dept_handler', full], ['district_leader', masked]] as const) {
    expect({ who, caller: (await instance(stack, id, who)).input.caller }).toEqual({ who, caller });
    const started = (await audit(stack, id, who)).find((e) => e.action === 'start');
    expect({ who, caller: (started?.data.input as { caller: unknown }).caller }).toEqual({ who, caller });
  }
  // Another department never had the order: it is not theirs to read.
  expect((await request(stack.app).get(`/api/instances/${id}`).set('authorization', await stack.login('dept_handler2'))).status).toBe(404);
});

test('the 三率 endpoint counts a contacted and visited order for its unit; a street reads only its own; a bad range is 400', async () => {
  const id = await startOrder(stack, call());
  await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-market' });
  await complete(stack, id, HotlineStep.Respond, 'dept_handler2', 'contact', { note: '已联系' });
  await complete(stack, id, HotlineStep.Handle, 'dept_handler2', 'report', { result: '已处理' });
  await complete(stack, id, HotlineStep.ReturnVisit, 'hotline_operator', 'record', { resolved: true, satisfaction: 'basically_satisfied' });
  await waitForStatus(stack, id, 'closed');
  const res = await request(stack.app).get('/api/metrics/hotline?unitId=dept-market').set('authorization', await stack.login('district_leader'));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ responseRate: 1, resolutionRate: 1, satisfactionRate: 1 });
  expect(res.body.byUnit).toEqual([expect.objectContaining({ unitId: 'dept-market', name: '区市场监督管理局', orders: 1, contacts: 1, visits: 1 })]);
  expect((await request(stack.app).get('/api/metrics/hotline?unitId=street-b').set('authorization', await stack.login('dispatcher'))).status).toBe(403);
  const range = await request(stack.app).get('/api/metrics/hotline?from=2026-12-31&to=2026-01-01').set('authorization', await stack.login('auditor'));
  expect({ status: range.status, path: range.body.error.details[0].path }).toEqual({ status: 400, path: 'from' });
  expect((await request(stack.app).get('/api/metrics/hotline').set('authorization', await stack.login('grid_worker'))).status).toBe(403);
});

test('an order through an upheld objection, handling and a reopening replays on its diagram without deviation', async () => {
  const id = await startOrder(stack, call());
  await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-urban' });
  await complete(stack, id, HotlineStep.Respond, 'dept_handler', 'object', { reason: '不属本局职责' });
  await complete(stack, id, HotlineStep.RuleObjection, 'hotline_operator', 'uphold', { unitId: 'dept-market' });
  await complete(stack, id, HotlineStep.Respond, 'dept_handler2', 'contact', { note: '已联系' });
  const first = await complete(stack, id, HotlineStep.Handle, 'dept_handler2', 'report', { result: '已处理' });
  await complete(stack, id, HotlineStep.ReturnVisit, 'hotline_operator', 'reopen', { reason: '仍未解决' });
  const again = await stack.openTask(id, HotlineStep.Handle);
  expect(again.id).not.toBe(first.id);
  await act(stack, 'dept_handler2', again.id, 'report', { result: '已彻底处理' });
  await complete(stack, id, HotlineStep.ReturnVisit, 'hotline_operator', 'record', { resolved: true, satisfaction: 'satisfied' });
  await waitForStatus(stack, id, 'closed');
  const res = await request(stack.app).get(`/api/instances/${id}/conformance`).set('authorization', await stack.login('auditor'));
  expect({ fitness: res.body.fitness, deviations: res.body.deviations }).toEqual({ fitness: 1, deviations: [] });
});
