// Issue 16, the licensing findings: a counter filing is bound to its party by a one-time claim code, portal accounts
// are bound to the subjects they may apply for, a 容缺 filing deadline is bounded by the item's limit, resident ID
// numbers are masked for roles without a licensing duty, and a clerk acting for the party records their consent.
// Each scenario failed on the code before the fix.
import request from 'supertest';
import { hashPassword } from '../../db/passwords';
import { users } from '../../db/schema';
import { LicensingStep } from '../../domain/processes/commitment-licensing';
import { createTestStack, type TestStack } from '../support/test-stack';
import { act, audit, complete, instance } from '../support/whistle';
import { application, DEMO_SUBJECTS, newCreditCode } from '../support/licensing';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
  // A second member of the public in street A, whose account is bound to no subject.
  await stack.database.db.insert(users).values({
    id: 'u-portal-stranger', username: 'applicant2', name: '第二申请人', roles: ['applicant'], orgUnitId: 'street-a', passwordHash: await hashPassword('demo123'),
  });
});
afterAll(async () => { await stack?.close(); });

const NOTICE = 'FB-2026-1';
const ID_NUMBER = '11010519491231002X';
const MASKED_ID = '110105********002X';
const CONSENT = { method: 'inPersonIdChecked', reference: '身份证核验 窗口登记 2026-001' };
const as = async (username: string) => ({ authorization: await stack.login(username) });
const file = async (input: Record<string, unknown>, who = 'window_clerk') =>
  request(stack.app).post('/api/processes/commitment-licensing/instances').set(await as(who)).send({ input });
const redeem = async (code: unknown, who: string) => request(stack.app).post('/api/licensing/claims').set(await as(who)).send({ code });
const taskIdsOf = async (who: string, scope: string) =>
  (await request(stack.app).get(`/api/tasks?scope=${scope}&limit=200`).set(await as(who))).body.items.map((t: { taskId: string }) => t.taskId) as string[];

/** Everything a stranger tries on an applicant step: it never sees the task, reads it, claims it or acts on it. */
async function expectStrangerLockedOut(stranger: string, task: { id: string; instanceId: string }, action: string, data: Record<string, unknown>) {
  for (const scope of ['available', 'all', 'mine']) expect({ scope, has: (await taskIdsOf(stranger, scope)).includes(task.id) }).toEqual({ scope, has: false });
  expect([403, 404]).toContain((await request(stack.app).get(`/api/tasks/${task.id}`).set(await as(stranger))).status);
  expect([403, 404]).toContain((await request(stack.app).post(`/api/tasks/${task.id}/claim`).set(await as(stranger))).status);
  expect({ action, status: [403, 404].includes((await act(stack, stranger, task.id, action, data)).status) }).toEqual({ action, status: true });
  expect((await request(stack.app).get(`/api/instances/${task.instanceId}`).set(await as(stranger))).status).toBe(404);
}

describe('finding 1: a counter filing belongs to the party who holds its claim code', () => {
  test('the clerk gets a one-time claim code; until it is redeemed no applicant of the street sees, signs or withdraws the commitment', async () => {
    const res = await file(application());
    expect(res.status).toBe(201);
    expect(res.body.claim).toEqual({ code: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/), expiresAt: expect.any(String) });
    const commit = await stack.openTask(res.body.instanceId, LicensingStep.Commit);
    for (const stranger of ['applicant', 'applicant2']) {
      await expectStrangerLockedOut(stranger, commit, 'sign', { noticeVersion: NOTICE });
      await expectStrangerLockedOut(stranger, commit, 'withdraw', {});
    }
    // The code is kept only as a hash: nowhere in the database, nowhere in the case's trail.
    const dump = JSON.stringify((await stack.database.db.execute('select * from case_claims') as unknown as { rows: unknown[] }).rows);
    expect(dump).not.toContain(res.body.claim.code);
    expect(JSON.stringify(await audit(stack, res.body.instanceId))).not.toContain(res.body.claim.code);
  });

  test('the party redeems the code and alone acts on every applicant step; another applicant cannot sign, withdraw, resubmit or file', async () => {
    const res = await file(application());
    const id = res.body.instanceId as string;
    const claimed = await redeem(res.body.claim.code.toLowerCase().replaceAll('-', ' '), 'applicant2');
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ instanceId: id });
    expect((await audit(stack, id)).find((e) => e.action === 'partyBound')).toMatchObject({ actor: { id: 'u-portal-stranger' }, data: { via: 'claimCode' } });

    const commit = await stack.openTask(id, LicensingStep.Commit);
    expect(await taskIdsOf('applicant2', 'available')).toContain(commit.id);
    await expectStrangerLockedOut('applicant', commit, 'sign', { noticeVersion: NOTICE });
    await expectStrangerLockedOut('applicant', commit, 'withdraw', {});
    expect((await act(stack, 'applicant2', commit.id, 'sign', { noticeVersion: NOTICE })).status).toBe(200);

    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'requestSupplement', { missing: ['营业执照复印件'] });
    const resubmit = await stack.openTask(id, LicensingStep.Resubmit);
    await expectStrangerLockedOut('applicant', resubmit, 'resubmit', { documents: ['伪造.pdf'] });
    expect((await act(stack, 'applicant2', resubmit.id, 'resubmit', { documents: ['执照.pdf'] })).status).toBe(200);

    const deadline = new Date((await stack.temporal.clock.now()).getTime() + 5 * 86_400_000).toISOString();
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'acceptWithMissing', { missing: ['健康证明'], deadline });
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    const filing = await stack.openTask(id, LicensingStep.FileMissing);
    await expectStrangerLockedOut('applicant', filing, 'file', { documents: ['伪造.pdf'] });
    expect((await act(stack, 'applicant2', filing.id, 'file', { documents: ['健康证.pdf'] })).status).toBe(200);
    expect((await request(stack.app).get(`/api/instances/${id}`).set(await as('applicant2'))).status).toBe(200);
  });

  test('a claim code is single use, unknown codes are refused, and a malformed one is a 400 naming the field', async () => {
    const res = await file(application());
    expect((await redeem(res.body.claim.code, 'applicant2')).status).toBe(200);
    const again = await redeem(res.body.claim.code, 'applicant');
    expect(again.status).toBe(409);
    expect((await redeem('ABCD-EFGH-JKLM', 'applicant')).status).toBe(404);
    const malformed = await redeem(42, 'applicant');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe('code');
    // Staff do not redeem codes: they are for the party's own portal account.
    expect((await redeem('ABCD-EFGH-JKLM', 'window_clerk')).status).toBe(403);
  });

  test('an expired code is refused; the clerk re-issues one, which replaces the first', async () => {
    const res = await file(application());
    const id = res.body.instanceId as string;
    await stack.advance(8 * 86_400_000);
    expect((await redeem(res.body.claim.code, 'applicant2')).status).toBe(409);
    const reissue = async (who: string) => request(stack.app).post('/api/licensing/claim-codes').set(await as(who)).send({ instanceId: id });
    expect((await reissue('window_clerk_b')).status).toBe(404);
    expect((await reissue('applicant2')).status).toBe(403);
    const fresh = await reissue('window_clerk');
    expect(fresh.status).toBe(201);
    expect(fresh.body.code).not.toBe(res.body.claim.code);
    expect((await redeem(res.body.claim.code, 'applicant2')).status).toBe(404);
    expect((await redeem(fresh.body.code, 'applicant2')).status).toBe(200);
    expect((await reissue('window_clerk')).status).toBe(409);
  });
});

describe('finding 2: a portal account applies only for the subjects bound to it', () => {
  test('an application under a credit code not bound to the account is refused, naming the field; a bound one goes through', async () => {
    const foreign = await file(application(), 'applicant');
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.details).toEqual([expect.objectContaining({ path: 'input.applicant.creditCode' })]);
    const own = await file(application({ applicant: { name: '东湖便利店', creditCode: DEMO_SUBJECTS.applicant } }), 'applicant');
    expect(own.status).toBe(201);
    expect((await file(application({ applicant: { name: '东湖便利店', creditCode: DEMO_SUBJECTS.applicant } }), 'applicant_b')).status).toBe(403);
  });

  test('a window clerk binds a subject to an account after checking papers; codes are compared normalised', async () => {
    const code = newCreditCode();
    const bind = (who: Record<string, string>, body: Record<string, unknown>) => request(stack.app).post('/api/licensing/portal-subjects').set(who).send(body);
    const body = { username: 'applicant2', subject: { name: '湖滨超市', creditCode: ` ${code.slice(0, 9).toLowerCase()} ${code.slice(9)} ` }, verification: { document: 'businessLicence', reference: '营业执照原件核验' } };
    expect((await bind(await as('applicant2'), body)).status).toBe(403);
    expect((await bind(await as('window_clerk_b'), body)).status).toBe(403);
    const noPapers = await bind(await as('window_clerk'), { ...body, verification: undefined });
    expect(noPapers.status).toBe(400);
    expect(noPapers.body.error.details.map((d: { path: string }) => d.path)).toContain('verification');
    const badCode = await bind(await as('window_clerk'), { ...body, subject: { name: '湖滨超市', creditCode: 'not-a-code' } });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details.map((d: { path: string }) => d.path)).toContain('subject.creditCode');
    const bound = await bind(await as('window_clerk'), body);
    expect(bound.status).toBe(201);
    expect(bound.body).toMatchObject({ username: 'applicant2', creditCode: code });
    expect((await bind(await as('window_clerk'), body)).status).toBe(409);
    expect((await file(application({ applicant: { name: '湖滨超市', creditCode: code } }), 'applicant2')).status).toBe(201);
  });

  test('an ID number other than the bound one is refused, naming it', async () => {
    const res = await file(application({ applicant: { name: '林申请', creditCode: DEMO_SUBJECTS.applicant, idNumber: '440524188001010014' } }), 'applicant');
    expect(res.status).toBe(403);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'input.applicant.idNumber' })]);
  });
});

describe('finding 3: a 容缺 filing deadline is bounded by the item', () => {
  test('a filing deadline beyond the item\'s limit is refused (400 naming data.deadline); the case then waits for the filing with its date', async () => {
    const id = (await file(application({ route: 'normal' }))).body.instanceId as string;
    const accept = await stack.openTask(id, LicensingStep.Accept);
    const buried = await act(stack, 'window_clerk', accept.id, 'acceptWithMissing', { missing: ['健康证明'], deadline: '9999-12-31T00:00:00+08:00' });
    expect(buried.status).toBe(400);
    expect(buried.body.error.details).toEqual([expect.objectContaining({ path: 'data.deadline', message: expect.stringContaining('20') })]);
    const deadline = new Date((await stack.temporal.clock.now()).getTime() + 10 * 86_400_000).toISOString();
    expect((await act(stack, 'window_clerk', accept.id, 'acceptWithMissing', { missing: ['健康证明'], deadline })).status).toBe(200);
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    await stack.openTask(id, LicensingStep.FileMissing);
    const view = await instance(stack, id, 'shift_chief');
    expect(view.waiting).toEqual([expect.objectContaining({ stepId: LicensingStep.FileMissing, kind: 'missingMaterial', missing: ['健康证明'], deadline: expect.any(String) })]);
    expect(Math.abs(new Date(view.waiting[0].deadline).getTime() - new Date(deadline).getTime())).toBeLessThan(60_000);
  });
});

describe('finding 9: resident ID numbers are masked for roles without a licensing duty', () => {
  test('designers, platform operators and district leaders see the ID masked in the case and its trail; the duty roles, auditors and the party see it whole', async () => {
    const res = await file(application({ applicant: { name: '张三', creditCode: '91350100M000100Y43', idNumber: ID_NUMBER } }));
    const id = res.body.instanceId as string;
    await stack.openTask(id, LicensingStep.Commit);
    expect((await redeem(res.body.claim.code, 'applicant2')).status).toBe(200);
    for (const who of ['process_designer', 'platform_operator', 'district_leader', 'admin']) {
      const body = JSON.stringify([await instance(stack, id, who), await audit(stack, id, who)]);
      expect({ who, whole: body.includes(ID_NUMBER) }).toEqual({ who, whole: false });
      expect({ who, masked: body.includes(MASKED_ID) }).toEqual({ who, masked: true });
    }
    for (const who of ['window_clerk', 'approver', 'verifier', 'auditor', 'applicant2']) {
      expect({ who, idNumber: (await instance(stack, id, who)).input?.applicant?.idNumber }).toEqual({ who, idNumber: ID_NUMBER });
    }
    // What the trail stores is unchanged: the chain still verifies.
    expect((await request(stack.app).get(`/api/instances/${id}/audit/verify`).set(await as('process_designer'))).body).toMatchObject({ ok: true });
  });
});

describe('finding 13c: a clerk acting for the party records the party\'s consent', () => {
  test('an on-behalf withdrawal without consent is 400 naming data.consent; with it, the consent is in the audit event; the party sends none', async () => {
    const input = application({ applicant: { name: '东湖便利店', creditCode: DEMO_SUBJECTS.applicant } });
    const id = (await file(input, 'applicant')).body.instanceId as string;
    const commit = await stack.openTask(id, LicensingStep.Commit);
    const bare = await act(stack, 'window_clerk', commit.id, 'withdraw');
    expect(bare.status).toBe(400);
    expect(bare.body.error.details.map((d: { path: string }) => d.path)).toContain('data.consent');
    const vague = await act(stack, 'window_clerk', commit.id, 'withdraw', { consent: { method: 'phoneCall', reference: '' } });
    expect(vague.status).toBe(400);
    // The party acting for themselves needs no recorded consent, and may not pass one off as a clerk's record.
    expect((await act(stack, 'applicant', commit.id, 'withdraw', { consent: CONSENT })).status).toBe(400);
    expect((await act(stack, 'window_clerk', commit.id, 'withdraw', { consent: CONSENT })).status).toBe(200);
    await stack.openTask(id, LicensingStep.Accept);
    const withdrawal = (await audit(stack, id)).find((e) => e.stepId === LicensingStep.Commit && e.action === 'withdraw');
    expect(withdrawal).toMatchObject({ actor: { role: 'window_clerk' }, data: { consent: CONSENT } });
  });
});
