// Separation of duties in 查处分离: every forbidden person who tries gets 403 and the attempt is in the audit
// trail; and one transferred case runs from inspection to close through the API, conforming to its diagram.
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { users } from '../../db/schema';
import { hashPassword } from '../../db/passwords';
import { readDiagram } from '../../domain/bpmn/diagram';
import { PenaltyStep as P } from '../../domain/processes/inspection-penalty';
import { createTestStack, type TestStack } from '../support/test-stack';
import { act, audit, complete, waitForStatus } from '../support/whistle';
import { fine, inspectionInput, registered, today, userId } from '../support/penalty';

let stack: TestStack;
const DAY = 86_400_000;
beforeAll(async () => {
  // A November without holidays: a hearing notified on any day of it can be held two weeks later.
  stack = await createTestStack({ startAt: '2026-11-02T09:00:00+08:00' });
  const passwordHash = await hashPassword('demo123');
  await stack.database.db.insert(users).values([
    // A district officer holding every role: the rules, not the roles, must keep them apart.
    { id: 'u-all-roles', username: 'all_roles', name: '全岗位', passwordHash, roles: ['enforcement_officer', 'case_officer', 'legal_reviewer', 'hearing_officer', 'agency_head'], orgUnitId: 'district' },
    { id: 'u-co-multi', username: 'co_multi', name: '办案兼审核', passwordHash, roles: ['case_officer', 'legal_reviewer', 'hearing_officer'], orgUnitId: 'dept-urban' },
  ]);
});
afterAll(async () => { await stack?.close(); });

const refusals = async (id: string) => (await audit(stack, id)).filter((e) => e.action === 'refused');

async function expectRefused(id: string, stepId: string, username: string, action: string, data: Record<string, unknown> = {}) {
  const task = await stack.openTask(id, stepId);
  const before = (await refusals(id)).length;
  const res = await act(stack, username, task.id, action, data);
  expect({ stepId, username, status: res.status, code: res.body.error?.code }).toEqual({ stepId, username, status: 403, code: 'SEPARATION_OF_DUTIES' });
  const logged = await refusals(id);
  expect(logged).toHaveLength(before + 1);
  expect(logged[logged.length - 1]).toMatchObject({ stepId, actor: { id: await userId(stack, username) }, data: { attemptedAction: action } });
}

test('an inspector of the case may never register, investigate, review, host the hearing of or decide its penalty', async () => {
  const inspectors = [await userId(stack, 'all_roles'), await userId(stack, 'enforcement_officer')];
  const id = await registered(stack, { inspectors });
  // The registration above was by case_officer; an inspector trying is refused on the next case.
  const second = (await request(stack.app).post('/api/processes/inspection-penalty/instances').set('authorization', await stack.login('enforcement_officer'))
    .send({ input: await inspectionInput(stack, { inspectors }) })).body.instanceId as string;
  await complete(stack, second, P.Inspect, 'all_roles', 'transfer', { matterCode: 'urban-vending', evidence: ['照片.jpg'] });
  await complete(stack, second, P.Route, 'platform_operator', 'route', { departmentId: 'dept-urban' });
  await expectRefused(second, P.Register, 'all_roles', 'register', { caseOfficers: [await userId(stack, 'case_officer'), await userId(stack, 'case_officer2')], offence: { date: await today(stack) } });

  await expectRefused(id, P.Investigate, 'all_roles', 'conclude', { finding: 'penalize', proposedPenalty: fine(6_000_000) });
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: fine(6_000_000) });
  await expectRefused(id, P.LegalReview, 'all_roles', 'pass');
  await complete(stack, id, P.LegalReview, 'legal_reviewer', 'pass');
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: fine(6_000_000), hearingEligible: true });
  await complete(stack, id, P.Defence, 'case_officer', 'requestHearing');
  await stack.advance(14 * DAY);
  await expectRefused(id, P.Hearing, 'all_roles', 'hold', { record: '笔录' });
  await complete(stack, id, P.Hearing, 'hearing_officer', 'hold', { record: '笔录' });
  await expectRefused(id, P.LegalReview, 'all_roles', 'pass');
  await complete(stack, id, P.LegalReview, 'legal_reviewer', 'pass');
  const collectiveDiscussion = { date: await today(stack), participants: ['局长', '副局长'], conclusion: '同意' };
  await expectRefused(id, P.Decide, 'all_roles', 'decide', { penalty: fine(6_000_000), collectiveDiscussion });
});

test('an investigator may never review the case or host its hearing', async () => {
  const id = await registered(stack, {}, 'enforcement_officer', ['co_multi', 'case_officer2']);
  await complete(stack, id, P.Investigate, 'co_multi', 'conclude', { finding: 'penalize', proposedPenalty: fine(6_000_000) });
  await expectRefused(id, P.LegalReview, 'co_multi', 'pass');
  await complete(stack, id, P.LegalReview, 'legal_reviewer', 'pass');
  await complete(stack, id, P.Notify, 'co_multi', 'notify', { proposedPenalty: fine(6_000_000), hearingEligible: true });
  await complete(stack, id, P.Defence, 'co_multi', 'requestHearing');
  await stack.advance(14 * DAY);
  await expectRefused(id, P.Hearing, 'co_multi', 'hold', { record: '笔录' });
  await complete(stack, id, P.Hearing, 'hearing_officer', 'hold', { record: '笔录' });
  await expectRefused(id, P.LegalReview, 'co_multi', 'pass');
});

test('inspection and investigation each need two distinct officers, and only they act', async () => {
  const same = await userId(stack, 'enforcement_officer');
  const twice = await request(stack.app).post('/api/processes/inspection-penalty/instances').set('authorization', await stack.login('enforcement_officer'))
    .send({ input: await inspectionInput(stack, { inspectors: [same, same] }) });
  expect(twice.status).toBe(400);
  expect(twice.body.error.details[0].path).toBe('input.inspectors');
  const notMine = await request(stack.app).post('/api/processes/inspection-penalty/instances').set('authorization', await stack.login('enforcement_officer_b'))
    .send({ input: await inspectionInput(stack) });
  expect(notMine.status).toBe(403);

  const id = (await request(stack.app).post('/api/processes/inspection-penalty/instances').set('authorization', await stack.login('enforcement_officer'))
    .send({ input: await inspectionInput(stack, { inspectors: [same, await userId(stack, 'all_roles')] }) })).body.instanceId as string;
  await expectRefused(id, P.Inspect, 'enforcement_officer2', 'compliant');
  await complete(stack, id, P.Inspect, 'enforcement_officer', 'transfer', { matterCode: 'urban-vending', evidence: ['照片.jpg'] });
  await complete(stack, id, P.Route, 'platform_operator', 'route', { departmentId: 'dept-urban' });
  const register = await stack.openTask(id, P.Register);
  const offence = { date: await today(stack) };
  const duplicate = await act(stack, 'case_officer', register.id, 'register', { caseOfficers: [await userId(stack, 'case_officer'), await userId(stack, 'case_officer')], offence });
  expect(duplicate.status).toBe(400);
  expect(duplicate.body.error.details[0].path).toBe('data.caseOfficers');
  const outsider = await act(stack, 'case_officer', register.id, 'register', { caseOfficers: [await userId(stack, 'case_officer'), await userId(stack, 'dept_handler')], offence });
  expect(outsider.body.error.details[0].path).toBe('data.caseOfficers.1');
  await act(stack, 'case_officer', register.id, 'register', { caseOfficers: [await userId(stack, 'case_officer'), await userId(stack, 'co_multi')], offence });
  await expectRefused(id, P.Investigate, 'case_officer2', 'conclude', { finding: 'noPenalty', reason: 'x' });
});

test('one transferred case runs from inspection to close; its chain verifies and every step is in the diagram', async () => {
  const id = await registered(stack);
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: fine(300_000) });
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: fine(300_000), hearingEligible: false });
  await complete(stack, id, P.Defence, 'case_officer', 'statement', { text: '请求从轻处罚' });
  await stack.advance(10 * DAY);
  await complete(stack, id, P.StatementReview, 'case_officer', 'review', { adopted: 'adopted', reasons: '情节较轻，予以采纳' });
  await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty: fine(200_000) });
  await complete(stack, id, P.Serve, 'case_officer', 'served', { method: 'post' });
  await complete(stack, id, P.Enforce, 'case_officer', 'paid', { amountFen: 200_000 });
  await complete(stack, id, P.StreetRecheck, 'enforcement_officer', 'fixed');
  await waitForStatus(stack, id, 'closed');
  const auth = await stack.login('auditor');
  expect((await request(stack.app).get(`/api/instances/${id}/audit/verify`).set('authorization', auth)).body).toMatchObject({ ok: true });
  const diagram = await readDiagram(readFileSync(join(__dirname, '..', '..', 'processes', 'inspection-penalty.bpmn'), 'utf8'));
  const recorded = [...new Set((await audit(stack, id)).map((e) => e.stepId).filter((s): s is string => s !== null))];
  expect(recorded.filter((s) => !diagram.flowNodeIds.includes(s))).toEqual([]);
  expect((await audit(stack, id)).some((e) => e.action === 'defencePeriodEnded')).toBe(true);
  const department = await request(stack.app).get(`/api/instances/${id}`).set('authorization', await stack.login('case_officer'));
  expect(department.status).toBe(200);
});
