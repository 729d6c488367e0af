// Branches of 查处分离 on the time-skipping server: street outcomes, routing and returns, the penalty procedure with
// statements and their review, legal review, the decision bound to its notice, collective discussion, payment with
// the capped surcharge, re-check. The legal periods, with dates worked out by hand, are in inspection-penalty-periods.test.ts.
import request from 'supertest';
import { PenaltyStep as P } from '../../domain/processes/inspection-penalty';
import { createTestStack, type TestStack } from '../support/test-stack';
import { act, audit, complete, waitForStatus } from '../support/whistle';
import { fine, registered, startInspection, today } from '../support/penalty';

const DAY = 86_400_000;
let stack: TestStack;
// A November without holidays, so the relative waits below mean the same on every run.
beforeAll(async () => { stack = await createTestStack({ startAt: '2026-11-02T09:00:00+08:00' }); });
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
  expect(detail.body.clock).toMatchObject({ limit: { amount: 90, unit: 'calendarDays' }, paused: false });
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: fine(100_000) });
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: fine(100_000), hearingEligible: false });
  const defence = await stack.openTask(id, P.Defence);
  expect((await act(stack, 'case_officer', defence.id, 'statement', { text: '当事人称系初次违法，请求从轻' })).body.status).toBe('open');
  expect((await act(stack, 'case_officer', defence.id, 'requestHearing')).status).toBe(409);
  await act(stack, 'case_officer', defence.id, 'waive');
  // The party spoke: its statements are reviewed (复核) before the decision (art. 45).
  const review = await stack.openTask(id, P.StatementReview);
  expect((await act(stack, 'agency_head', review.id, 'review', { adopted: 'partlyAdopted', reasons: '初次违法，从轻' })).status).toBe(403);
  await complete(stack, id, P.StatementReview, 'case_officer2', 'review', { adopted: 'partlyAdopted', reasons: '初次违法，从轻处罚' });
  await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty: fine(80_000), publish: true });
  await complete(stack, id, P.Serve, 'case_officer2', 'served', { method: 'inPerson' });
  await complete(stack, id, P.Enforce, 'case_officer', 'paid', { amountFen: 80_000 });
  const closed = await closeOnStreet(id);
  expect(closed.outcome).toMatchObject({ result: 'penalized', penalty: fine(80_000), paidFen: 80_000, surchargeFen: 0, published: true });
  expect((await audit(stack, id)).map((e) => e.action)).toEqual(expect.arrayContaining(['statement', 'review', 'resultToStreet', 'publish']));
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

test('after a no-penalty finding no penalty is decided without a notice; renotify gives one and a defence period', async () => {
  const id = await registered(stack);
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'noPenalty', reason: '情节轻微' });
  const decide = await stack.openTask(id, P.Decide);
  const unnoticed = await act(stack, 'agency_head', decide.id, 'decide', { penalty: fine(50_000) });
  expect(unnoticed.status).toBe(409);
  expect(unnoticed.body.error.message).toContain('第四十四条');
  await act(stack, 'agency_head', decide.id, 'renotify', { proposedPenalty: fine(50_000), reason: '负责人认为应予处罚' });
  const notify = await stack.openTask(id, P.Notify);
  // The notice may not go beyond what the agency head asked to notify.
  expect((await act(stack, 'case_officer', notify.id, 'notify', { proposedPenalty: fine(60_000), hearingEligible: false })).body.error.details[0].path).toBe('data.proposedPenalty');
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: fine(50_000), hearingEligible: false });
  await complete(stack, id, P.Defence, 'case_officer', 'waive');
  await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty: fine(50_000) });
  await stack.openTask(id, P.Serve);
});

test('a penalty heavier than notified is refused; renotify sends the case back to notice and defence', async () => {
  const id = await registered(stack);
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: fine(100_000) });
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: fine(100_000), hearingEligible: false });
  await complete(stack, id, P.Defence, 'case_officer', 'waive');
  const decide = await stack.openTask(id, P.Decide);
  const heavier = await act(stack, 'agency_head', decide.id, 'decide', { penalty: fine(150_000) });
  expect(heavier.status).toBe(400);
  expect(heavier.body.error.details[0]).toMatchObject({ path: 'data.penalty', message: expect.stringContaining('重新告知') });
  expect((await act(stack, 'agency_head', decide.id, 'decide', { penalty: { kind: 'suspendBusiness' } })).body.error.details[0].path).toBe('data.penalty');
  await act(stack, 'agency_head', decide.id, 'renotify', { proposedPenalty: fine(150_000), reason: '违法所得较多，拟加重' });
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: fine(150_000), hearingEligible: false });
  await complete(stack, id, P.Defence, 'case_officer', 'waive');
  await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty: fine(150_000) });
  expect((await audit(stack, id)).filter((e) => e.stepId === P.Notify && e.action === 'open')).toHaveLength(2);
});

test('a serious case is decided only with its collective discussion recorded (art. 57)', async () => {
  const id = await registered(stack);
  const major = fine(6_000_000);
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: major });
  await complete(stack, id, P.LegalReview, 'legal_reviewer', 'pass');
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: major, hearingEligible: true });
  await complete(stack, id, P.Defence, 'case_officer', 'waive');
  const decide = await stack.openTask(id, P.Decide);
  const alone = await act(stack, 'agency_head', decide.id, 'decide', { penalty: major });
  expect(alone.status).toBe(400);
  expect(alone.body.error.details[0]).toMatchObject({ path: 'data.collectiveDiscussion', message: expect.stringContaining('第五十七条') });
  const tomorrow = new Date(Date.parse(`${await today(stack)}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  const early = await act(stack, 'agency_head', decide.id, 'decide', { penalty: major, collectiveDiscussion: { date: tomorrow, participants: ['局长', '副局长'], conclusion: '同意' } });
  expect(early.body.error.details[0].path).toBe('data.collectiveDiscussion.date');
  const discussion = { date: await today(stack), participants: ['局长', '副局长', '法制科长'], conclusion: '同意按告知内容处罚' };
  expect((await act(stack, 'agency_head', decide.id, 'decide', { penalty: major, collectiveDiscussion: discussion })).status).toBe(200);
  expect((await audit(stack, id)).find((e) => e.stepId === P.Decide && e.action === 'decide')?.data.collectiveDiscussion).toEqual(discussion);
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

test('every trace these scenarios produced conforms to the diagram (fitness 1.0)', async () => {
  const res = await request(stack.app).get('/api/processes/inspection-penalty/conformance').set('authorization', await stack.login('auditor'));
  expect(res.body.static).toMatchObject({ missingInDiagram: [], missingInCode: [] });
  expect(res.body.deviations).toEqual([]);
  expect(res.body.instancesChecked).toBeGreaterThanOrEqual(11);
  expect(res.body.fitness).toBe(1);
});
