// Scenarios of the notify-then-approve licensing process (告知承诺制) on the time-skipping server, with the real
// worker and database; the enforcement platform is the in-process adapter, injected so a test can make it fail.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { and, eq } from 'drizzle-orm';
import { InProcessEnforcementPlatform } from '../../activities/enforcement-platform';
import { creditRecords, licences, pushReceipts, tasks } from '../../db/schema';
import { LicensingService, LicensingStep } from '../../domain/processes/commitment-licensing';
import { application, apply, createLicensingStack, passDeadline, startApplication } from '../support/licensing';
import { waitFor, type TestStack } from '../support/test-stack';
import { act, audit, complete, instance, waitForStatus } from '../support/whistle';

const NOTICE = 'FB-2026-1';
let stack: TestStack;
beforeAll(async () => { stack = await createLicensingStack(new InProcessEnforcementPlatform()); });
afterAll(async () => { await stack?.close(); });

const creditOf = (creditCode: string) => stack.database.db.select().from(creditRecords).where(eq(creditRecords.creditCode, creditCode));
const licenceOf = async (instanceId: string) => (await stack.database.db.select().from(licences).where(eq(licences.instanceId, instanceId)))[0];
const creditCheck = (instanceId: string) => waitFor(async () => (await audit(stack, instanceId)).find((e) => e.stepId === LicensingService.CreditCheck), 'the credit check');

/** Commitment route up to the verification task: sign, accept, decide on the spot. */
async function licensedOnCommitment(input = application()) {
  const id = await startApplication(stack, input);
  await complete(stack, id, LicensingStep.Commit, 'applicant', 'sign', { noticeVersion: NOTICE });
  await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
  await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
  return { id, input, verify: await stack.openTask(id, LicensingStep.Verify) };
}

async function revokedAfterMismatch() {
  const { id, input } = await licensedOnCommitment();
  await complete(stack, id, LicensingStep.Verify, 'verifier', 'mismatch', { method: 'onSite', findings: '经营场所与承诺不符' });
  await complete(stack, id, LicensingStep.Rectify, 'verifier', 'notCorrected');
  return { id, input, closed: await waitForStatus(stack, id, 'revoked') };
}

describe('commitment-licensing', () => {
  test('commitment route: signed notice, licence issued on the spot and pushed, verified match closes with a kept promise', async () => {
    const { id, input, verify } = await licensedOnCommitment();
    expect(verify.orgUnitId).toBe('street-a');
    const events = await audit(stack, id);
    const opened = events.find((e) => e.stepId === LicensingStep.Commit && e.action === 'open')!;
    const signed = events.find((e) => e.action === 'commitmentSigned')!;
    expect(opened.data.noticeVersion).toBe(NOTICE);
    expect(signed.data).toMatchObject({ noticeVersion: NOTICE, sha256: createHash('sha256').update(String(opened.data.notice)).digest('hex') });
    expect(signed.actor).toMatchObject({ role: 'applicant' });
    const licence = await licenceOf(id);
    expect(licence).toMatchObject({ status: 'issued', route: 'commitment' });
    expect(licence.licenceNo).toMatch(/^XK-\d{4}-\d{6}$/);
    expect(events.find((e) => e.action === 'issue')!.data).toMatchObject({ licenceNo: licence.licenceNo });
    expect(events.find((e) => e.stepId === LicensingStep.Verify && e.action === 'open')!.data).toMatchObject({ method: 'onSite', dueAt: expect.any(String) });

    await complete(stack, id, LicensingStep.Verify, 'verifier', 'match', { method: 'onSite' });
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ route: 'commitment', routeReason: null, licenceNo: licence.licenceNo, verification: 'matched', decision: { within: 'limit' } });
    const receipts = await stack.database.db.select().from(pushReceipts).where(eq(pushReceipts.licenceId, licence.id));
    expect(receipts.map((r) => [r.target, r.receiptId !== null, r.acknowledgedAt !== null]).sort()).toEqual([['credit', true, true], ['enforcement', true, true]]);
    expect((await creditOf(input.applicant.creditCode)).map((r) => r.kind).sort()).toEqual(['good', 'licence']);
  });

  test('mismatch corrected: a correction order with its limit, re-verification, then a match closes the case', async () => {
    const { id } = await licensedOnCommitment();
    await complete(stack, id, LicensingStep.Verify, 'verifier', 'mismatch', { method: 'onSite', findings: '未设置食品贮存设施' });
    const rectify = await stack.openTask(id, LicensingStep.Rectify);
    expect(rectify.timeLimit).toEqual({ amount: 30, unit: 'calendarDays' });
    await complete(stack, id, LicensingStep.Rectify, 'verifier', 'corrected');
    await complete(stack, id, LicensingStep.Verify, 'verifier', 'match', { method: 'onSite' });
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ verification: 'matched' });
    const order = (await audit(stack, id)).find((e) => e.action === 'correctionOrder')!;
    expect(order.data).toMatchObject({ findings: '未设置食品贮存设施', correctionLimit: { amount: 30, unit: 'calendarDays' } });
  });

  test('mismatch not corrected: licence revoked, false commitment recorded, and the next application is forced to the normal route', async () => {
    const { id, input, closed } = await revokedAfterMismatch();
    expect(closed.outcome).toMatchObject({ verification: 'notCorrected', revocationReason: expect.any(String) });
    expect(await licenceOf(id)).toMatchObject({ status: 'revoked' });
    expect((await creditOf(input.applicant.creditCode)).map((r) => r.kind)).toContain('falseCommitment');
    const actions = (await audit(stack, id)).map((e) => `${e.stepId}:${e.action}`);
    expect(actions).toEqual(expect.arrayContaining([`${LicensingService.RevokeLicence}:revoke`, `${LicensingService.RecordBadCredit}:creditRecorded`, 'EndEvent_Revoked:revoked']));

    const next = await startApplication(stack, { ...input, itemCode: 'outdoor-ads' });
    await stack.openTask(next, LicensingStep.Accept);
    expect((await creditCheck(next)).data).toMatchObject({ requestedRoute: 'commitment', route: 'normal', reason: 'pastFalseCommitment' });
    const commits = await stack.database.db.select().from(tasks).where(and(eq(tasks.instanceId, next), eq(tasks.stepId, LicensingStep.Commit)));
    expect(commits).toEqual([]);
  });

  test('bad-credit applicant: routed to the normal route with the reason shown; a one-time supplement notice waits for resubmission', async () => {
    const input = application();
    await stack.database.db.insert(creditRecords).values({
      id: `ext-${input.applicant.creditCode}`, creditCode: input.applicant.creditCode, kind: 'bad', reason: '严重失信主体名单', instanceId: null, licenceNo: null, recordedAt: new Date(),
    });
    const id = await startApplication(stack, input);
    expect((await creditCheck(id)).data).toMatchObject({ route: 'normal', reason: 'badCredit' });
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'requestSupplement', { missing: ['食品安全管理制度', '从业人员健康证明'] });
    await complete(stack, id, LicensingStep.Resubmit, 'applicant', 'resubmit', { documents: ['制度.pdf', '健康证.pdf'] });
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ route: 'normal', routeReason: 'badCredit', verification: null, decision: { within: 'limit' } });
    expect(await licenceOf(id)).toMatchObject({ route: 'normal', status: 'issued' });
  });

  test('the credit check is not fooled by spelling: a bad-credit code typed in lower case with spaces still goes the normal route', async () => {
    // Given a bad-credit entry under the code as the registry stores it
    const input = application();
    const code = input.applicant.creditCode;
    await stack.database.db.insert(creditRecords).values({
      id: `ext-spelling-${code}`, creditCode: code, kind: 'bad', reason: '严重失信主体名单', instanceId: null, licenceNo: null, recordedAt: new Date(),
    });
    // When the applicant types it in lower case, in groups of four
    const typed = code.toLowerCase().replace(/(.{4})/g, '$1 ');
    const id = await startApplication(stack, { ...input, applicant: { ...input.applicant, creditCode: typed } });
    // Then the check finds the entry, the case holds the normalised code, and a lookup spelled either way finds it
    expect((await creditCheck(id)).data).toMatchObject({ route: 'normal', reason: 'badCredit' });
    expect((await instance(stack, id)).input.applicant.creditCode).toBe(code);
    const auth = await stack.login('window_clerk');
    const looked = await request(stack.app).get('/api/licensing/credit-records').query({ creditCode: typed }).set('authorization', auth);
    expect(looked.body.records.map((r: { id: string }) => r.id)).toContain(`ext-spelling-${code}`);
  });

  test('a credit code or ID number with a wrong check character is a 400 naming the field and the check', async () => {
    const input = application();
    const code = input.applicant.creditCode;
    const wrongCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const res = await apply(stack, { ...input, applicant: { ...input.applicant, creditCode: wrongCheck, idNumber: '110105194912310021' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'input.applicant.creditCode', message: '统一社会信用代码第 18 位校验码不符，代码有误' },
      { path: 'input.applicant.idNumber', message: '居民身份证号码第 18 位校验码不符，号码有误' },
    ]);
    const lookup = await request(stack.app).get('/api/licensing/licences').query({ creditCode: wrongCheck }).set('authorization', await stack.login('window_clerk'));
    expect(lookup.status).toBe(400);
    expect(lookup.body.error.details).toEqual([expect.objectContaining({ path: 'query.creditCode' })]);
  });

  test('an item that does not allow the commitment route goes the normal route, with the reason shown', async () => {
    const id = await startApplication(stack, application({ itemCode: 'hazardous-chemicals' }));
    await stack.openTask(id, LicensingStep.Accept);
    expect((await creditCheck(id)).data).toMatchObject({ requestedRoute: 'commitment', route: 'normal', reason: 'itemExcluded', adverse: [] });
  });

  test('withdrawal before the decision: a clerk filing on behalf cannot sign (403), the withdrawal falls back to the normal route', async () => {
    const filed = await apply(stack, application(), 'window_clerk');
    const id = filed.body.instanceId as string;
    // The party claims the counter filing with the code the window handed them, then reads and signs from the portal.
    expect((await request(stack.app).post('/api/licensing/claims').set('authorization', await stack.login('applicant')).send({ code: filed.body.claim.code })).status).toBe(200);
    const commit = await stack.openTask(id, LicensingStep.Commit);
    const proxy = await act(stack, 'window_clerk', commit.id, 'sign', { noticeVersion: NOTICE });
    expect(proxy.status).toBe(403);
    expect(proxy.body.error.code).toBe('SEPARATION_OF_DUTIES');
    const stale = await act(stack, 'applicant', commit.id, 'sign', { noticeVersion: 'FB-2025-9' });
    expect(stale.status).toBe(400);
    expect(stale.body.error.details).toEqual([expect.objectContaining({ path: 'data.noticeVersion' })]);
    expect((await act(stack, 'window_clerk', commit.id, 'withdraw', { consent: { method: 'signedForm', reference: '撤回申请书 2026-07' } })).status).toBe(200);
    await stack.openTask(id, LicensingStep.Accept);
    const fallBack = (await audit(stack, id)).find((e) => e.action === 'fallBack')!;
    expect(fallBack.data).toEqual({ route: 'normal', reason: 'withdrawn' });
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
    await complete(stack, id, LicensingStep.Approve, 'approver', 'deny', { reason: '不符合设置条件' });
    expect((await waitForStatus(stack, id, 'rejected')).outcome).toMatchObject({ route: 'normal', routeReason: 'withdrawn', licenceNo: null });
  });

  test('normal route decided inside 20 working days is on time', async () => {
    const id = await startApplication(stack, application({ route: 'normal' }));
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
    const approve = await stack.openTask(id, LicensingStep.Approve);
    expect(approve.timeLimit).toEqual({ amount: 20, unit: 'workingDays' });
    await stack.advance(5 * 86_400_000);
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    expect((await waitForStatus(stack, id, 'closed')).outcome).toMatchObject({ route: 'normal', routeReason: null, decision: { within: 'limit', extendedDueAt: null } });
  });

  test('normal route without an approved extension: the head refuses it, the decision after 20 working days is late and supervised', async () => {
    const id = await startApplication(stack, application({ route: 'normal' }));
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
    const approve = await stack.openTask(id, LicensingStep.Approve);
    expect((await act(stack, 'approver', approve.id, 'requestExtension', { reason: '需现场勘验' })).status).toBe(200);
    expect((await act(stack, 'approver', approve.id, 'requestExtension', { reason: '再次申请' })).status).toBe(409);
    const review = await stack.openTask(id, LicensingStep.ApproveExtension);
    expect(review.role).toBe('agency_head');
    expect((await act(stack, 'agency_head', review.id, 'approve')).status).toBe(403);
    await complete(stack, id, LicensingStep.ApproveExtension, 'street_head', 'deny', { reason: '材料齐全，应在法定期限内决定' });
    await passDeadline(stack, approve);
    await waitFor(async () => (await audit(stack, id)).find((e) => e.stepId === LicensingStep.Approve && e.action === 'supervise'), 'supervision');
    expect((await act(stack, 'approver', approve.id, 'requestExtension', { reason: '逾期后申请' })).status).toBe(409);
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ decision: { within: 'late', dueAt: approve.dueAt.toISOString(), extendedDueAt: null, extension: null } });
    const events = await audit(stack, id);
    expect(events.filter((e) => e.action === 'extend' || e.stepId === LicensingService.NotifyExtension)).toEqual([]);
  });

  test('the commitment route decides on the spot: no extension can be asked (409)', async () => {
    const id = await startApplication(stack, application());
    await complete(stack, id, LicensingStep.Commit, 'applicant', 'sign', { noticeVersion: NOTICE });
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
    const approve = await stack.openTask(id, LicensingStep.Approve);
    const refused = await act(stack, 'approver', approve.id, 'requestExtension', { reason: '需补充勘验' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('告知承诺当场作出决定，不能延期');
    await complete(stack, id, LicensingStep.Approve, 'approver', 'deny', { reason: '不符合条件' });
    await waitForStatus(stack, id, 'rejected');
  });

  test('the one-time notice (一次告知) is given once: after the resubmission a second one is refused (409) and the window must accept', async () => {
    const id = await startApplication(stack, application({ route: 'normal' }));
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'requestSupplement', { missing: ['营业执照复印件'] });
    await complete(stack, id, LicensingStep.Resubmit, 'applicant', 'resubmit', { documents: ['执照.pdf'] });
    const second = await stack.openTask(id, LicensingStep.Accept);
    const refused = await act(stack, 'window_clerk', second.id, 'requestSupplement', { missing: ['场所平面图'] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('一次告知');
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ acceptance: { deemed: false, oneTimeNotice: true } });
    expect(closed.outcome.acceptance.receivedAt).toBe((await audit(stack, id)).find((e) => e.stepId === LicensingStep.Accept && e.action === 'open' && e.data.oneTimeNoticeGiven === true)!.data.receivedAt);
  });

  test('missing material (容缺) filed on time: the case goes on to verification', async () => {
    const id = await startApplication(stack, application());
    await complete(stack, id, LicensingStep.Commit, 'applicant', 'sign', { noticeVersion: NOTICE });
    const deadline = new Date((await stack.temporal.clock.now()).getTime() + 5 * 86_400_000).toISOString();
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'acceptWithMissing', { missing: ['从业人员健康证明'], deadline });
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    const filing = await stack.openTask(id, LicensingStep.FileMissing);
    // Limits count whole minutes: the task is due at the clerk's deadline, rounded up to the minute.
    expect(filing.dueAt.getTime() - new Date(deadline).getTime()).toBeGreaterThanOrEqual(0);
    expect(filing.dueAt.getTime() - new Date(deadline).getTime()).toBeLessThan(60_000);
    await complete(stack, id, LicensingStep.FileMissing, 'applicant', 'file', { documents: ['健康证.pdf'] });
    await complete(stack, id, LicensingStep.Verify, 'verifier', 'match', { method: 'onSite' });
    expect((await waitForStatus(stack, id, 'closed')).outcome).toMatchObject({ verification: 'matched' });
  });

  test('missing material not filed by the deadline: the licence is revoked with bad credit, and a late filing is refused', async () => {
    const input = application();
    const id = await startApplication(stack, input);
    await complete(stack, id, LicensingStep.Commit, 'applicant', 'sign', { noticeVersion: NOTICE });
    const deadline = new Date((await stack.temporal.clock.now()).getTime() + 2 * 86_400_000).toISOString();
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'acceptWithMissing', { missing: ['从业人员健康证明'], deadline });
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    const filing = await stack.openTask(id, LicensingStep.FileMissing);
    await passDeadline(stack, filing);
    const revoked = await waitForStatus(stack, id, 'revoked');
    expect(revoked.outcome).toMatchObject({ revocationReason: expect.stringContaining('容缺') });
    expect(await licenceOf(id)).toMatchObject({ status: 'revoked' });
    expect((await creditOf(input.applicant.creditCode)).map((r) => r.kind)).toContain('falseCommitment');
    expect((await act(stack, 'applicant', filing.id, 'file', { documents: ['迟交.pdf'] })).status).toBe(409);
  });

  test('verification overdue: the verifier is reminded, then supervised (督办) with the task kept open', async () => {
    const { id, verify } = await licensedOnCommitment();
    await passDeadline(stack, verify);
    await waitFor(async () => (await audit(stack, id)).find((e) => e.stepId === LicensingStep.Verify && e.action === 'supervise'), 'supervision');
    const actions = (await audit(stack, id)).filter((e) => e.stepId === LicensingStep.Verify).map((e) => e.action);
    expect(actions).toEqual(['open', 'remind', 'supervise']);
    expect(stack.notifier.sent.filter((r) => r.taskId === verify.id).length).toBeGreaterThanOrEqual(2);
    const [row] = await stack.database.db.select().from(tasks).where(eq(tasks.id, verify.id));
    expect(row).toMatchObject({ status: 'open', supervisedAt: expect.any(Date) });
    await complete(stack, id, LicensingStep.Verify, 'verifier', 'match', { method: 'onSite' });
    await waitForStatus(stack, id, 'closed');
  });

  test('refusals through the API: an applicant on the approver\'s task (403), invalid input and action data (400 naming the field)', async () => {
    const bad = await apply(stack, { ...application(), route: 'fast', applicant: { name: '某店', creditCode: 'short' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['input.applicant.creditCode', 'input.route']);
    const unknown = await apply(stack, application({ itemCode: 'no-such-item' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: 'input.itemCode' })]);
    expect((await apply(stack, application(), 'grid_worker')).status).toBe(403);

    const id = await startApplication(stack, application({ itemCode: 'outdoor-ads' }));
    await complete(stack, id, LicensingStep.Commit, 'applicant', 'sign', { noticeVersion: 'OA-2026-1' });
    const accept = await stack.openTask(id, LicensingStep.Accept);
    const noDeadline = await act(stack, 'window_clerk', accept.id, 'acceptWithMissing', { missing: ['设计图'] });
    expect(noDeadline.status).toBe(400);
    expect(noDeadline.body.error.details).toEqual([expect.objectContaining({ path: 'data.deadline' })]);
    const future = new Date((await stack.temporal.clock.now()).getTime() + 86_400_000).toISOString();
    const notAllowed = await act(stack, 'window_clerk', accept.id, 'acceptWithMissing', { missing: ['设计图'], deadline: future });
    expect(notAllowed.status).toBe(400);
    await act(stack, 'window_clerk', accept.id, 'accept');
    const approve = await stack.openTask(id, LicensingStep.Approve);
    expect((await act(stack, 'applicant', approve.id, 'approve')).status).toBe(403);
    expect((await act(stack, 'approver_b', approve.id, 'approve')).status).toBe(403);
    await complete(stack, id, LicensingStep.Approve, 'approver', 'deny', { reason: '设置位置不符合规划' });
    await waitForStatus(stack, id, 'rejected');
  });

  test('through the API an application goes from apply to revocation: registry entry, verified audit chain, step ids in the diagram', async () => {
    const { id, input } = await revokedAfterMismatch();
    const auth = await stack.login('auditor');
    expect((await request(stack.app).get(`/api/instances/${id}/audit/verify`).set('authorization', auth)).body).toMatchObject({ ok: true, firstBrokenSeq: null });
    const registry = await request(stack.app).get(`/api/licensing/credit-records?creditCode=${input.applicant.creditCode}`).set('authorization', auth);
    const licenceNo = (await licenceOf(id)).licenceNo;
    expect(registry.body.records).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'falseCommitment', instanceId: id, licenceNo })]));
    const issued = await request(stack.app).get(`/api/licensing/licences?creditCode=${input.applicant.creditCode}`).set('authorization', auth);
    expect(issued.body.licences).toEqual([expect.objectContaining({ licenceNo, status: 'revoked', revocationReason: expect.any(String) })]);
    expect((await request(stack.app).get(`/api/licensing/credit-records?creditCode=${input.applicant.creditCode}`).set('authorization', await stack.login('applicant'))).status).toBe(403);
    const xml = (await request(stack.app).get('/api/processes/commitment-licensing').set('authorization', auth)).body.bpmnXml as string;
    const stepIds = [...new Set((await audit(stack, id)).map((e) => e.stepId).filter((s): s is string => s !== null))];
    expect(stepIds.filter((s) => !xml.includes(`id="${s}"`))).toEqual([]);
    expect((await instance(stack, id)).status).toBe('revoked');
  });

  test('every trace these scenarios produced conforms to the diagram (fitness 1.0)', async () => {
    const res = await request(stack.app).get('/api/processes/commitment-licensing/conformance').set('authorization', await stack.login('auditor'));
    expect(res.status).toBe(200);
    expect(res.body.static).toEqual({ version: 1, missingInDiagram: [], missingInCode: [] });
    expect(res.body.deviations).toEqual([]);
    expect(res.body.instancesChecked).toBeGreaterThanOrEqual(15);
    expect(res.body.fitness).toBe(1);
  });
});

describe('commitment-licensing pushes', () => {
  let failing: TestStack;
  beforeAll(async () => { failing = await createLicensingStack(new InProcessEnforcementPlatform({ failFirst: 6 })); });
  afterAll(async () => { await failing?.close(); });

  test('a push failing for a long time raises an admin alert, then succeeds after retries with one receipt per target, and the alert clears', async () => {
    const id = await startApplication(failing, application({ route: 'normal' }));
    await complete(failing, id, LicensingStep.Accept, 'window_clerk', 'accept');
    await complete(failing, id, LicensingStep.Approve, 'approver', 'approve');
    const admin = await failing.login('admin');
    const openAlerts = async () => (await request(failing.app).get('/api/admin/alerts').set('authorization', admin)).body.alerts as Array<{ key: string; instanceId: string }>;
    const seen = await waitFor(async () => {
      const open = await openAlerts();
      if (open.length > 0) return open;
      await failing.advance(15_000);
      return undefined;
    }, 'an open push alert', 60_000);
    expect(seen).toEqual([expect.objectContaining({ instanceId: id, key: expect.stringContaining(':enforcement') })]);
    expect((await request(failing.app).get('/api/admin/alerts').set('authorization', await failing.login('auditor'))).status).toBe(403);

    await waitFor(async () => {
      const [instanceRow] = [await instance(failing, id)];
      if (instanceRow.status === 'closed') return true;
      await failing.advance(60_000);
      return false;
    }, 'the pushes to be acknowledged', 60_000);
    const licence = (await failing.database.db.select().from(licences).where(eq(licences.instanceId, id)))[0];
    const receipts = await failing.database.db.select().from(pushReceipts).where(eq(pushReceipts.licenceId, licence.id));
    expect(receipts.map((r) => ({ target: r.target, attempts: r.attempts, acknowledged: r.acknowledgedAt !== null })).sort((a, b) => a.target.localeCompare(b.target)))
      .toEqual([{ target: 'credit', attempts: 1, acknowledged: true }, { target: 'enforcement', attempts: 7, acknowledged: true }]);
    expect(receipts.find((r) => r.target === 'enforcement')!.receiptId).toBe(`EP-${licence.licenceNo}`);
    expect(await openAlerts()).toEqual([]);
    const all = (await request(failing.app).get('/api/admin/alerts?status=all').set('authorization', admin)).body.alerts;
    expect(all).toEqual([expect.objectContaining({ instanceId: id, clearedAt: expect.any(String) })]);
    const actions = (await audit(failing, id)).filter((e) => e.stepId === LicensingService.PushEnforcement).map((e) => e.action);
    expect(actions).toEqual(['push', 'alert', 'acknowledged', 'alertCleared']);
  });
});
