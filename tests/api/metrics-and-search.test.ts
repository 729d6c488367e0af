// KPIs from real closed cases, and the instance search filters auditors use.
import request from 'supertest';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { assessments } from '../../db/schema';
import { createTestStack, type TestStack } from '../support/test-stack';
import { complete, gridReport, startCase, waitForStatus } from '../support/whistle';

let stack: TestStack;
let onTime: string;
let late: string;
let running: string;
beforeAll(async () => {
  stack = await createTestStack();
  onTime = await startCase(stack, gridReport({ description: '按期办结的案件' }));
  await complete(stack, onTime, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已修复', photos: ['after.jpg'] });
  await complete(stack, onTime, WhistleStep.FieldCheck, 'grid_worker', 'pass');
  await complete(stack, onTime, WhistleStep.Close, 'shift_chief', 'close');
  await waitForStatus(stack, onTime, 'closed');

  late = await startCase(stack, gridReport({ description: '部门超期的案件' }));
  await complete(stack, late, WhistleStep.CommunityHandle, 'community_staff', 'whistle', { reason: '需部门处置' });
  await complete(stack, late, WhistleStep.Dispatch, 'dispatcher', 'dispatch', { departments: ['dept-urban'], lead: 'dept-urban' });
  const dept = await stack.openTask(late, WhistleStep.DepartmentHandle);
  await stack.advance(dept.dueAt.getTime() - (await stack.temporal.clock.now()).getTime() + 60_000);
  await complete(stack, late, WhistleStep.DistrictCoordinate, 'district_leader', 'resolve', { result: '会商解决' });
  await complete(stack, late, WhistleStep.FieldCheck, 'grid_worker', 'fail', { reason: '未修好' });
  await complete(stack, late, WhistleStep.DistrictCoordinate, 'district_leader', 'resolve', { result: '再次会商解决' });
  await complete(stack, late, WhistleStep.FieldCheck, 'grid_worker', 'pass');
  await complete(stack, late, WhistleStep.Close, 'shift_chief', 'close');
  await waitForStatus(stack, late, 'closed');

  running = await startCase(stack, gridReport({ description: '仍在办理的案件', gridCode: 'G-B1-01' }), 'grid_worker_b');
  await stack.openTask(running, WhistleStep.CommunityHandle);
}, 120_000);
afterAll(async () => { await stack?.close(); });

test('closing a case writes its assessment record', async () => {
  const rows = await stack.database.db.select().from(assessments);
  expect(rows.map((r) => [r.instanceId, r.levelReached, r.reworks, r.onTime]).sort()).toEqual([
    [late, 'district', 1, false], [onTime, 'community', 0, true],
  ].sort());
});

test('KPIs aggregate the closed and running cases', async () => {
  const res = await request(stack.app).get('/api/metrics/kpis').set('authorization', await stack.login('district_leader'));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    cases: 3, closureRate: 2 / 3, onTimeRate: 1 / 2, selfResolutionRate: 1 / 2, reworkRate: 1 / 2, satisfactionRate: null, overdueRate: 1 / 3,
  });
  expect(res.body.byUnit.find((u: { orgUnitId: string }) => u.orgUnitId === 'street-b')).toMatchObject({ cases: 1, closureRate: 0 });
  expect(res.body.byUnit.find((u: { orgUnitId: string }) => u.orgUnitId === 'dept-urban')).toMatchObject({ cases: 1, onTimeRate: 0, overdueRate: 1 });
  expect(res.body.trend.reduce((n: number, t: { cases: number }) => n + t.cases, 0)).toBe(3);
});

test("a street's command centre reads its own street's KPIs, not another street's", async () => {
  const own = await request(stack.app).get('/api/metrics/kpis').set('authorization', await stack.login('shift_chief_b'));
  expect(own.status).toBe(200);
  expect(own.body.cases).toBe(1);
  const streets = own.body.byUnit.filter((u: { kind: string }) => u.kind === 'street').map((u: { orgUnitId: string }) => u.orgUnitId);
  expect(streets).toEqual(['street-b']);
  const foreign = await request(stack.app).get('/api/metrics/kpis?orgUnitId=street-a').set('authorization', await stack.login('shift_chief_b'));
  expect(foreign.status).toBe(403);
});

test('KPIs are for leaders and auditors, with valid ranges', async () => {
  expect((await request(stack.app).get('/api/metrics/kpis').set('authorization', await stack.login('grid_worker'))).status).toBe(403);
  const bad = await request(stack.app).get('/api/metrics/kpis?from=2026-13-01').set('authorization', await stack.login('auditor'));
  expect(bad.status).toBe(400);
  expect(bad.body.error.details[0].path).toBe('from');
});

describe('instance search', () => {
  const search = async (query: string, as = 'auditor') =>
    (await request(stack.app).get(`/api/instances?${query}`).set('authorization', await stack.login(as))).body.items.map((i: { instanceId: string }) => i.instanceId);

  test('filters by status, org unit, free text and overdue', async () => {
    expect((await search('status=closed')).sort()).toEqual([late, onTime].sort());
    expect(await search('orgUnitId=street-b')).toEqual([running]);
    expect(await search(`q=${encodeURIComponent('部门超期')}`)).toEqual([late]);
    expect(await search(`q=${running}`)).toEqual([running]);
    expect(await search('overdue=true')).toEqual([]);
  });

  test('filters by a date range in Shanghai days', async () => {
    const now = await stack.temporal.clock.now();
    const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await search(`from=2020-01-01&to=${today}`)).length).toBe(3);
    expect(await search('from=2020-01-01&to=2020-01-02')).toEqual([]);
  });

  test("a street's clerk sees only their street's cases", async () => {
    expect(await search('', 'community_staff_b')).toEqual([running]);
  });
});
