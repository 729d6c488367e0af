// Branches of 查处分离 on the time-skipping server: street outcomes, routing and returns, the penalty procedure
// with statements, hearings, legal review and the 90-day clock, payment, surcharge, court enforcement, re-check.
import request from 'supertest';
import { PenaltyStep as P } from '../../domain/processes/inspection-penalty';
import { createTestStack, type TestStack } from '../support/test-stack';
import { act, audit, complete, instance, waitForStatus } from '../support/whistle';
import { fine, registered, startInspection } from '../support/penalty';

const DAY = 86_400_000;
let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

const shanghaiDay = (instant: Date) => new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** From registration through a decision of `penalty` with the party waiving its defence. */
async function decided(id: string, penalty: Record<string, unknown>) {
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: penalty });
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: penalty, hearingEligible: false });
  await complete(stack, id, P.Defence, 'case_officer', 'waive');
  await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty });
  await complete(stack, id, P.Serve, 'case_officer', 'served', { method: 'inPerson' });
}

async function closeOnStreet(id: string) {
  await complete(stack, id, P.StreetRecheck, 'enforcement_officer', 'fixed');
  return waitForStatus(stack, id, 'closed');
}

test('a compliant subject closes the inspection', async () => {
  const id = await startInspection(stack);
  await complete(stack, id, P.Inspect, 'enforcement_officer', 'compliant');
  expect((await waitForStatus(stack, id, 'closed')).outcome).toMatchObject({ result: 'compliant', selfResolved: true });
});

test('a rectification order is re-checked after its deadline; not fixed goes on, fixed closes', async () => {
  const id = await startInspection(stack);
  const tomorrow = shanghaiDay(new Date((await stack.temporal.clock.now()).getTime() + DAY));
  const past = await act(stack, 'enforcement_officer', (await stack.openTask(id, P.Inspect)).id, 'orderRectification', { deadline: '2020-01-01', requirement: '清理占道' });
  expect(past.body.error.details[0].path).toBe('data.deadline');
  await complete(stack, id, P.Inspect, 'enforcement_officer', 'orderRectification', { deadline: tomorrow, requirement: '三日内清理占道物品' });
  await stack.advance(2 * DAY);
  await complete(stack, id, P.Recheck, 'enforcement_officer2', 'notFixed');
  await complete(stack, id, P.Inspect, 'enforcement_officer', 'orderRectification', { deadline: shanghaiDay(new Date((await stack.temporal.clock.now()).getTime() + DAY)), requirement: '再次责令' });
  await stack.advance(2 * DAY);
  await complete(stack, id, P.Recheck, 'enforcement_officer', 'fixed');
  expect((await waitForStatus(stack, id, 'closed')).outcome).toMatchObject({ result: 'rectified', selfResolved: true });
});

test('the simple procedure on the spot is refused beyond art. 51’s limit and allowed within it', async () => {
  const person = await startInspection(stack);
  const task = await stack.openTask(person, P.Inspect);
  const beyond = await act(stack, 'enforcement_officer', task.id, 'simplePenalty', { kind: 'fine', amountFen: 20_001, basis: '城市道路管理条例' });
  expect(beyond.status).toBe(400);
  expect(beyond.body.error.details[0]).toMatchObject({ path: 'data.amountFen' });
  expect((await act(stack, 'enforcement_officer', task.id, 'simplePenalty', { kind: 'fine', amountFen: 20_000, basis: '城市道路管理条例' })).status).toBe(200);
  expect((await waitForStatus(stack, person, 'closed')).outcome).toMatchObject({ result: 'simplePenalty', penalty: { kind: 'fine', amountFen: 20_000 } });

  const company = await startInspection(stack, { subject: { name: '某某商贸有限公司', address: '东湖路20号', creditCode: '91320100MA1XXXXX0X' } });
  const companyTask = await stack.openTask(company, P.Inspect);
  expect((await act(stack, 'enforcement_officer', companyTask.id, 'simplePenalty', { kind: 'fine', amountFen: 300_001, basis: '条例' })).status).toBe(400);
  expect((await act(stack, 'enforcement_officer', companyTask.id, 'simplePenalty', { kind: 'fine', amountFen: 300_000, basis: '条例' })).status).toBe(200);
});

test('a transferred case routed to the wrong department is returned and re-routed', async () => {
  const id = await startInspection(stack);
  await complete(stack, id, P.Inspect, 'enforcement_officer', 'transfer', { matterCode: 'urban-vending', evidence: ['照片.jpg'] });
  const notADepartment = await act(stack, 'platform_operator', (await stack.openTask(id, P.Route)).id, 'route', { departmentId: 'street-a' });
  expect(notADepartment.body.error.details[0].path).toBe('data.departmentId');
  await complete(stack, id, P.Route, 'platform_operator', 'route', { departmentId: 'dept-urban' });
  await complete(stack, id, P.Register, 'case_officer', 'returnCase', { reason: '属于市场监管事项' });
  const second = await stack.openTask(id, P.Route);
  expect(second.orgUnitId).toBe('district');
  expect((await audit(stack, id)).find((e) => e.action === 'returned')?.data).toMatchObject({ departmentId: 'dept-urban', reason: '属于市场监管事项' });
});

test('a full penalty with a statement only: notice, defence, decision, service, payment on time, street re-check', async () => {
  const id = await registered(stack);
  const detail = await request(stack.app).get(`/api/instances/${id}`).set('authorization', await stack.login('case_officer'));
  expect(detail.body.clock).toMatchObject({ daysRemaining: 90, paused: false });
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: fine(100_000) });
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: fine(100_000), hearingEligible: false });
  const defence = await stack.openTask(id, P.Defence);
  expect((await act(stack, 'case_officer', defence.id, 'statement', { text: '当事人称系初次违法，请求从轻' })).body.status).toBe('open');
  expect((await act(stack, 'case_officer', defence.id, 'requestHearing')).status).toBe(409);
  await act(stack, 'case_officer', defence.id, 'waive');
  await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty: fine(80_000), publish: true });
  await complete(stack, id, P.Serve, 'case_officer2', 'served', { method: 'inPerson' });
  await complete(stack, id, P.Enforce, 'case_officer', 'paid', { amountFen: 80_000 });
  const closed = await closeOnStreet(id);
  expect(closed.outcome).toMatchObject({ result: 'penalized', penalty: fine(80_000), paidFen: 80_000, surchargeFen: 0, published: true });
  expect((await audit(stack, id)).map((e) => e.action)).toEqual(expect.arrayContaining(['statement', 'resultToStreet', 'publish']));
});

test('a hearing pauses the 90-day clock and is held no sooner than 7 days after its notice', async () => {
  const id = await registered(stack);
  const penalty = fine(2_000_000);
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: penalty });
  const silent = await act(stack, 'case_officer', (await stack.openTask(id, P.Notify)).id, 'notify', { proposedPenalty: penalty, hearingEligible: false });
  expect(silent.body.error.details[0].path).toBe('data.hearingEligible');
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: penalty, hearingEligible: true });
  const before = (await request(stack.app).get(`/api/instances/${id}`).set('authorization', await stack.login('auditor'))).body.clock;
  await complete(stack, id, P.Defence, 'case_officer', 'requestHearing');
  const hearing = await stack.openTask(id, P.Hearing);
  expect((await act(stack, 'hearing_officer', hearing.id, 'hold', { record: '听证笔录' })).status).toBe(409);
  await stack.advance(8 * DAY);
  const paused = (await request(stack.app).get(`/api/instances/${id}`).set('authorization', await stack.login('auditor'))).body.clock;
  expect(paused).toMatchObject({ paused: true, daysRemaining: before.daysRemaining });
  await complete(stack, id, P.Hearing, 'hearing_officer', 'hold', { record: '听证笔录：当事人陈述' });
  const resumed = (await request(stack.app).get(`/api/instances/${id}`).set('authorization', await stack.login('auditor'))).body.clock;
  expect(resumed.paused).toBe(false);
  expect(Date.parse(resumed.dueAt) - Date.parse(before.dueAt)).toBeGreaterThanOrEqual(8 * DAY);
  await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty });
});

test('a hearing requested more than 5 days after the notice is refused', async () => {
  const id = await registered(stack);
  const penalty = fine(2_000_000);
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: penalty });
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: penalty, hearingEligible: true });
  const defence = await stack.openTask(id, P.Defence);
  await stack.advance(5 * DAY + 3600_000);
  const late = await act(stack, 'case_officer', defence.id, 'requestHearing');
  expect(late.status).toBe(409);
  expect(late.body.error.message).toContain('within 5 days');
});

test('legal review of a major case rejects, the investigation is redone, then it passes', async () => {
  const id = await registered(stack);
  const major = fine(6_000_000);
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: major });
  await complete(stack, id, P.LegalReview, 'legal_reviewer', 'reject', { reason: '证据不足' });
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: major });
  await complete(stack, id, P.LegalReview, 'legal_reviewer', 'pass');
  await stack.openTask(id, P.Notify);
  expect((await audit(stack, id)).filter((e) => e.stepId === P.LegalReview && e.action === 'open')).toHaveLength(2);
});

test('a no-penalty decision goes back to the street and closes', async () => {
  const id = await registered(stack);
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'noPenalty', reason: '违法行为轻微并及时改正' });
  await complete(stack, id, P.Decide, 'agency_head', 'noPenalty', { reason: '首违不罚' });
  expect((await closeOnStreet(id)).outcome).toMatchObject({ result: 'noPenalty' });
});

test('late payment owes 3 % a day, capped at the fine', async () => {
  const id = await registered(stack);
  await decided(id, fine(100_000));
  const enforce = await stack.openTask(id, P.Enforce);
  await stack.advance(15 * DAY + 40 * DAY);
  const short = await act(stack, 'case_officer', enforce.id, 'paid', { amountFen: 100_000 });
  expect(short.status).toBe(400);
  expect(short.body.error.details[0]).toMatchObject({ path: 'data.amountFen', message: expect.stringContaining('200000') });
  expect((await act(stack, 'case_officer', enforce.id, 'paid', { amountFen: 200_000 })).status).toBe(200);
  expect((await closeOnStreet(id)).outcome).toMatchObject({ paidFen: 200_000, surchargeFen: 100_000 });
});

test('court enforcement is applied for only after the payment period', async () => {
  const id = await registered(stack);
  await decided(id, fine(50_000));
  const enforce = await stack.openTask(id, P.Enforce);
  expect((await act(stack, 'case_officer', enforce.id, 'courtEnforcement')).status).toBe(409);
  await stack.advance(16 * DAY);
  expect((await act(stack, 'case_officer', enforce.id, 'courtEnforcement')).status).toBe(200);
  await complete(stack, id, P.StreetRecheck, 'enforcement_officer', 'notFixed');
  expect((await closeOnStreet(id)).outcome).toMatchObject({ courtEnforcement: true });
  expect((await audit(stack, id)).some((e) => e.action === 'rectificationOutstanding')).toBe(true);
});

test('the 90-day clock reminds before its end and is supervised when missed', async () => {
  const id = await registered(stack);
  await stack.advance(81 * DAY);
  await stack.advance(10 * DAY);
  const events = (await audit(stack, id)).filter((e) => e.stepId === P.Decide);
  expect(events.map((e) => [e.action, e.data.about ?? e.data.reason])).toEqual([['remind', 'caseLimit'], ['supervise', 'caseLimitMissed']]);
  expect((await instance(stack, id)).status).toBe('running');
});

test('evidence preservation needs the agency head, and its decision is due within 7 days', async () => {
  const id = await registered(stack);
  const investigate = await stack.openTask(id, P.Investigate);
  await act(stack, 'case_officer', investigate.id, 'requestPreservation', { items: ['烧烤炉具2套'], reason: '证据可能灭失' });
  await complete(stack, id, P.PreservationApproval, 'agency_head', 'approve');
  await stack.advance(8 * DAY);
  expect((await act(stack, 'case_officer', investigate.id, 'conclude', { finding: 'noPenalty', reason: 'x' })).status).toBe(409);
  expect((await audit(stack, id)).find((e) => e.data.reason === 'preservationDecisionOverdue')).toBeDefined();
  expect((await act(stack, 'case_officer', investigate.id, 'decidePreserved', { decision: '解除登记保存' })).status).toBe(200);
  expect((await act(stack, 'case_officer', investigate.id, 'conclude', { finding: 'noPenalty', reason: '轻微' })).status).toBe(200);
  await stack.openTask(id, P.Decide);
});

test('every trace these scenarios produced conforms to the diagram (fitness 1.0)', async () => {
  const res = await request(stack.app).get('/api/processes/inspection-penalty/conformance').set('authorization', await stack.login('auditor'));
  expect(res.body.static).toMatchObject({ missingInDiagram: [], missingInCode: [] });
  expect(res.body.deviations).toEqual([]);
  expect(res.body.instancesChecked).toBeGreaterThanOrEqual(13);
  expect(res.body.fitness).toBe(1);
});
