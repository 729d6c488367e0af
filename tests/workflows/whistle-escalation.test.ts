// Scenarios of the whistle-and-report process on the time-skipping server, with the real worker and database.
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import request from 'supertest';
import { createTestStack, type TestStack } from '../support/test-stack';
import { act, audit, complete, gridReport, hotlineOrder, instance, startCase, waitForStatus } from '../support/whistle';


let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

describe('whistle-escalation', () => {
  test('a self-resolved grid report closes at once and counts as self-resolved', async () => {
    const id = await startCase(stack, gridReport({ selfResolved: { result: '已当场复位地砖', photos: ['after.jpg'] } }));
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ selfResolved: true, levelReached: 'grid', reworks: 0 });
    expect((await audit(stack, id)).map((e) => e.action)).toEqual(['start', 'selfResolve', 'close']);
  });

  test('a self-resolution without an after-photo is refused with 400 naming input.selfResolved.photos, and starts no case', async () => {
    const auth = await stack.login('auditor');
    const before = (await request(stack.app).get('/api/instances?limit=200').set('authorization', auth)).body.items.length;
    for (const selfResolved of [{ result: '已当场复位地砖' }, { result: '已当场复位地砖', photos: [] }]) {
      const res = await request(stack.app).post('/api/processes/whistle-escalation/instances').set('authorization', await stack.login('grid_worker'))
        .send({ input: gridReport({ photos: ['before.jpg'], selfResolved }) });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'input.selfResolved.photos', message: expect.stringContaining('整改后照片') }]);
    }
    expect((await request(stack.app).get('/api/instances?limit=200').set('authorization', auth)).body.items.length).toBe(before);
  });

  test('a report of completion without an after-photo is 400 naming data.photos, for the community and for a department', async () => {
    // Given a case at the community
    const id = await startCase(stack, gridReport());
    const community = await stack.openTask(id, WhistleStep.CommunityHandle);
    // When the community resolves it without a photo, then an empty list: refused, naming the field
    for (const data of [{ result: '已修复' }, { result: '已修复', photos: [] }]) {
      const res = await act(stack, 'community_staff', community.id, 'resolve', data);
      expect({ status: res.status, details: res.body.error?.details }).toEqual({ status: 400, details: [{ path: 'data.photos', message: expect.stringContaining('整改后照片') }] });
    }
    // And the same for a department's completion after it whistled and the street dispatched
    await act(stack, 'community_staff', community.id, 'whistle', { reason: '需部门处置' });
    await complete(stack, id, WhistleStep.Dispatch, 'dispatcher', 'dispatch', { departments: ['dept-urban'], lead: 'dept-urban' });
    const department = await stack.openTask(id, WhistleStep.DepartmentHandle);
    await act(stack, 'dept_handler', department.id, 'acknowledge');
    const bare = await act(stack, 'dept_handler', department.id, 'complete', { result: '已处置' });
    expect({ status: bare.status, details: bare.body.error?.details }).toEqual({ status: 400, details: [{ path: 'data.photos', message: expect.stringContaining('整改后照片') }] });
    // Then with a photo it goes through, and the photo is in the audit
    expect((await act(stack, 'dept_handler', department.id, 'complete', { result: '已处置', photos: ['after.jpg'] })).status).toBe(200);
    await stack.openTask(id, WhistleStep.FieldCheck);
    expect((await audit(stack, id)).find((e) => e.action === 'complete')?.data).toMatchObject({ photos: ['after.jpg'] });
  });

  test('the community resolves, the grid worker passes the check and the shift chief closes', async () => {
    const id = await startCase(stack, gridReport());
    const task = await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已修复', photos: ['after.jpg'] });
    expect(task.orgUnitId).toBe('community-a1');
    await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
    await complete(stack, id, WhistleStep.Close, 'shift_chief', 'close');
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.completedSteps).toEqual([WhistleStep.CommunityHandle, WhistleStep.FieldCheck, WhistleStep.Close]);
    expect(closed.outcome).toMatchObject({ levelReached: 'community', selfResolved: false, reworks: 0, onTime: { 'community-a1': true } });
  });

  test('a missed community deadline reminds, then escalates the case to street dispatch', async () => {
    const id = await startCase(stack, gridReport());
    const task = await stack.openTask(id, WhistleStep.CommunityHandle);
    await stack.advance(task.dueAt.getTime() - (await stack.temporal.clock.now()).getTime() + 60_000);
    const dispatch = await stack.openTask(id, WhistleStep.Dispatch);
    expect(dispatch.orgUnitId).toBe('street-a');
    const actions = (await audit(stack, id)).map((e) => `${e.stepId}:${e.action}`);
    expect(actions).toEqual(expect.arrayContaining([
      `${WhistleStep.CommunityHandle}:remind`, `${WhistleStep.CommunityHandle}:timeout`, `${WhistleStep.CommunityHandle}:escalate`,
    ]));
    expect(stack.notifier.sent.some((r) => r.taskId === task.id)).toBe(true);
    expect((await instance(stack, id)).outcome).toBeNull();
  });

  test('whistling sends the case to the street, where the dispatcher may reject it', async () => {
    const id = await startCase(stack, gridReport());
    await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'whistle', { reason: '涉及多个部门' });
    await complete(stack, id, WhistleStep.Dispatch, 'dispatcher', 'reject', { reason: '不属于受理范围' });
    const rejected = await waitForStatus(stack, id, 'rejected');
    expect(rejected.outcome).toMatchObject({ levelReached: 'street' });
  });

  test('dispatched departments report in and handle in parallel; a failed field check sends it back to them', async () => {
    const id = await startCase(stack, gridReport());
    await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'whistle', { reason: '需要部门处置' });
    await complete(stack, id, WhistleStep.Dispatch, 'dispatcher', 'dispatch', { departments: ['dept-urban', 'dept-market'], lead: 'dept-urban' });
    const handlerOf = (orgUnitId: string) => (orgUnitId === 'dept-urban' ? 'dept_handler' : 'dept_handler2');
    const first = await stack.openTasks(id, WhistleStep.DepartmentHandle, 2);
    expect(first.map((t) => t.orgUnitId).sort()).toEqual(['dept-market', 'dept-urban']);
    const lead = first.find((t) => t.orgUnitId === 'dept-urban')!;
    const early = await act(stack, 'dept_handler', lead.id, 'complete', { result: '未签收就办结', photos: ['after.jpg'] });
    expect(early.status).toBe(409);
    const ack = await act(stack, 'dept_handler', lead.id, 'acknowledge');
    expect(ack.body).toEqual({ taskId: lead.id, status: 'open', next: [] });
    expect((await act(stack, 'dept_handler', lead.id, 'acknowledge')).status).toBe(409);
    for (const task of first) {
      if (task.id !== lead.id) await act(stack, handlerOf(task.orgUnitId), task.id, 'acknowledge');
      const res = await act(stack, handlerOf(task.orgUnitId), task.id, 'complete', { result: '已整改', photos: ['after.jpg'] });
      expect(res.status).toBe(200);
    }
    await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'fail', { reason: '地砖仍松动' });
    const again = await stack.openTasks(id, WhistleStep.DepartmentHandle, 2);
    expect(again.map((t) => t.id)).not.toContain(lead.id);
    for (const task of again) {
      await act(stack, handlerOf(task.orgUnitId), task.id, 'acknowledge');
      await act(stack, handlerOf(task.orgUnitId), task.id, 'complete', { result: '已重新铺设', photos: ['after.jpg'] });
    }
    await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
    await complete(stack, id, WhistleStep.Close, 'shift_chief', 'close');
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ levelReached: 'street', reworks: 1 });
    const events = await audit(stack, id);
    expect(events.filter((e) => e.action === 'acknowledge')).toHaveLength(4);
    expect(events.filter((e) => e.action === 'rework')).toHaveLength(1);
  });

  test('a department that misses its deadline escalates the case to the district leader', async () => {
    const id = await startCase(stack, gridReport());
    await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'whistle', { reason: '需要部门处置' });
    await complete(stack, id, WhistleStep.Dispatch, 'dispatcher', 'dispatch', { departments: ['dept-urban'], lead: 'dept-urban' });
    const task = await stack.openTask(id, WhistleStep.DepartmentHandle);
    expect((await act(stack, 'dept_handler', task.id, 'acknowledge')).status).toBe(200);
    await stack.advance(task.dueAt.getTime() - (await stack.temporal.clock.now()).getTime() + 60_000);
    const district = await stack.openTask(id, WhistleStep.DistrictCoordinate);
    expect(district.orgUnitId).toBe('district');
    const escalation = (await audit(stack, id)).find((e) => e.action === 'escalate');
    expect(escalation?.data).toMatchObject({ reason: 'deadlineMissed', departments: ['dept-urban'] });
    await complete(stack, id, WhistleStep.DistrictCoordinate, 'district_leader', 'resolve', { result: '会商后由住建局修复' });
    await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
    await complete(stack, id, WhistleStep.Close, 'shift_chief', 'close');
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ levelReached: 'district', onTime: { 'dept-urban': false } });
  });

  test('a hotline case is followed up; a substantive dissatisfaction is handled again', async () => {
    const id = await startCase(stack, hotlineOrder());
    await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已约谈商户', photos: ['after.jpg'] });
    await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
    await complete(stack, id, WhistleStep.FollowUp, 'community_staff', 'record', { satisfaction: 'dissatisfied', substantive: true });
    await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已加装油烟净化器', photos: ['after.jpg'] });
    await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
    await complete(stack, id, WhistleStep.FollowUp, 'community_staff', 'record', { satisfaction: 'satisfied' });
    await complete(stack, id, WhistleStep.Close, 'shift_chief', 'close');
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ satisfaction: 'satisfied', levelReached: 'community' });
    expect((await audit(stack, id)).filter((e) => e.action === 'rehandle')).toHaveLength(1);
  });

  test('an overdue field check stays open under supervision and can still be decided', async () => {
    const id = await startCase(stack, gridReport());
    await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已修复', photos: ['after.jpg'] });
    const check = await stack.openTask(id, WhistleStep.FieldCheck);
    await stack.advance(check.dueAt.getTime() - (await stack.temporal.clock.now()).getTime() + 30 * 86_400_000);
    const current = (await instance(stack, id)).currentSteps;
    expect(current).toEqual([expect.objectContaining({ stepId: WhistleStep.FieldCheck, taskId: check.id, overdue: true })]);
    const supervision = (await audit(stack, id)).filter((e) => e.action === 'supervise');
    expect(supervision).toHaveLength(1);
    expect(stack.notifier.sent.filter((r) => r.taskId === check.id).map((r) => r.text.startsWith('【督办】'))).toEqual([false, true]);
    await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
    await stack.openTask(id, WhistleStep.Close);
  });

  test('the audit chain of a finished case lists every step and verifies', async () => {
    const id = await startCase(stack, gridReport());
    await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已修复', photos: ['after.jpg'] });
    await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
    await complete(stack, id, WhistleStep.Close, 'shift_chief', 'close');
    await waitForStatus(stack, id, 'closed');
    const events = await audit(stack, id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.action === 'open').map((e) => e.stepId)).toEqual([WhistleStep.CommunityHandle, WhistleStep.FieldCheck, WhistleStep.Close]);
    const conformance = await request(stack.app).get(`/api/instances/${id}/conformance`).set('authorization', await stack.login('auditor'));
    expect(conformance.body).toMatchObject({ instanceId: id, fitness: 1, deviations: [] });
    expect(conformance.body.moves.map((m: { to: string }) => m.to)).toEqual([WhistleStep.CommunityHandle, WhistleStep.FieldCheck, WhistleStep.Close, 'EndEvent_Closed']);
    const resolve = events.find((e) => e.action === 'resolve')!;
    expect(resolve.actor).toMatchObject({ role: 'community_staff' });
    expect(resolve.data).toMatchObject({ result: '已修复', onTime: true });
  });

  test('every trace these scenarios produced conforms to the diagram (fitness 1.0)', async () => {
    const res = await request(stack.app).get('/api/processes/whistle-escalation/conformance').set('authorization', await stack.login('auditor'));
    expect(res.status).toBe(200);
    expect(res.body.static).toEqual({ version: 1, missingInDiagram: [], missingInCode: [] });
    expect(res.body.deviations).toEqual([]);
    expect(res.body.instancesChecked).toBeGreaterThanOrEqual(9);
    expect(res.body.fitness).toBe(1);
  });
});
