// The case file (案卷) on GET /api/instances/:id as `facts`, for each process at its stages, on one stack whose clock
// starts Mon 2 Mar 2026 09:00 (Shanghai). Penalty dates are worked out by hand from the law (arts. 60, 67, 72) and
// the 2026 schedule (no holiday between March and early June besides 清明 and 劳动节, none on a day that matters).
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { InProcessEnforcementPlatform } from '../../activities/enforcement-platform';
import { hotlineOrders, instances } from '../../db/schema';
import { HotlineStep } from '../../domain/processes/hotline-order';
import { LicensingStep } from '../../domain/processes/commitment-licensing';
import { PenaltyStep as P } from '../../domain/processes/inspection-penalty';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { application, startApplication } from '../support/licensing';
import { fine, registered } from '../support/penalty';
import { call, startOrder } from '../support/hotline';
import { instanceDetailSchema } from '../../api/openapi/responses';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { act, complete, hotlineOrder, instance, startCase, waitForStatus } from '../support/whistle';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack({ startAt: '2026-03-02T09:00:00+08:00', enforcement: new InProcessEnforcementPlatform() }); });
afterAll(async () => { await stack?.close(); });

const facts = async (id: string, as = 'auditor') => (await instance(stack, id, as)).facts;
/** The facts once `ready` holds: the last action's events are written by the worker a moment after the API answers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's JSON, probed field by field
type Json = Record<string, any>;
const factsWhen = (id: string, ready: (f: Json) => boolean) =>
  waitFor(async () => { const f = await facts(id); return f && ready(f) ? f : undefined; }, `the case file of ${id}`);

describe('penalty case file', () => {
  test('party, registration and the 90-day clock; the fine, its surcharge after the payment period, and the amount paid', async () => {
    // Registered Mon 2 Mar: the 90 days count from Tue 3 Mar, day 90 is Sun 31 May, so the limit ends at 24:00 on
    // Mon 1 Jun — 91 days left today.
    const id = await registered(stack);
    expect(await factsWhen(id, (f) => f.clock !== null)).toMatchObject({
      kind: 'inspection-penalty',
      party: { name: '张三烧烤店', kind: 'individual' },
      matter: 'urban-vending',
      inspection: { result: 'transfer' },
      departmentId: 'dept-urban',
      offence: { date: '2026-03-02', continuing: false },
      caseOfficers: [expect.any(String), expect.any(String)],
      clock: { dueAt: '2026-06-02T00:00:00.000+08:00', daysRemaining: 91, paused: false, pausedDays: 0, finishedAt: null },
      decision: null,
      payment: null,
    });

    await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: fine(100_000) });
    await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: fine(100_000), hearingEligible: false });
    await complete(stack, id, P.Defence, 'case_officer', 'waive');
    await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty: fine(100_000), publish: true });
    await complete(stack, id, P.Serve, 'case_officer', 'served', { method: 'inPerson' });
    const enforce = await stack.openTask(id, P.Enforce);

    // Served Mon 2 Mar: 15 days from Tue 3 Mar end on Tue 17 Mar, a working day, at 24:00. On that day nothing is late.
    await stack.advanceTo('2026-03-17T16:00:00+08:00');
    expect(await facts(id)).toMatchObject({
      proposedPenalty: { kind: 'fine', amountFen: 100_000 },
      decision: { by: '邓局长', penalty: { kind: 'fine', amountFen: 100_000 }, publish: true },
      service: { method: 'inPerson' },
      clock: { finishedAt: expect.any(String) },
      payment: { fineFen: 100_000, dueAt: '2026-03-18T00:00:00.000+08:00', lateDays: 0, surchargeFen: 0, owedFen: 100_000, paidFen: null },
    });

    // Fri 20 Mar: 18, 19 and 20 Mar are late, 3 % of ¥1,000 a day = ¥90, ¥1,090 owed — on the case and on the task.
    await stack.advanceTo('2026-03-20T10:00:00+08:00');
    const late = { lateDays: 3, surchargeFen: 9_000, owedFen: 109_000 };
    expect((await facts(id)).payment).toMatchObject(late);
    const task = (await request(stack.app).get(`/api/tasks/${enforce.id}`).set('authorization', await stack.login('case_officer'))).body;
    expect(task.context.payment).toMatchObject(late);
    expect((await act(stack, 'case_officer', enforce.id, 'paid', { amountFen: 109_000 })).status).toBe(200);

    // Paid on 20 Mar: what it came to stays as of the payment, however late the file is read.
    await stack.advanceTo('2026-03-25T10:00:00+08:00');
    expect((await factsWhen(id, (f) => f.payment?.paidFen !== null)).payment).toMatchObject({ ...late, paidFen: 109_000, paidAt: expect.stringMatching(/^2026-03-20T10:/) });
    await complete(stack, id, P.StreetRecheck, 'enforcement_officer', 'fixed');
    await waitForStatus(stack, id, 'closed');
    expect(await facts(id)).toMatchObject({ publishedAt: expect.stringMatching(/^2026-03-25/), result: 'penalized' });
  });
});

describe('licensing case file', () => {
  test('route, notice and commitment hash, licence number, each push with its receipt, verification, and a revocation', async () => {
    const input = application();
    const id = await startApplication(stack, input);
    expect(await factsWhen(id, (f) => f.routeReason !== undefined && f.route !== null)).toMatchObject({
      kind: 'commitment-licensing', applicant: { name: '东湖便利店', creditCode: input.applicant.creditCode }, itemCode: 'food-business',
      requestedRoute: 'commitment', route: 'commitment', routeReason: null, licence: null, pushes: [],
    });
    await complete(stack, id, LicensingStep.Commit, 'applicant', 'sign', { noticeVersion: 'FB-2026-1' });
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    await stack.openTask(id, LicensingStep.Verify);
    const issued = await factsWhen(id, (f) => f.pushes.length === 2 && f.pushes.every((p: { receiptId: string | null }) => p.receiptId));
    expect(issued).toMatchObject({
      commitment: { noticeVersion: 'FB-2026-1', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      acceptance: { kind: 'accept' },
      licence: { licenceNo: expect.stringMatching(/^XK-2026-\d{6}$/), status: 'issued' },
      verification: { method: 'onSite', result: null, dueAt: expect.any(String) },
    });
    expect(issued.pushes.map((p: { target: string }) => p.target).sort()).toEqual(['credit', 'enforcement']);

    await complete(stack, id, LicensingStep.Verify, 'verifier', 'mismatch', { method: 'onSite', findings: '经营场所与承诺不符' });
    await complete(stack, id, LicensingStep.Rectify, 'verifier', 'notCorrected');
    await waitForStatus(stack, id, 'revoked');
    const revoked = await facts(id);
    expect(revoked).toMatchObject({
      verification: { result: 'mismatch' },
      correctionOrder: { findings: '经营场所与承诺不符', limit: { amount: 30, unit: 'calendarDays' }, result: 'notCorrected' },
      licence: { status: 'revoked', revocationReason: '承诺不实，责令整改逾期未改正' },
    });
    expect(revoked.creditEntries.map((c: { kind: string }) => c.kind)).toContain('falseCommitment');

    // A case whose row predates the case file is folded from its trail on reading, to the same facts.
    await stack.database.db.update(instances).set({ facts: null }).where(eq(instances.id, id));
    expect(await facts(id)).toEqual(revoked);
  });
});

describe('whistle case file', () => {
  test('category and grid, departments and lead, an extension granted, the requester\'s satisfaction and closing', async () => {
    const id = await startCase(stack, hotlineOrder());
    expect(await factsWhen(id, (f) => f.category !== null)).toMatchObject({
      kind: 'whistle-escalation', category: 'hotline-general', gridCode: 'G-A1-01', source: 'hotline', departments: [], lead: null,
    });
    await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'whistle', { reason: '需城管部门处置' });
    await complete(stack, id, WhistleStep.Dispatch, 'dispatcher', 'dispatch', { departments: ['dept-urban'], lead: 'dept-urban' });
    const task = await stack.openTask(id, WhistleStep.DepartmentHandle);
    expect((await act(stack, 'dept_handler', task.id, 'acknowledge')).status).toBe(200);
    expect((await act(stack, 'dept_handler', task.id, 'requestExtension', { duration: 'P1D', reason: '需采购地砖' })).status).toBe(200);
    await complete(stack, id, WhistleStep.ShiftChiefReview, 'shift_chief', 'approve');
    expect(await factsWhen(id, (f) => f.extensions.length > 0)).toMatchObject({
      departments: ['dept-urban'], lead: 'dept-urban',
      extensions: [{ duration: 'P1D', approvedBy: '刘值班', reason: '需采购地砖' }],
    });
    expect((await act(stack, 'dept_handler', task.id, 'complete', { result: '地砖已更换', photos: ['after.jpg'] })).status).toBe(200);
    await complete(stack, id, WhistleStep.FieldCheck, 'grid_worker', 'pass');
    await complete(stack, id, WhistleStep.FollowUp, 'community_staff', 'record', { satisfaction: 'satisfied' });
    await complete(stack, id, WhistleStep.Close, 'shift_chief', 'close');
    await waitForStatus(stack, id, 'closed');
    expect(await facts(id)).toMatchObject({
      resolution: { by: '马承办', result: '地砖已更换', stepId: WhistleStep.DepartmentHandle }, satisfaction: 'satisfied', closedAt: expect.any(String), reworks: 0,
    });
    // Filed directly by the street's dispatcher, the case has no 12345 order behind it.
    expect((await facts(id)).workOrder).toBeNull();
  });

  test('a case filed for a 12345 order names the order, its number and where it stands, read from the order\'s row', async () => {
    const orderId = await startOrder(stack, call({ category: 'neighbourhood-noise', gridCode: 'G-A1-01' }));
    await complete(stack, orderId, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'street-a' });
    await complete(stack, orderId, HotlineStep.Respond, 'dispatcher', 'contact', { note: '已联系' });
    const caseId = `${orderId}-W1`;
    const linked = await waitFor(async () => { const f = await facts(caseId).catch(() => null); return f?.workOrder ? f : undefined; }, 'the linked case');
    expect(linked).toMatchObject({
      kind: 'whistle-escalation', source: 'hotline', gridCode: 'G-A1-01',
      workOrder: { orderNumber: orderId, status: 'running', stage: 'dispatched', kind: 'complaint', urgent: false, reportedAt: null, satisfaction: null },
    });
    expect(linked.workOrder.handleDueAt).toEqual(expect.any(String));
    // As the OpenAPI document (and the web app's generated types) describe it; the order's own file names the case.
    expect(instanceDetailSchema.safeParse(await instance(stack, caseId, 'auditor')).error).toBeUndefined();
    const order = await instance(stack, orderId, 'auditor');
    expect(instanceDetailSchema.safeParse(order).error).toBeUndefined();
    expect(order.facts).toMatchObject({ kind: 'hotline-order', callKind: 'complaint', unitId: 'street-a', linkedCaseId: caseId, dispatches: [{ seq: 1, unitId: 'street-a', contactedInTime: true }] });
    // The order's row is the source: what it records shows on the case file at once, no workflow asked.
    await stack.database.db.update(hotlineOrders).set({ reportedAt: new Date('2026-03-03T02:00:00Z') }).where(eq(hotlineOrders.instanceId, orderId));
    expect((await facts(caseId)).workOrder).toMatchObject({ stage: 'reported', reportedAt: '2026-03-03T10:00:00.000+08:00' });
  });
});
