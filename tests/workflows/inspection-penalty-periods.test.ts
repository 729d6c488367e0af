// The legal periods of 查处分离 on the time-skipping server, each scenario on its own clock started on a chosen day of
// 2026, with every date worked out by hand from the law (arts. 36, 56, 60, 61, 64, 67, 72, 85; 民法典 arts. 201–203)
// and the official schedule: 中秋 Sep 25–27 and 国庆 Oct 1–7 are holidays, Sun Sep 20 and Sat Oct 10 working days.
import request from 'supertest';
import { PenaltyStep as P } from '../../domain/processes/inspection-penalty';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { act, audit, complete, waitForStatus } from '../support/whistle';
import { fine, registered, routed, userId } from '../support/penalty';

/** One stack per scenario: each starts its clock where its dates begin. */
function onClockFrom(startAt: string) {
  const holder: { stack: TestStack } = {} as { stack: TestStack };
  beforeAll(async () => { holder.stack = await createTestStack({ startAt }); });
  afterAll(async () => { await holder.stack?.close(); });
  return holder;
}

const detail = async (stack: TestStack, id: string) => (await request(stack.app).get(`/api/instances/${id}`).set('authorization', await stack.login('auditor'))).body;
/** The clock once the workflow has recorded a change the last action asked for. */
const clockWhen = (stack: TestStack, id: string, ready: (clock: Record<string, unknown>) => boolean) =>
  waitFor(async () => { const clock = (await detail(stack, id)).clock; return clock && ready(clock) ? clock : undefined; }, 'the case clock to change');
const taskDetail = async (stack: TestStack, taskId: string, as = 'case_officer') => (await request(stack.app).get(`/api/tasks/${taskId}`).set('authorization', await stack.login(as))).body;

/** Registered → concluded → notified (no hearing right at ¥1,000) → defence waived: the decision task is open. */
async function toDecision(stack: TestStack, penalty = fine(100_000)) {
  const id = await registered(stack);
  await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: penalty });
  await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: penalty, hearingEligible: false });
  await complete(stack, id, P.Defence, 'case_officer', 'waive');
  await stack.openTask(id, P.Decide);
  return id;
}

describe('the 90-day limit (art. 60)', () => {
  const on = onClockFrom('2026-03-02T09:00:00+08:00');

  test('ends at 24:00 of its 90th day moved past the weekend, and a testing stop adds its whole days', async () => {
    const { stack } = on;
    // Registered Mon 2 Mar: day 90 is Sun 31 May, so the limit ends at 24:00 on Mon 1 Jun (91 days left today).
    const id = await registered(stack);
    expect((await detail(stack, id)).clock).toMatchObject({ dueAt: '2026-06-02T00:00:00.000+08:00', daysRemaining: 91, paused: false });

    // Testing (检测) from Wed 4 Mar to Sat 7 Mar: the clock stands still on 4, 5 and 6 Mar.
    await stack.advanceTo('2026-03-04T10:00:00+08:00');
    const investigate = await stack.openTask(id, P.Investigate);
    expect((await act(stack, 'case_officer', investigate.id, 'resumeClock', {})).status).toBe(409);
    expect((await act(stack, 'case_officer', investigate.id, 'suspendClock', { reason: 'testing', note: '送检样品' })).body.status).toBe('open');
    expect((await act(stack, 'case_officer', investigate.id, 'suspendClock', { reason: 'appraisal', note: '再次' })).status).toBe(409);
    expect((await act(stack, 'case_officer', investigate.id, 'conclude', { finding: 'noPenalty', reason: 'x' })).status).toBe(409);
    await clockWhen(stack, id, (c) => c.paused === true);
    await stack.advanceTo('2026-03-06T12:00:00+08:00');
    expect((await detail(stack, id)).clock).toMatchObject({ paused: true, pausedFor: 'testing', daysRemaining: 89 });

    await stack.advanceTo('2026-03-07T09:00:00+08:00');
    expect((await act(stack, 'case_officer', investigate.id, 'resumeClock', { note: '检测报告已出' })).status).toBe(200);
    // 90 + 3 days: Wed 3 Jun, a working day, ends at 24:00.
    expect(await clockWhen(stack, id, (c) => c.paused === false)).toMatchObject({ dueAt: '2026-06-04T00:00:00.000+08:00', daysRemaining: 88, paused: false, pausedDays: 3 });
    const events = await audit(stack, id);
    expect(events.find((e) => e.action === 'caseClockStopped')).toMatchObject({ stepId: P.Investigate, data: { reason: 'testing' } });
    expect(events.find((e) => e.action === 'caseClockResumed')).toMatchObject({ stepId: P.Investigate, data: { reason: 'testing', daysStood: 3 } });

    // Reminded when 10 days are left; not supervised before the last day's 24:00, supervised after it.
    await stack.advanceTo('2026-06-03T23:00:00+08:00');
    const late = (await audit(stack, id)).filter((e) => e.stepId === P.Decide && !e.data.taskId);
    expect(late.map((e) => e.action)).toEqual(['remind']);
    await stack.advanceTo('2026-06-04T00:30:00+08:00');
    expect((await audit(stack, id)).filter((e) => e.stepId === P.Decide && e.action === 'supervise').map((e) => e.data.reason)).toEqual(['caseLimitMissed']);
  });
});

describe('service and payment (arts. 61, 67, 72, 85)', () => {
  const on = onClockFrom('2026-09-14T09:00:00+08:00');

  test('served on Fri 18 Sep, the bare fine is paid on Thu 8 Oct; court enforcement waits until the period has run', async () => {
    const { stack } = on;
    const paying = await toDecision(stack);
    const refusing = await toDecision(stack);
    // Decided Fri 18 Sep: service within 7 working days counts the make-up Sunday 20 Sep and ends Tue 29 Sep 17:30.
    await stack.advanceTo('2026-09-18T10:00:00+08:00');
    for (const id of [paying, refusing]) await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty: fine(100_000) });
    expect((await stack.openTask(paying, P.Serve)).dueAt.toISOString()).toBe(new Date('2026-09-29T17:30:00+08:00').toISOString());

    // Served Fri 18 Sep: 15 days from Sat 19 Sep end on Sat 3 Oct, a holiday like 4–7 Oct: 24:00 on Thu 8 Oct.
    await stack.advanceTo('2026-09-18T15:00:00+08:00');
    for (const id of [paying, refusing]) await complete(stack, id, P.Serve, 'case_officer', 'served', { method: 'inPerson' });
    const enforce = await stack.openTask(paying, P.Enforce);
    expect(enforce.dueAt.toISOString()).toBe(new Date('2026-10-09T00:00:00+08:00').toISOString());

    await stack.advanceTo('2026-10-08T16:00:00+08:00');
    expect((await taskDetail(stack, enforce.id)).context.payment).toMatchObject({ fineFen: 100_000, dueAt: '2026-10-09T00:00:00.000+08:00', lateDays: 0, surchargeFen: 0, owedFen: 100_000 });
    expect((await act(stack, 'case_officer', enforce.id, 'paid', { amountFen: 100_000 })).status).toBe(200);
    const other = await stack.openTask(refusing, P.Enforce);
    const tooEarly = await act(stack, 'case_officer', other.id, 'courtEnforcement');
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.message).toContain('缴款期限届满后才能申请法院强制执行');

    // Fri 9 Oct in the morning: one whole day late, 3 % of ¥1,000 added; the instance shows the same amount.
    await stack.advanceTo('2026-10-09T08:00:00+08:00');
    expect((await taskDetail(stack, other.id)).context.payment).toMatchObject({ lateDays: 1, surchargeFen: 3_000, owedFen: 103_000 });
    expect((await detail(stack, refusing)).facts.payment).toMatchObject({ owedFen: 103_000 });
    await stack.advanceTo('2026-10-12T10:00:00+08:00');
    expect((await detail(stack, refusing)).facts.payment).toMatchObject({ lateDays: 4, surchargeFen: 12_000, owedFen: 112_000 });
    const bare = await act(stack, 'case_officer', other.id, 'paid', { amountFen: 100_000 });
    expect(bare.body.error.details[0]).toMatchObject({ path: 'data.amountFen', message: expect.stringContaining('112000') });
    expect((await act(stack, 'case_officer', other.id, 'courtEnforcement')).status).toBe(200);
    await complete(stack, paying, P.StreetRecheck, 'enforcement_officer', 'fixed');
    expect((await waitForStatus(stack, paying, 'closed')).outcome).toMatchObject({ paidFen: 100_000, surchargeFen: 0 });
  });
});

describe('evidence preservation (arts. 56, 85)', () => {
  const on = onClockFrom('2026-09-28T09:00:00+08:00');

  test('approved on Wed 30 Sep, the decision on preserved evidence is due by Thu 15 Oct 17:30', async () => {
    const { stack } = on;
    const id = await registered(stack);
    const investigate = await stack.openTask(id, P.Investigate);
    await act(stack, 'case_officer', investigate.id, 'requestPreservation', { items: ['烧烤炉具2套'], reason: '证据可能灭失' });
    await stack.advanceTo('2026-09-30T15:00:00+08:00');
    // Thu 8 (1), Fri 9 (2), Sat 10 make-up (3), Mon 12 (4), Tue 13 (5), Wed 14 (6), Thu 15 Oct (7).
    await complete(stack, id, P.PreservationApproval, 'agency_head', 'approve');
    await stack.advanceTo('2026-10-15T17:00:00+08:00');
    const events = async () => (await audit(stack, id)).filter((e) => e.stepId === P.Investigate && !e.data.taskId);
    expect((await events()).find((e) => e.action === 'preservationStarted')?.data.decideBy).toBe(new Date('2026-10-15T17:30:00+08:00').toISOString());
    expect((await events()).some((e) => e.action === 'supervise')).toBe(false);
    await stack.advanceTo('2026-10-15T18:00:00+08:00');
    expect((await events()).filter((e) => e.action === 'supervise').map((e) => e.data.reason)).toEqual(['preservationDecisionOverdue']);
    expect((await act(stack, 'case_officer', investigate.id, 'decidePreserved', { decision: '解除登记保存' })).status).toBe(200);
    expect((await act(stack, 'case_officer', investigate.id, 'conclude', { finding: 'noPenalty', reason: '轻微' })).status).toBe(200);
  });
});

describe('the hearing request window (arts. 64, 85)', () => {
  const on = onClockFrom('2026-09-21T09:00:00+08:00');

  test('after a notice on Thu 24 Sep a hearing may be requested until the end of office hours on Fri 9 Oct', async () => {
    const { stack } = on;
    const penalty = fine(2_000_000); // ¥20,000 for a citizen: a hearing right (art. 63), not a major case
    const cases: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = await registered(stack);
      await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: penalty });
      cases.push(id);
    }
    await stack.advanceTo('2026-09-24T10:00:00+08:00');
    for (const id of cases) await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: penalty, hearingEligible: true });
    // Mon 28 (1), Tue 29 (2), Wed 30 Sep (3), Thu 8 (4), Fri 9 Oct (5): the defence task lasts as long.
    const [onTime, tooLate] = await Promise.all(cases.map((id) => stack.openTask(id, P.Defence)));
    expect(onTime.dueAt.toISOString()).toBe(new Date('2026-10-09T17:30:00+08:00').toISOString());

    await stack.advanceTo('2026-10-09T17:00:00+08:00');
    expect((await act(stack, 'case_officer', onTime.id, 'requestHearing')).status).toBe(200);
    await stack.advanceTo('2026-10-09T17:31:00+08:00');
    expect((await act(stack, 'case_officer', tooLate.id, 'requestHearing')).status).toBe(409);
    await stack.openTask(cases[1], P.Decide);
    expect((await audit(stack, cases[1])).some((e) => e.action === 'defencePeriodEnded')).toBe(true);
  });
});

describe('the hearing notice, the stopped clock and legal review after the hearing (arts. 58, 60, 64, 85)', () => {
  const on = onClockFrom('2026-09-28T09:00:00+08:00');

  test('a hearing requested on Wed 30 Sep is held from Fri 16 Oct, the clock standing still meanwhile; legal review follows', async () => {
    const { stack } = on;
    const penalty = fine(2_000_000);
    const id = await registered(stack);
    await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: penalty });
    await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: penalty, hearingEligible: true });
    const before = (await detail(stack, id)).clock;
    // Registered Mon 28 Sep: day 90 is Sun 27 Dec → Mon 28 Dec.
    expect(before.dueAt).toBe('2026-12-29T00:00:00.000+08:00');

    await stack.advanceTo('2026-09-30T10:00:00+08:00');
    await complete(stack, id, P.Defence, 'case_officer', 'requestHearing');
    await stack.openTask(id, P.Hearing);
    // Notified Wed 30 Sep: Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13, Wed 14, Thu 15 Oct — the hearing follows on Fri 16.
    expect((await audit(stack, id)).find((e) => e.action === 'hearingNotice')?.data.earliestHearingOn).toBe('2026-10-16');
    await stack.advanceTo('2026-10-15T16:00:00+08:00');
    const hearing = await stack.openTask(id, P.Hearing);
    const early = await act(stack, 'hearing_officer', hearing.id, 'hold', { record: '听证笔录' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('2026-10-16');
    expect((await detail(stack, id)).clock).toMatchObject({ paused: true, pausedFor: 'hearing' });
    expect(before).toMatchObject({ paused: false });

    await stack.advanceTo('2026-10-16T09:00:00+08:00');
    expect((await act(stack, 'hearing_officer', hearing.id, 'hold', { record: '听证笔录：当事人陈述' })).status).toBe(200);
    // Stopped from 30 Sep to 16 Oct: 16 whole days. 90 + 16 days from 28 Sep is Tue 12 Jan 2027, a working day (the
    // moved last day is computed again from the registration, not from the earlier Mon 28 Dec): it ends at 24:00.
    expect(await clockWhen(stack, id, (c) => c.paused === false)).toMatchObject({ paused: false, pausedDays: 16, dueAt: '2027-01-13T00:00:00.000+08:00' });
    // Not a major fine, yet reviewed after the hearing and before the decision (art. 58(二)).
    const review = await stack.openTask(id, P.LegalReview);
    expect((await audit(stack, id)).find((e) => e.stepId === P.LegalReview && e.action === 'open')?.data.stage).toBe('afterHearing');
    await act(stack, 'legal_reviewer', review.id, 'pass');
    await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty });
  });
});

describe('the limitation period (art. 36)', () => {
  const on = onClockFrom('2026-09-28T09:00:00+08:00');

  test('discovered on Mon 28 Sep: an offence ended on 24 Sep 2024 is time-barred, one ended on 25 Sep 2024 is not', async () => {
    const { stack } = on;
    const officers = [await userId(stack, 'case_officer'), await userId(stack, 'case_officer2')];
    const id = await routed(stack);
    const register = await stack.openTask(id, P.Register);
    // Two years from the day after 24 Sep 2024 end on Thu 24 Sep 2026, a working day, before the discovery.
    const barred = await act(stack, 'case_officer', register.id, 'register', { caseOfficers: officers, offence: { date: '2024-09-24' } });
    expect(barred.status).toBe(400);
    expect(barred.body.error.details[0]).toMatchObject({ path: 'data.offence.date', message: expect.stringContaining('第三十六条') });
    // A continuing offence counts from its end.
    const continuing = await act(stack, 'case_officer', register.id, 'register', { caseOfficers: officers, offence: { date: '2023-01-01', continuing: true, endDate: '2024-09-24' } });
    expect(continuing.body.error.details[0].path).toBe('data.offence.endDate');
    // 25 Sep 2026 is 中秋 and 26–27 Sep rest days: the period's last day moves to Mon 28 Sep, the day of discovery.
    expect((await act(stack, 'case_officer', register.id, 'register', { caseOfficers: officers, offence: { date: '2024-09-25' } })).status).toBe(200);
    await stack.openTask(id, P.Investigate);
    expect((await audit(stack, id)).find((e) => e.action === 'limitationChecked')?.data).toMatchObject({ discoveredOn: '2026-09-28', years: 2, lastDay: '2026-09-28' });
  });

  test('a food-safety matter that did harm has five years; without harm it has two', async () => {
    const { stack } = on;
    const officers = [await userId(stack, 'case_officer'), await userId(stack, 'case_officer2')];
    const id = await routed(stack, { matter: 'market-label' });
    const register = await stack.openTask(id, P.Register);
    expect((await act(stack, 'case_officer', register.id, 'register', { caseOfficers: officers, offence: { date: '2023-03-01' } })).status).toBe(400);
    // Five years from 1 Oct 2021 end on Fri 1 Oct 2026, a holiday → after 国庆, Thu 8 Oct: discovered 28 Sep, in time.
    expect((await act(stack, 'case_officer', register.id, 'register', { caseOfficers: officers, offence: { date: '2021-10-01', harmfulConsequences: true } })).status).toBe(200);
    await stack.openTask(id, P.Investigate);
    expect((await audit(stack, id)).find((e) => e.action === 'limitationChecked')?.data).toMatchObject({ years: 5, lastDay: '2026-10-08' });
  });
});
