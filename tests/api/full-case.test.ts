// One full hotline case through the API in simulation mode: two departments, a dispute and reassignment, an
// extension, a rework and a follow-up, to closed; the chain verifies and every recorded step is in the diagram.
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import { readDiagram } from '../../domain/bpmn/diagram';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { act, audit, complete, hotlineOrder, startCase, waitForStatus } from '../support/whistle';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

const handlerOf = (orgUnitId: string) => (orgUnitId === 'dept-urban' ? 'dept_handler' : 'dept_handler2');
const ok = (res: request.Response) => { expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 }); };

test('a hotline case with two departments, a dispute, an extension, a rework and a follow-up closes', async () => {
  const id = await startCase(stack, hotlineOrder());
  await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'whistle', { reason: '涉及油烟排放和占道，需部门处置' });
  await complete(stack, id, WhistleStep.Dispatch, 'dispatcher', 'dispatch', { departments: ['dept-urban', 'dept-market'], lead: 'dept-urban' });

  const first = await stack.openTasks(id, WhistleStep.DepartmentHandle, 2);
  const urban = first.find((t) => t.orgUnitId === 'dept-urban')!;
  const market = first.find((t) => t.orgUnitId === 'dept-market')!;
  ok(await act(stack, 'dept_handler', urban.id, 'acknowledge'));
  ok(await act(stack, 'dept_handler2', market.id, 'acknowledge'));

  ok(await act(stack, 'dept_handler2', market.id, 'dispute', { reason: '油烟问题不属于市场监管职责' }));
  await complete(stack, id, WhistleStep.ShiftChiefReview, 'shift_chief', 'approve');
  await complete(stack, id, WhistleStep.Dispatch, 'dispatcher', 'dispatch', { departments: ['dept-urban'], lead: 'dept-urban' });

  ok(await act(stack, 'dept_handler', urban.id, 'requestExtension', { duration: 'P1D', reason: '需联系商户安装净化设备' }));
  await complete(stack, id, WhistleStep.ShiftChiefReview, 'shift_chief', 'approve');
  await waitFor(async () => ((await stack.database.db.select().from(tasks).where(eq(tasks.id, urban.id)))[0].dueAt > urban.dueAt), 'the extension');

  for (const task of await stack.openTasks(id, WhistleStep.DepartmentHandle, 2)) {
    if (!task.acknowledgedAt) ok(await act(stack, handlerOf(task.orgUnitId), task.id, 'acknowledge'));
    ok(await act(stack, handlerOf(task.orgUnitId), task.id, 'complete', { result: '已责令商户整改', photos: ['after.jpg'] }));
  }
  await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'fail', { reason: '油烟仍然扰民' });
  const rework = await stack.openTasks(id, WhistleStep.DepartmentHandle, 1);
  expect(rework[0].orgUnitId).toBe('dept-urban');
  ok(await act(stack, 'dept_handler', rework[0].id, 'acknowledge'));
  ok(await act(stack, 'dept_handler', rework[0].id, 'complete', { result: '净化设备已安装并验收', photos: ['after.jpg'] }));
  await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
  await complete(stack, id, WhistleStep.FollowUp, 'community_staff', 'record', { satisfaction: 'basically_satisfied' });
  await complete(stack, id, WhistleStep.Close, 'shift_chief', 'close');

  const closed = await waitForStatus(stack, id, 'closed');
  expect(closed.outcome).toMatchObject({ levelReached: 'street', reworks: 1, satisfaction: 'basically_satisfied', selfResolved: false });

  const auth = await stack.login('auditor');
  expect((await request(stack.app).get(`/api/instances/${id}/audit/verify`).set('authorization', auth)).body).toMatchObject({ ok: true, firstBrokenSeq: null });
  const diagram = await readDiagram(readFileSync(join(__dirname, '..', '..', 'processes', 'whistle-escalation.bpmn'), 'utf8'));
  const recorded = [...new Set((await audit(stack, id)).map((e) => e.stepId).filter((s): s is string => s !== null))];
  expect(recorded.filter((stepId) => !diagram.flowNodeIds.includes(stepId))).toEqual([]);
  expect(recorded).toEqual(expect.arrayContaining([WhistleStep.ShiftChiefReview, WhistleStep.FollowUp, WhistleStep.DepartmentHandle]));
  const conformance = await request(stack.app).get(`/api/instances/${id}/conformance`).set('authorization', auth);
  expect(conformance.body).toMatchObject({ fitness: 1, deviations: [] });
});

test("the hotline requester's contact is shown only to the roles that need it", async () => {
  const id = await startCase(stack, hotlineOrder());
  await stack.openTask(id, WhistleStep.CommunityHandle);
  const asDispatcher = await request(stack.app).get(`/api/instances/${id}`).set('authorization', await stack.login('dispatcher'));
  expect(asDispatcher.body.input.requester).toEqual({ name: '周女士', phone: '13800000000' });
  const asLeader = await request(stack.app).get(`/api/instances/${id}`).set('authorization', await stack.login('district_leader'));
  expect(asLeader.body.input.requester).toEqual({ name: '周**', phone: '138****0000' });
  const trail = await request(stack.app).get(`/api/instances/${id}/audit`).set('authorization', await stack.login('district_leader'));
  expect(JSON.stringify(trail.body)).not.toContain('13800000000');
});
