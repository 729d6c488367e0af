// Department handling in 吹哨报到: report-in deadlines, disputes, extensions, parking, escalation to the district,
// the refusals of wrong moves, and long cases that continue as new runs with one audit chain.
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { TASK_QUEUE } from '../../workflows/lib/messages';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { act, audit, complete, gridReport, instance, startCase, waitForStatus } from '../support/whistle';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

const handlerOf = (orgUnitId: string) => (orgUnitId === 'dept-urban' ? 'dept_handler' : 'dept_handler2');
const taskRow = async (taskId: string) => (await stack.database.db.select().from(tasks).where(eq(tasks.id, taskId)))[0];
const now = () => stack.temporal.clock.now();

/** Starts a case and dispatches it to the given departments (the first is the lead). */
async function dispatched(departments: string[]): Promise<string> {
  const id = await startCase(stack, gridReport());
  await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'whistle', { reason: '需要部门处置' });
  await complete(stack, id, WhistleStep.Dispatch, 'dispatcher', 'dispatch', { departments, lead: departments[0] });
  return id;
}

async function finishHandling(id: string, departments: string[]) {
  for (const task of await stack.openTasks(id, WhistleStep.DepartmentHandle, departments.length)) {
    if (!task.acknowledgedAt) await act(stack, handlerOf(task.orgUnitId), task.id, 'acknowledge');
    expect((await act(stack, handlerOf(task.orgUnitId), task.id, 'complete', { result: '已处置', photos: ['after.jpg'] })).status).toBe(200);
  }
  await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
  await complete(stack, id, WhistleStep.Close, 'shift_chief', 'close');
  return waitForStatus(stack, id, 'closed');
}

test('two departments handle in parallel; the lead and the co-handler are marked', async () => {
  const id = await dispatched(['dept-urban', 'dept-market']);
  const both = await stack.openTasks(id, WhistleStep.DepartmentHandle, 2);
  const opened = (await audit(stack, id)).filter((e) => e.action === 'open' && e.stepId === WhistleStep.DepartmentHandle);
  expect(opened.map((e) => [e.data.departmentId, e.data.lead]).sort()).toEqual([['dept-market', false], ['dept-urban', true]]);
  expect(both.every((t) => t.acknowledgeBy !== null && t.acknowledgeBy < t.dueAt)).toBe(true);
  const closed = await finishHandling(id, ['dept-urban', 'dept-market']);
  expect(closed.outcome).toMatchObject({ levelReached: 'street', onTime: { 'dept-urban': true, 'dept-market': true } });
});

test('a missed acknowledgement reminds, then escalates to the district and withdraws the other departments', async () => {
  const id = await dispatched(['dept-urban', 'dept-market']);
  const [a, b] = await stack.openTasks(id, WhistleStep.DepartmentHandle, 2);
  const urban = a.orgUnitId === 'dept-urban' ? a : b;
  const market = a.orgUnitId === 'dept-urban' ? b : a;
  const ack = await act(stack, 'dept_handler', urban.id, 'acknowledge');
  expect({ status: ack.status, body: ack.body }).toEqual({ status: 200, body: { taskId: urban.id, status: 'open', next: [] } });
  await stack.advance(market.acknowledgeBy!.getTime() - (await now()).getTime() + 60_000);
  await stack.openTask(id, WhistleStep.DistrictCoordinate);
  const events = await audit(stack, id);
  expect(events.find((e) => e.action === 'remind' && e.data.taskId === market.id)?.data).toMatchObject({ about: 'acknowledgement' });
  expect(events.find((e) => e.action === 'escalate')?.data).toMatchObject({ reason: 'acknowledgementMissed', departments: ['dept-market'] });
  expect((await taskRow(urban.id)).status).toBe('cancelled');
  expect((await taskRow(market.id)).status).toBe('timedOut');
  expect(stack.notifier.sent.some((r) => r.taskId === market.id && r.text.includes('签收'))).toBe(true);
});

test('a dispute approved by the shift chief goes back to the dispatcher, who reassigns it', async () => {
  const id = await dispatched(['dept-market']);
  const [task] = await stack.openTasks(id, WhistleStep.DepartmentHandle, 1);
  await act(stack, 'dept_handler2', task.id, 'acknowledge');
  const noReason = await act(stack, 'dept_handler2', task.id, 'dispute', {});
  expect(noReason.status).toBe(400);
  expect(noReason.body.error.details[0].path).toBe('data.reason');
  expect((await act(stack, 'dept_handler2', task.id, 'dispute', { reason: '不属于本部门职责' })).body.status).toBe('open');
  expect((await act(stack, 'dept_handler2', task.id, 'dispute', { reason: '再次提出' })).status).toBe(409);
  const review = await stack.openTask(id, WhistleStep.ShiftChiefReview);
  expect(review.orgUnitId).toBe('street-a');
  await act(stack, 'shift_chief', review.id, 'approve');
  const reassign = await stack.openTask(id, WhistleStep.Dispatch);
  expect((await act(stack, 'dispatcher', reassign.id, 'reject', { reason: '不派了' })).status).toBe(409);
  await act(stack, 'dispatcher', reassign.id, 'dispatch', { departments: ['dept-urban'], lead: 'dept-urban' });
  const [urban] = await stack.openTasks(id, WhistleStep.DepartmentHandle, 1);
  expect(urban.orgUnitId).toBe('dept-urban');
  expect((await taskRow(task.id)).status).toBe('cancelled');
  await finishHandling(id, ['dept-urban']);
});

test('a denied dispute leaves the department on the case', async () => {
  const id = await dispatched(['dept-urban']);
  const [task] = await stack.openTasks(id, WhistleStep.DepartmentHandle, 1);
  await act(stack, 'dept_handler', task.id, 'acknowledge');
  await act(stack, 'dept_handler', task.id, 'dispute', { reason: '职责不清' });
  await complete(stack, id, WhistleStep.ShiftChiefReview, 'shift_chief', 'deny', { reason: '属于城管职责' });
  expect((await taskRow(task.id)).status).toBe('open');
  await finishHandling(id, ['dept-urban']);
});

test('an approved extension moves that department’s deadline; a denied one does not', async () => {
  const id = await dispatched(['dept-urban']);
  const [task] = await stack.openTasks(id, WhistleStep.DepartmentHandle, 1);
  await act(stack, 'dept_handler', task.id, 'acknowledge');
  const bad = await act(stack, 'dept_handler', task.id, 'requestExtension', { duration: 'soon', reason: '需要采购材料' });
  expect(bad.body.error.details[0].path).toBe('data.duration');
  await act(stack, 'dept_handler', task.id, 'requestExtension', { duration: 'PT4H', reason: '需要协调施工队' });
  await complete(stack, id, WhistleStep.ShiftChiefReview, 'shift_chief', 'deny', { reason: '可以按期完成' });
  expect((await taskRow(task.id)).dueAt).toEqual(task.dueAt);

  await act(stack, 'dept_handler', task.id, 'requestExtension', { duration: 'P2D', reason: '需要采购材料' });
  await complete(stack, id, WhistleStep.ShiftChiefReview, 'shift_chief', 'approve');
  const moved = await waitFor(async () => { const row = await taskRow(task.id); return row.dueAt > task.dueAt ? row : undefined; }, 'the deadline to move');
  expect(moved.dueAt.getTime() - task.dueAt.getTime()).toBeGreaterThanOrEqual(DAY);
  // The old deadline passes without escalation; the new one is what counts.
  await stack.advance(task.dueAt.getTime() - (await now()).getTime() + HOUR);
  expect((await taskRow(task.id)).status).toBe('open');
  expect((await audit(stack, id)).find((e) => e.action === 'extend')?.data).toMatchObject({ duration: 'P2D', approvedBy: '刘值班' });
  const closed = await finishHandling(id, ['dept-urban']);
  expect(closed.outcome.onTime).toEqual({ 'community-a1': true, 'dept-urban': true });
});

/** A department task acknowledged, with an extension requested in time and the shift chief's review open, then the deadline passed. */
async function extensionPendingPastDeadline(duration: string) {
  const id = await dispatched(['dept-urban']);
  const [task] = await stack.openTasks(id, WhistleStep.DepartmentHandle, 1);
  await act(stack, 'dept_handler', task.id, 'acknowledge');
  expect((await act(stack, 'dept_handler', task.id, 'requestExtension', { duration, reason: '需要采购材料' })).status).toBe(200);
  const review = await stack.openTask(id, WhistleStep.ShiftChiefReview);
  await stack.advance(task.dueAt.getTime() - (await now()).getTime() + HOUR);
  await waitFor(async () => (await audit(stack, id)).find((e) => e.action === 'supervise' && e.data.taskId === task.id), 'the pending request to be supervised at the deadline');
  return { id, task, review };
}

test('an extension requested in time and approved after the deadline passed: no escalation, the deadline moves from where it was', async () => {
  // Given an extension of 2 working days requested before the deadline, still pending when the deadline passes
  const { id, task, review } = await extensionPendingPastDeadline('P2D');
  // Then the case is not escalated: the department's task and the shift chief's review stay open
  expect((await taskRow(task.id)).status).toBe('open');
  expect((await taskRow(review.id)).status).toBe('open');
  const events = await audit(stack, id);
  expect(events.some((e) => e.stepId === WhistleStep.DistrictCoordinate || e.action === 'timeout')).toBe(false);
  expect(events.find((e) => e.action === 'supervise' && e.data.taskId === task.id)?.data).toMatchObject({ reason: 'requestPending' });

  // When the shift chief approves it, late
  expect((await act(stack, 'shift_chief', review.id, 'approve')).status).toBe(200);

  // Then the deadline moves by the extension from the old one (not from the approval), and the case goes on
  const moved = await waitFor(async () => { const row = await taskRow(task.id); return row.dueAt > task.dueAt ? row : undefined; }, 'the deadline to move');
  expect(moved.dueAt.getTime() - task.dueAt.getTime()).toBeGreaterThanOrEqual(DAY);
  expect((await audit(stack, id)).find((e) => e.action === 'extend')?.data).toMatchObject({ duration: 'P2D', approvedAfterDeadline: true, dueAt: moved.dueAt.toISOString() });
  await stack.advance(HOUR);
  expect((await taskRow(task.id)).status).toBe('open');
  expect((await instance(stack, id)).currentSteps.map((s: { stepId: string }) => s.stepId)).toEqual([WhistleStep.DepartmentHandle]);
  const closed = await finishHandling(id, ['dept-urban']);
  expect(closed.outcome).toMatchObject({ levelReached: 'street', onTime: { 'dept-urban': true } });
});

test('an extension requested in time and denied after the deadline passed: the case escalates to the district at once', async () => {
  // Given an extension pending when the deadline passes
  const { id, task, review } = await extensionPendingPastDeadline('P1D');
  expect((await taskRow(task.id)).status).toBe('open');

  // When the shift chief denies it
  expect((await act(stack, 'shift_chief', review.id, 'deny', { reason: '应按期完成' })).status).toBe(200);

  // Then the missed deadline takes effect at once, without any more time passing: timed out, escalated to the district
  await stack.openTask(id, WhistleStep.DistrictCoordinate);
  expect((await taskRow(task.id)).status).toBe('timedOut');
  const events = await audit(stack, id);
  expect(events.find((e) => e.action === 'timeout' && e.data.taskId === task.id)?.data).toMatchObject({ dueAt: task.dueAt.toISOString(), missed: 'deadline' });
  expect(events.find((e) => e.action === 'escalate' && e.actor === null)?.data).toMatchObject({ reason: 'deadlineMissed' });
});

test('parking stops the clock for months; resuming restarts it with the time that was left', async () => {
  const id = await dispatched(['dept-urban']);
  const [task] = await stack.openTasks(id, WhistleStep.DepartmentHandle, 1);
  await act(stack, 'dept_handler', task.id, 'acknowledge');
  expect((await act(stack, 'dept_handler', task.id, 'resume', {})).status).toBe(409);
  await act(stack, 'dept_handler', task.id, 'requestParking', { reason: '季节性施工，需待开春' });
  await complete(stack, id, WhistleStep.ShiftChiefReview, 'shift_chief', 'approve');
  await waitFor(async () => (await taskRow(task.id)).parkedAt !== null, 'the task to be parked');
  await stack.advance(90 * DAY);
  const parked = await taskRow(task.id);
  expect(parked.status).toBe('open');
  const inbox = await request(stack.app).get(`/api/tasks/${task.id}`).set('authorization', await stack.login('dept_handler'));
  expect(inbox.body).toMatchObject({ parked: true, overdue: false });
  expect((await instance(stack, id)).status).toBe('running');

  await act(stack, 'dept_handler', task.id, 'resume', { note: '已开春，恢复施工' });
  const resumed = await waitFor(async () => { const row = await taskRow(task.id); return row.parkedAt === null ? row : undefined; }, 'the task to resume');
  expect(resumed.dueAt.getTime()).toBeGreaterThan((await now()).getTime());
  expect(resumed.dueAt.getTime() - (await now()).getTime()).toBeLessThan(5 * DAY);
  await finishHandling(id, ['dept-urban']);
  const actions = (await audit(stack, id)).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['requestParking', 'park', 'resume', 'unpark']));
});

test('the dispatcher marks a case beyond the street; the district leader directs departments', async () => {
  const id = await startCase(stack, gridReport());
  await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'whistle', { reason: '跨部门难题' });
  await complete(stack, id, WhistleStep.Dispatch, 'dispatcher', 'escalate', { reason: '涉及多个区级部门，街道无法协调' });
  await complete(stack, id, WhistleStep.DistrictCoordinate, 'district_leader', 'direct', { departments: ['dept-housing'], lead: 'dept-housing', instructions: '住建局牵头三日内修复' });
  const [task] = await stack.openTasks(id, WhistleStep.DepartmentHandle, 1);
  expect(task.orgUnitId).toBe('dept-housing');
  expect((await act(stack, 'dept_handler', task.id, 'acknowledge')).status).toBe(403);
});

test('a shift chief may rule a disputed case beyond the street', async () => {
  const id = await dispatched(['dept-urban']);
  const [task] = await stack.openTasks(id, WhistleStep.DepartmentHandle, 1);
  await act(stack, 'dept_handler', task.id, 'acknowledge');
  await act(stack, 'dept_handler', task.id, 'requestExtension', { duration: 'P1D', reason: '材料未到' });
  const review = await stack.openTask(id, WhistleStep.ShiftChiefReview);
  expect((await act(stack, 'shift_chief', review.id, 'escalate', { reason: '不是异议' })).status).toBe(409);
  await act(stack, 'shift_chief', review.id, 'deny', { reason: '请按期完成' });
  await act(stack, 'dept_handler', task.id, 'dispute', { reason: '需多部门联合执法' });
  await complete(stack, id, WhistleStep.ShiftChiefReview, 'shift_chief', 'escalate', { reason: '需区级协调' });
  await stack.openTask(id, WhistleStep.DistrictCoordinate);
  expect((await audit(stack, id)).find((e) => e.action === 'escalate' && e.actor === null)?.data).toMatchObject({ reason: 'beyondStreet' });
});

test('wrong moves are refused: a grid worker dispatching, a co-handler closing, another street acting', async () => {
  const id = await startCase(stack, gridReport());
  await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'whistle', { reason: '需要部门处置' });
  const dispatch = await stack.openTask(id, WhistleStep.Dispatch);
  expect((await act(stack, 'grid_worker', dispatch.id, 'dispatch', { departments: ['dept-urban'], lead: 'dept-urban' })).status).toBe(403);
  expect((await act(stack, 'dispatcher_b', dispatch.id, 'dispatch', { departments: ['dept-urban'], lead: 'dept-urban' })).status).toBe(403);
  const noLead = await act(stack, 'dispatcher', dispatch.id, 'dispatch', { departments: ['dept-urban'], lead: 'dept-market' });
  expect(noLead.body.error.details[0].path).toBe('data.lead');
  await act(stack, 'dispatcher', dispatch.id, 'dispatch', { departments: ['dept-urban', 'dept-market'], lead: 'dept-urban' });
  for (const task of await stack.openTasks(id, WhistleStep.DepartmentHandle, 2)) {
    await act(stack, handlerOf(task.orgUnitId), task.id, 'acknowledge');
    await act(stack, handlerOf(task.orgUnitId), task.id, 'complete', { result: '已处置', photos: ['after.jpg'] });
  }
  await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
  const close = await stack.openTask(id, WhistleStep.Close);
  expect((await act(stack, 'dept_handler2', close.id, 'close')).status).toBe(403);
  expect((await act(stack, 'shift_chief_b', close.id, 'close')).status).toBe(403);
  expect((await act(stack, 'shift_chief', close.id, 'close')).status).toBe(200);
});

test('a case with many reworks continues as new runs and keeps one audit chain', async () => {
  const instanceId = `WE-LONG-${Date.now()}`;
  const handle = await stack.temporal.client.workflow.start('whistleEscalation', {
    taskQueue: TASK_QUEUE, workflowId: instanceId,
    args: [{
      ctx: { instanceId, processKey: 'whistle-escalation', processVersion: 1, title: '反复返工的案件', orgPath: ['grid-a1-1', 'community-a1', 'street-a', 'district'],
        startedBy: { id: 'system', name: '系统', role: 'grid_worker', orgUnitId: 'grid-a1-1' } },
      input: gridReport(), routing: { gridId: 'grid-a1-1', communityId: 'community-a1', streetId: 'street-a', districtId: 'district' },
      limits: {}, historyLimit: 40,
    }],
  });
  for (let round = 0; round < 4; round++) {
    await complete(stack, instanceId, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: `第${round + 1}次处置`, photos: ['after.jpg'] });
    await complete(stack, instanceId, WhistleStep.FieldCheck, 'grid_worker', round < 3 ? 'fail' : 'pass', round < 3 ? { reason: '仍未解决' } : {});
  }
  await complete(stack, instanceId, WhistleStep.Close, 'shift_chief', 'close');
  const closed = await waitForStatus(stack, instanceId, 'closed');
  expect(closed.outcome).toMatchObject({ reworks: 3 });
  const description = await handle.describe();
  expect(description.runId).not.toBe(handle.firstExecutionRunId);
  const events = await audit(stack, instanceId);
  expect(events.filter((e) => e.action === 'continueAsNew').length).toBeGreaterThanOrEqual(1);
  const verdict = await request(stack.app).get(`/api/instances/${instanceId}/audit/verify`).set('authorization', await stack.login('auditor'));
  expect(verdict.body).toMatchObject({ ok: true, events: events.length });
});

test('a four-working-hour limit reported on a Friday afternoon ends on Monday morning', async () => {
  const current = await now();
  const local = new Date(current.getTime() + 8 * HOUR);
  const daysToFriday = (5 - local.getUTCDay() + 7) % 7 || 7;
  const friday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + daysToFriday, 16 - 8, 0);
  await stack.advance(friday - current.getTime());
  const id = await startCase(stack, gridReport({ category: 'exposed-garbage' }));
  const task = await stack.openTask(id, WhistleStep.CommunityHandle);
  const due = new Date(task.dueAt.getTime() + 8 * HOUR);
  // 16:00–17:30 Friday is 1.5 h; the remaining 2.5 h run 08:30–11:00 on the next working day.
  expect(due.getUTCHours() * 60 + due.getUTCMinutes()).toBe(11 * 60);
  expect([1, 2, 3, 4, 5, 6]).toContain(due.getUTCDay());
  expect(due.getTime() - friday - 8 * HOUR).toBeGreaterThanOrEqual(2 * DAY);
});
