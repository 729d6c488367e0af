// The licensing periods of 行政许可法 on the time-skipping server, with dates worked out by hand: deemed acceptance
// (art. 32), the extension the agency head approves and the applicant is told (art. 42), and the three-year bar after
// a false-commitment revocation (art. 79). The server starts at the real time and only moves forward, so the
// scenarios run in order, in years whose dates are still ahead: 2030 and later follow the statutory holidays
// (元旦 1 January, no make-up days) until their official schedule is published.
import request from 'supertest';
import { InProcessEnforcementPlatform } from '../../activities/enforcement-platform';
import { LicensingService, LicensingStep, LICENSING_KEY } from '../../domain/processes/commitment-licensing';
import { REAPPLICATION_BAR } from '../../domain/licensing/reapplication-bar';
import { TASK_QUEUE } from '../../workflows/lib/messages';
import type { LicensingArgs } from '../../workflows/commitment-licensing';
import { application, apply, createLicensingStack, moveClockTo, shanghaiMinute, startApplication } from '../support/licensing';
import { waitFor, type TestStack } from '../support/test-stack';
import { act, audit, complete, instance, waitForStatus } from '../support/whistle';

let stack: TestStack;
beforeAll(async () => { stack = await createLicensingStack(new InProcessEnforcementPlatform()); });
afterAll(async () => { await stack?.close(); });

test('art. 32: neither acceptance nor a one-time notice within 5 working days — deemed accepted on receipt, and the 20 working days run from receipt', async () => {
  // Given an application received on Thursday 2030-11-14 at 10:00
  await moveClockTo(stack, '2030-11-14T10:00');
  const id = await startApplication(stack, application({ route: 'normal' }));
  const accept = await stack.openTask(id, LicensingStep.Accept);
  // then the window has until the 5th working day after receipt: Fri 15, Mon 18, Tue 19, Wed 20, Thu 21 November
  expect(shanghaiMinute(accept.dueAt)).toBe('2030-11-21T17:30');

  // When that day ends with neither
  await moveClockTo(stack, '2030-11-21T17:31');
  const approve = await stack.openTask(id, LicensingStep.Approve);

  // Then the application is deemed accepted on receipt, and a late notice is refused
  const deemed = (await audit(stack, id)).find((e) => e.action === 'deemedAccepted')!;
  expect(deemed.data).toMatchObject({ deemed: true, basis: '《行政许可法》第三十二条' });
  expect(shanghaiMinute(String(deemed.data.receivedAt))).toBe('2030-11-14T10:00');
  expect(deemed.data.acceptedAt).toBe(deemed.data.receivedAt);
  expect((await act(stack, 'window_clerk', accept.id, 'requestSupplement', { missing: ['场所证明'] })).status).toBe(409);
  // and the decision is due on the 20th working day after receipt (15 Nov; 18–22; 25–29; 2–6 Dec; 9, 10, 11, 12 Dec),
  // not after the deemed moment (that would be 19 December)
  expect(shanghaiMinute(approve.dueAt)).toBe('2030-12-12T17:30');

  await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
  const closed = await waitForStatus(stack, id, 'closed');
  expect(closed.outcome).toMatchObject({ acceptance: { deemed: true, oneTimeNotice: false }, decision: { within: 'limit', countedFrom: deemed.data.receivedAt } });
});

test('art. 42: the approver asks with a reason, the agency head approves, the applicant is told why; the decision falls within the extension', async () => {
  // Given an application accepted on Monday 2030-11-25: decision due on the 20th working day, Monday 23 December
  await moveClockTo(stack, '2030-11-25T09:00');
  const id = await startApplication(stack, application({ route: 'normal' }));
  await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
  const approve = await stack.openTask(id, LicensingStep.Approve);
  expect(shanghaiMinute(approve.dueAt)).toBe('2030-12-23T17:30');

  // When the approver asks for the extension with a reason and the street's head approves it
  const reason = '需组织专家对经营场所进行现场评审';
  expect((await act(stack, 'approver', approve.id, 'requestExtension', { reason })).status).toBe(200);
  const review = await stack.openTask(id, LicensingStep.ApproveExtension);
  expect(review.orgUnitId).toBe('street-a');
  await complete(stack, id, LicensingStep.ApproveExtension, 'street_head', 'approve');

  // Then the decision is due 10 working days later: 24, 25, 26, 27, 30, 31 December, (1 January 元旦), 2, 3, 6, 7 January
  const told = await waitFor(async () => (await audit(stack, id, 'applicant')).find((e) => e.stepId === LicensingService.NotifyExtension), 'the notice to the applicant');
  expect(told.data).toMatchObject({ reason, basis: '《行政许可法》第四十二条' });
  expect(shanghaiMinute(String(told.data.extendedDueAt))).toBe('2031-01-07T17:30');
  expect(String(told.data.text)).toContain(reason);
  // The message to the applicant goes out just after the notice is recorded.
  await waitFor(async () => stack.notifier.informed.some((m) => m.instanceId === id && m.text === told.data.text), 'the message to the applicant');
  const extended = (await instance(stack, id, 'applicant')).currentSteps.find((s: { stepId: string }) => s.stepId === LicensingStep.Approve);
  expect(shanghaiMinute(extended.dueAt)).toBe('2031-01-07T17:30');
  // and a second extension is refused: art. 42 grants one
  expect((await act(stack, 'approver', approve.id, 'requestExtension', { reason: '再次延期' })).status).toBe(409);

  // When the decision comes after the 20 working days but within the extension
  await moveClockTo(stack, '2030-12-30T10:00');
  await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
  const closed = await waitForStatus(stack, id, 'closed');
  expect(closed.outcome.decision).toMatchObject({ within: 'extension', extension: { reason, requestedBy: '何审批', approvedBy: '尤主任' } });
  expect(shanghaiMinute(closed.outcome.decision.extendedDueAt)).toBe('2031-01-07T17:30');
});

test('art. 79: after a false-commitment revocation of a safety-related item, the same item is refused by either route for three years, counted in Shanghai dates', async () => {
  // Given a food-business licence (safety related) revoked for a false commitment on Monday 2031-03-10
  await moveClockTo(stack, '2031-03-10T09:00');
  const input = application();
  const id = await startApplication(stack, input);
  await complete(stack, id, LicensingStep.Commit, 'applicant', 'sign', { noticeVersion: 'FB-2026-1' });
  await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
  await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
  await complete(stack, id, LicensingStep.Verify, 'verifier', 'mismatch', { method: 'onSite', findings: '无食品贮存场所' });
  await complete(stack, id, LicensingStep.Rectify, 'verifier', 'notCorrected');
  await waitForStatus(stack, id, 'revoked');

  // When the applicant applies for the same item again, by either route
  for (const route of ['commitment', 'normal']) {
    const refused = await apply(stack, { ...input, route });
    // Then the API refuses at once, naming the applicant and the item and citing art. 79
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('第七十九条');
    expect(refused.body.error.message).toContain('2034-03-10');
    expect(refused.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['input.applicant.creditCode', 'input.itemCode']);
  }
  // but another item, not safety related, may be applied for (on the normal route: the false commitment is on record)
  const other = await startApplication(stack, { ...input, itemCode: 'outdoor-ads' });
  await waitFor(async () => (await audit(stack, other)).find((e) => e.stepId === LicensingService.CreditCheck && e.data.reason === 'pastFalseCommitment'), 'the normal route');

  // When a case is started another way than through the API, the workflow itself refuses it
  const direct = `CL-DIRECT-${Date.now()}`;
  const args: LicensingArgs = {
    ctx: { instanceId: direct, processKey: LICENSING_KEY, processVersion: 1, title: '直接启动', orgPath: ['street-a'],
      startedBy: { id: 'u-window', name: '窗口', role: 'window_clerk', orgUnitId: 'street-a' } },
    input: { ...input, route: 'normal' } as LicensingArgs['input'], streetId: 'street-a',
    item: { code: 'food-business', name: '食品经营许可（仅销售预包装食品）', commitmentAllowed: true, noticeVersion: 'FB-2026-1',
      verificationMethod: 'onSite', missingMaterialAllowed: true, safetyRelated: true },
    limits: { steps: {}, onSpot: { amount: 4, unit: 'workingHours' }, extension: { amount: 10, unit: 'workingDays' }, reapplicationBar: REAPPLICATION_BAR },
  };
  await stack.temporal.client.workflow.start('commitmentLicensing', { taskQueue: TASK_QUEUE, workflowId: direct, args: [args] });
  const barred = await waitForStatus(stack, direct, 'rejected');
  expect(barred.outcome.refusal).toMatchObject({ basis: '《行政许可法》第七十九条', revokedOn: '2031-03-10', barredThrough: '2034-03-10' });
  const check = (await audit(stack, direct)).find((e) => e.stepId === LicensingService.CreditCheck)!;
  expect(check.data).toMatchObject({ reason: 'reapplicationBarred', refusal: { barredThrough: '2034-03-10' } });
  expect((await audit(stack, direct)).at(-1)).toMatchObject({ stepId: 'EndEvent_Barred', action: 'rejected' });

  // Then on the last day of the three years, late in the evening in Shanghai (15:30 UTC), it is still refused
  await moveClockTo(stack, '2034-03-10T23:30');
  expect((await apply(stack, { ...input, route: 'normal' })).status).toBe(409);
  // and from the next Shanghai day it is admitted, though the UTC date is still 10 March: on the normal route
  await moveClockTo(stack, '2034-03-11T00:30');
  const again = await startApplication(stack, { ...input, route: 'commitment' });
  const credit = await waitFor(async () => (await audit(stack, again)).find((e) => e.stepId === LicensingService.CreditCheck), 'the credit check');
  expect(credit.data).toMatchObject({ route: 'normal', reason: 'pastFalseCommitment' });
});

test('every trace of these scenarios conforms to the diagram: deemed acceptance, the extension branch, the art. 79 end', async () => {
  const res = await request(stack.app).get(`/api/processes/${LICENSING_KEY}/conformance`).set('authorization', await stack.login('auditor'));
  expect(res.body.deviations).toEqual([]);
  expect(res.body.fitness).toBe(1);
  expect(res.body.instancesChecked).toBeGreaterThanOrEqual(6);
});
