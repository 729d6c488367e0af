// The 12345 order over the API: intake validation, who may take calls, the caller's data by duty, and the 三率 endpoint.
import request from 'supertest';
import { HotlineStep } from '../../domain/processes/hotline-order';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import * as R from '../../api/openapi/responses';
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

const get = async (as: string, path: string) => request(stack.app).get(path).set('authorization', await stack.login(as));

test('the dispatch suggestion: a category\'s department, the grid\'s street for a street category, the district when only the area is known', async () => {
  expect(R.dispatchSuggestionSchema.safeParse((await get('hotline_operator', '/api/hotline/dispatch-suggestion?category=food-safety')).body).error).toBeUndefined();
  expect((await get('hotline_operator', '/api/hotline/dispatch-suggestion?category=food-safety')).body)
    .toEqual({ unitId: 'dept-market', name: '区市场监督管理局', kind: 'department', basis: 'department', complex: false, eventCategory: 'food-safety' });
  expect((await get('hotline_operator', '/api/hotline/dispatch-suggestion?category=neighbourhood-noise&gridCode=G-B1-01')).body)
    .toMatchObject({ unitId: 'street-b', kind: 'street', basis: 'street' });
  // A street category without a grid: only the area is known, so the district government coordinates (art. 12).
  expect((await get('hotline_operator', '/api/hotline/dispatch-suggestion?category=property-dispute')).body)
    .toMatchObject({ unitId: 'district', kind: 'district', basis: 'district', complex: true });
  for (const [query, path] of [['category=nope', 'category'], ['category=food-safety&gridCode=G-NONE', 'gridCode'], ['', 'category']]) {
    const res = await get('hotline_operator', `/api/hotline/dispatch-suggestion?${query}`);
    expect({ status: res.status, path: res.body.error.details[0].path }).toEqual({ status: 400, path });
  }
  expect((await get('dispatcher', '/api/hotline/dispatch-suggestion?category=food-safety')).status).toBe(403);
});

test('the centre\'s queues: calls to dispatch (urgent first, with the suggestion), objections with their reasons, return visits; the centre only', async () => {
  const plain = await startOrder(stack, call({ content: '路灯不亮' }));
  const urgent = await startOrder(stack, call({ content: '燃气泄漏气味', urgent: true }));
  const objected = await startOrder(stack, call({ content: '餐馆无证经营' }));
  await complete(stack, objected, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-urban' });
  await complete(stack, objected, HotlineStep.Respond, 'dept_handler', 'object', { reason: '无证经营属市场监管职责' });
  await stack.openTask(objected, HotlineStep.RuleObjection);
  const visited = await startOrder(stack, call({ content: '占道经营' }));
  await complete(stack, visited, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-urban' });
  await complete(stack, visited, HotlineStep.Respond, 'dept_handler', 'contact', { note: '已联系' });
  await complete(stack, visited, HotlineStep.Handle, 'dept_handler', 'report', { result: '已劝离' });
  await stack.openTask(visited, HotlineStep.ReturnVisit);

  const res = await get('hotline_operator', '/api/hotline/queues');
  expect(res.status).toBe(200);
  // The answer is what the OpenAPI document (and so the web app's types) says it is.
  expect(R.hotlineQueuesSchema.safeParse(res.body).error).toBeUndefined();
  const ids = (items: Array<{ instanceId: string }>) => items.map((i) => i.instanceId);
  const intake = ids(res.body.intake);
  expect(intake.indexOf(urgent)).toBeLessThan(intake.indexOf(plain));
  expect(intake[0]).toBe(urgent);
  expect(res.body.intake.find((i: { instanceId: string }) => i.instanceId === plain))
    .toMatchObject({ urgent: false, kind: 'complaint', category: 'urban-management', suggestedUnitId: 'dept-urban', suggestedUnitName: '区城市管理局', caller: { name: '周女士', phone: '13800000000' }, content: '路灯不亮' });
  expect(res.body.objections.find((i: { instanceId: string }) => i.instanceId === objected))
    .toMatchObject({ unitId: 'dept-urban', objection: '无证经营属市场监管职责' });
  expect(res.body.returnVisits.find((i: { instanceId: string }) => i.instanceId === visited))
    .toMatchObject({ unitId: 'dept-urban', reported: true, result: '已劝离' });
  expect(ids(res.body.returnVisits)).not.toContain(plain);
  // Auditors read the queues; the street and the leaders do not work them.
  expect((await get('auditor', '/api/hotline/queues')).status).toBe(200);
  expect((await get('dispatcher', '/api/hotline/queues')).status).toBe(403);
  expect((await get('district_leader', '/api/hotline/queues')).status).toBe(403);
});

test('the drill-down lists the orders behind a rate for a unit and a day, each saying whether it counted; a bad rate is 400', async () => {
  const id = await startOrder(stack, call({ content: '井盖缺失' }));
  await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-urban' });
  await complete(stack, id, HotlineStep.Respond, 'dept_handler', 'contact', { note: '已联系' });
  await complete(stack, id, HotlineStep.Handle, 'dept_handler', 'report', { result: '已补装' });
  await complete(stack, id, HotlineStep.ReturnVisit, 'hotline_operator', 'record', { resolved: false, satisfaction: 'dissatisfied' });
  await waitForStatus(stack, id, 'closed');
  const rates = (await get('district_leader', '/api/metrics/hotline?unitId=dept-urban')).body;
  expect(R.hotlineRatesSchema.safeParse(rates).error).toBeUndefined();
  const unit = rates.byUnit.find((u: { unitId: string }) => u.unitId === 'dept-urban');
  const response = (await get('district_leader', '/api/metrics/hotline/orders?rate=response&unitId=dept-urban')).body;
  expect(R.hotlineRateOrdersSchema.safeParse(response).error).toBeUndefined();
  // The list is what the rate counted: as many items as contacts, the met ones giving the rate.
  expect(response.items).toHaveLength(unit.contacts);
  expect(response.items.filter((i: { met: boolean }) => i.met).length / unit.contacts).toBeCloseTo(unit.responseRate, 10);
  const mine = response.items.find((i: { instanceId: string }) => i.instanceId === id);
  expect(mine).toMatchObject({ unitId: 'dept-urban', unitName: '区城市管理局', met: true, title: expect.stringContaining('井盖缺失'), status: 'closed' });
  expect(Date.parse(mine.contactedAt)).toBeLessThanOrEqual(Date.parse(mine.contactDueAt));
  const resolution = (await get('district_leader', `/api/metrics/hotline/orders?rate=resolution&unitId=dept-urban&period=${mine.period}`)).body;
  expect(resolution.items.find((i: { instanceId: string }) => i.instanceId === id)).toMatchObject({ met: false, resolved: false, satisfaction: 'dissatisfied' });
  expect(resolution.items.every((i: { period: string }) => i.period === mine.period)).toBe(true);
  const bad = await get('district_leader', '/api/metrics/hotline/orders?rate=speed');
  expect({ status: bad.status, path: bad.body.error.details[0].path }).toEqual({ status: 400, path: 'rate' });
  // A street reads its own orders only.
  expect((await get('dispatcher', '/api/metrics/hotline/orders?rate=response&unitId=dept-urban')).status).toBe(403);
  expect((await get('dispatcher', '/api/metrics/hotline/orders?rate=response')).body.items.every((i: { unitId: string }) => i.unitId === 'street-a')).toBe(true);
});

test('a street order through its linked whistle case and an extension replays on its diagram without deviation', async () => {
  const id = await startOrder(stack, call({ category: 'neighbourhood-noise', gridCode: 'G-A1-01' }));
  await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'street-a' });
  await complete(stack, id, HotlineStep.Respond, 'dispatcher', 'contact', { note: '已联系' });
  const handle = await stack.openTask(id, HotlineStep.Handle);
  expect((await act(stack, 'dispatcher', handle.id, 'requestExtension', { duration: 'P1D', reason: '需协调物业' })).status).toBe(200);
  const caseId = `${id}-W1`;
  await complete(stack, caseId, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已协调', photos: ['after.jpg'] });
  await complete(stack, caseId, WhistleStep.FieldCheck, 'grid_worker', 'pass');
  await complete(stack, caseId, WhistleStep.FollowUp, 'community_staff', 'record', { satisfaction: 'satisfied' });
  await complete(stack, caseId, WhistleStep.Close, 'shift_chief', 'close');
  await complete(stack, id, HotlineStep.ReturnVisit, 'hotline_operator', 'record', { resolved: true, satisfaction: 'satisfied' });
  await waitForStatus(stack, id, 'closed');
  const res = await get('auditor', `/api/instances/${id}/conformance`);
  expect({ fitness: res.body.fitness, deviations: res.body.deviations }).toEqual({ fitness: 1, deviations: [] });
});
