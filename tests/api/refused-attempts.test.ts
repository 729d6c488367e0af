// Every refused attempt to act on a task is in its case's audit trail (ARCHITECTURE principle 7): a separation-of-
// duties refusal from the workflow's Update validator, and the API's own 403s for another unit's task or a role the
// step does not take — with identical repeats by the same person folded into one event per window.
import request from 'supertest';
import { PenaltyStep as P } from '../../domain/processes/inspection-penalty';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { REFUSAL_FOLD_MINUTES } from '../../api/tasks/refusals';
import { createTestStack, type TestStack } from '../support/test-stack';
import { act, complete, gridReport, startCase } from '../support/whistle';
import { fine, registered, userId } from '../support/penalty';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

interface AuditEvent { seq: number; stepId: string | null; action: string; actor: { id: string; name: string } | null; data: Record<string, unknown> }

/** The refusals of a case, read the way an auditor reads them: GET /api/instances/:id/audit. */
async function refusals(instanceId: string): Promise<AuditEvent[]> {
  const res = await request(stack.app).get(`/api/instances/${instanceId}/audit`).set('authorization', await stack.login('auditor'));
  expect(res.status).toBe(200);
  return (res.body.events as AuditEvent[]).filter((e) => e.action === 'refused');
}

/** A grid report whistled to the street and dispatched to 区城市管理局: its department task is open. */
async function dispatchedToUrbanBureau() {
  const id = await startCase(stack, gridReport({ description: '井盖缺失需部门处置' }));
  await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'whistle', { reason: '需街道协调' });
  await complete(stack, id, WhistleStep.Dispatch, 'dispatcher', 'dispatch', { departments: ['dept-urban'], lead: 'dept-urban' });
  return { id, task: await stack.openTask(id, WhistleStep.DepartmentHandle) };
}

test('a dual-role officer who investigated a case is refused its legal review (403), and the refusal is in the case\'s audit', async () => {
  // Given a major penalty case investigated by case_legal, who is also a legal reviewer in the same bureau
  const id = await registered(stack, {}, 'enforcement_officer', ['case_legal', 'case_officer2']);
  await complete(stack, id, P.Investigate, 'case_legal', 'conclude', { finding: 'penalize', proposedPenalty: fine(6_000_000) });
  const review = await stack.openTask(id, P.LegalReview);

  // When they try to pass its legal review
  const res = await act(stack, 'case_legal', review.id, 'pass');

  // Then it is a separation-of-duties 403, and the auditor sees who tried what on which step, and why
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('SEPARATION_OF_DUTIES');
  expect(await refusals(id)).toEqual([expect.objectContaining({
    stepId: P.LegalReview,
    actor: expect.objectContaining({ id: await userId(stack, 'case_legal'), name: '潘办审' }),
    data: expect.objectContaining({ taskId: review.id, attemptedAction: 'pass', rule: 'separationOfDuties', reason: expect.stringContaining('investigator') }),
  })]);
  // And the review stays open for someone else, whose pass goes through
  expect((await act(stack, 'legal_reviewer', review.id, 'pass')).status).toBe(200);
});

test('a clerk of another unit is refused a department\'s task (403) and the attempt is audited, claim included', async () => {
  // Given a case dispatched to 区城市管理局
  const { id, task } = await dispatchedToUrbanBureau();

  // When the handler of 区市场监督管理局 tries to acknowledge it, and to claim it
  const ack = await act(stack, 'dept_handler2', task.id, 'acknowledge');
  const claim = await request(stack.app).post(`/api/tasks/${task.id}/claim`).set('authorization', await stack.login('dept_handler2'));

  // Then both are 403 and both are in the case's audit, as attempts on another unit's task
  expect([ack.status, claim.status]).toEqual([403, 403]);
  const handler2 = await userId(stack, 'dept_handler2');
  expect((await refusals(id)).map((e) => ({ actor: e.actor?.id, step: e.stepId, action: e.data.attemptedAction, rule: e.data.rule }))).toEqual([
    { actor: handler2, step: WhistleStep.DepartmentHandle, action: 'acknowledge', rule: 'orgUnit' },
    { actor: handler2, step: WhistleStep.DepartmentHandle, action: 'claim', rule: 'orgUnit' },
  ]);
  // And the task is untouched: its own handler acknowledges it
  expect((await act(stack, 'dept_handler', task.id, 'acknowledge')).status).toBe(200);
});

test('a role the step does not take is refused and audited, also when the clerk may see the task', async () => {
  // Given a community task, visible to the street's dispatcher and to the auditor
  const id = await startCase(stack, gridReport());
  const task = await stack.openTask(id, WhistleStep.CommunityHandle);

  // When each tries to resolve it
  const statuses = [await act(stack, 'dispatcher', task.id, 'resolve', { result: '已修复', photos: ['after.jpg'] }), await act(stack, 'auditor', task.id, 'whistle', { reason: '看看' })]
    .map((r) => r.status);

  // Then both are 403 for the role, in the audit
  expect(statuses).toEqual([403, 403]);
  expect((await refusals(id)).map((e) => [e.actor?.id, e.data.attemptedAction, e.data.rule])).toEqual([
    [await userId(stack, 'dispatcher'), 'resolve', 'role'],
    [await userId(stack, 'auditor'), 'whistle', 'role'],
  ]);
});

test(`identical attempts by one person within ${REFUSAL_FOLD_MINUTES} minutes are one event; another action or a later window is a new one`, async () => {
  const { id, task } = await dispatchedToUrbanBureau();
  // Given a first refused attempt
  expect((await act(stack, 'dept_handler2', task.id, 'acknowledge')).status).toBe(403);
  // When it is repeated five times at once, and another action is tried
  const repeats = await Promise.all(Array.from({ length: 5 }, () => act(stack, 'dept_handler2', task.id, 'acknowledge')));
  expect((await act(stack, 'dept_handler2', task.id, 'dispute', { reason: '不是我们的' })).status).toBe(403);
  // Then every attempt is answered 403, but the audit holds one event for the burst and one for the other action
  expect(repeats.map((r) => r.status)).toEqual(Array(5).fill(403));
  expect((await refusals(id)).map((e) => e.data.attemptedAction)).toEqual(['acknowledge', 'dispute']);
  // And the same attempt after the window is recorded again
  await stack.advance(REFUSAL_FOLD_MINUTES * 60_000);
  expect((await act(stack, 'dept_handler2', task.id, 'acknowledge')).status).toBe(403);
  const events = await refusals(id);
  expect(events.map((e) => e.data.attemptedAction)).toEqual(['acknowledge', 'dispute', 'acknowledge']);
  expect(events[0].data.foldedWithinMinutes).toBe(REFUSAL_FOLD_MINUTES);
  // The chain still verifies with the refusals in it
  expect((await request(stack.app).get(`/api/instances/${id}/audit/verify`).set('authorization', await stack.login('auditor'))).body).toMatchObject({ ok: true });
});
