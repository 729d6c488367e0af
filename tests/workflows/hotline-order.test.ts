// Scenarios of the 12345 hotline order (接诉即办) on the time-skipping server, with the real worker and database.
// The clock starts on Monday 2026-09-28 10:00 (Shanghai), three days before 国庆 (Oct 1–7; Oct 10, a Saturday, is a
// make-up working day), so the limits below are dated by hand from the official calendar.
import { HotlineStep, LINKED_CASE_STEP } from '../../domain/processes/hotline-order';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { act, audit, complete, instance, waitForStatus } from '../support/whistle';
import { call, facts, openedWith, startOrder } from '../support/hotline';
import { shanghaiMinute } from '../support/licensing';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack({ startAt: '2026-09-28T10:00:00+08:00' }); });
afterAll(async () => { await stack?.close(); });

const HOUR_MS = 3_600_000;

/** Dispatches an order to a department and has its handler contact the caller. */
async function dispatchedAndContacted(id: string, unitId = 'dept-urban', handler = 'dept_handler') {
  await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId });
  await complete(stack, id, HotlineStep.Respond, handler, 'contact', { note: '已电话联系诉求人' });
  return stack.openTask(id, HotlineStep.Handle);
}

describe('hotline-order', () => {
  test('a department dispatched the order contacts in time and reports; the limits carry the calendar (7 days ending in 国庆 run to Oct 8)', async () => {
    const id = await startOrder(stack, call());
    const intake = await stack.openTask(id, HotlineStep.Intake);
    // The dispatch catalog suggests the category's department.
    expect(await openedWith(stack, id, intake.id)).toMatchObject({ suggestedUnitId: 'dept-urban' });
    await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-urban' });
    const respond = await stack.openTask(id, HotlineStep.Respond);
    expect({ orgUnitId: respond.orgUnitId, role: respond.role }).toEqual({ orgUnitId: 'dept-urban', role: 'dept_handler' });
    const [dispatch] = (await facts(stack, id)).dispatches;
    // Contact within 24 clock hours of the dispatch (Mon 10:00 → Tue 10:00).
    expect(Date.parse(dispatch.contactDueAt) - Date.parse(dispatch.dispatchedAt)).toBe(24 * HOUR_MS);
    expect(dispatch.contactDueAt.slice(0, 10)).toBe('2026-09-29');
    await complete(stack, id, HotlineStep.Respond, 'dept_handler', 'contact', { note: '已电话联系诉求人' });
    const handle = await stack.openTask(id, HotlineStep.Handle);
    // 7 calendar days from the day after Sep 28: the 7th is Oct 5, a holiday, so the limit ends with Oct 8 (民法典 art. 203).
    expect(shanghaiMinute(handle.dueAt)).toBe('2026-10-09T00:00');
    await complete(stack, id, HotlineStep.Handle, 'dept_handler', 'report', { result: '已责令餐馆加装油烟净化设施' });
    const visit = await stack.openTask(id, HotlineStep.ReturnVisit);
    expect(await openedWith(stack, id, visit.id)).toMatchObject({ reported: true, unitId: 'dept-urban' });
    await complete(stack, id, HotlineStep.ReturnVisit, 'hotline_operator', 'record', { resolved: true, satisfaction: 'satisfied' });
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ answered: false, unitId: 'dept-urban', handledInTime: true, resolved: true, satisfaction: 'satisfied', dispatches: 1 });
    expect((await facts(stack, id)).dispatches[0].contactedInTime).toBe(true);
  });

  test('an extension moves the limit on from its last day by working days (Oct 8 + 2 → the make-up Saturday Oct 10) and the caller is told why', async () => {
    const id = await startOrder(stack, call());
    const handle = await dispatchedAndContacted(id);
    const res = await act(stack, 'dept_handler', handle.id, 'requestExtension', { duration: 'P2D', reason: '需协调产权单位' });
    expect(res.body).toEqual({ taskId: handle.id, status: 'open', next: [] });
    await waitFor(async () => (await facts(stack, id)).extensions === 1, 'the extension');
    expect(shanghaiMinute((await stack.openTask(id, HotlineStep.Handle)).dueAt)).toBe('2026-10-10T17:30');
    await waitFor(async () => stack.notifier.informed.find((m) => m.instanceId === id), 'the message to the caller');
    expect(stack.notifier.informed.find((m) => m.instanceId === id)).toMatchObject({ recipient: { phone: '13800000000' }, text: expect.stringContaining('需协调产权单位') });
    await complete(stack, id, HotlineStep.Handle, 'dept_handler', 'report', { result: '已协调解决' });
    await complete(stack, id, HotlineStep.ReturnVisit, 'hotline_operator', 'record', { resolved: true, satisfaction: 'basically_satisfied' });
    expect((await waitForStatus(stack, id, 'closed')).outcome).toMatchObject({ handledInTime: true });
  });

  test('a consultation is answered at once and closes; any other kind cannot be answered at intake', async () => {
    const other = await startOrder(stack, call());
    const intake = await stack.openTask(other, HotlineStep.Intake);
    expect((await act(stack, 'hotline_operator', intake.id, 'answer', { answer: '已解答' })).status).toBe(409);
    const id = await startOrder(stack, call({ kind: 'consultation', content: '垃圾分类投放时间？' }));
    await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'answer', { answer: '每日7:00—9:00、18:00—20:00' });
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ answered: true, dispatches: 0 });
    expect((await audit(stack, id)).map((e) => e.action)).toEqual(['start', 'open', 'answer', 'close']);
  });

  test('an upheld objection re-dispatches: the clock starts again for the new unit and the first unit keeps its objection', async () => {
    const id = await startOrder(stack, call({ category: 'food-safety' }));
    await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-urban' });
    await complete(stack, id, HotlineStep.Respond, 'dept_handler', 'object', { reason: '食品安全属市场监管职责' });
    const ruling = await stack.openTask(id, HotlineStep.RuleObjection);
    // Upholding to the unit that objected is no re-dispatch.
    const same = await act(stack, 'hotline_operator', ruling.id, 'uphold', { unitId: 'dept-urban' });
    expect({ status: same.status, path: same.body.error?.details?.[0]?.path }).toEqual({ status: 400, path: 'data.unitId' });
    await stack.advance(HOUR_MS);
    await act(stack, 'hotline_operator', ruling.id, 'uphold', { unitId: 'dept-market' });
    const respond = await stack.openTask(id, HotlineStep.Respond);
    expect(respond.orgUnitId).toBe('dept-market');
    const [first, second] = (await waitFor(async () => {
      const f = await facts(stack, id);
      return f.dispatches.length === 2 ? f : undefined;
    }, 'the re-dispatch')).dispatches;
    expect(first).toMatchObject({ unitId: 'dept-urban', objection: '食品安全属市场监管职责', ruling: 'upheld', contactedAt: null });
    expect(second.unitId).toBe('dept-market');
    expect(Date.parse(second.dispatchedAt) - Date.parse(first.dispatchedAt)).toBeGreaterThanOrEqual(HOUR_MS);
    expect(Date.parse(second.contactDueAt) - Date.parse(second.dispatchedAt)).toBe(24 * HOUR_MS);
    await act(stack, 'dept_handler2', respond.id, 'contact', { note: '已联系' });
    await waitFor(async () => (await facts(stack, id)).dispatches[1].contactedInTime === true, 'the contact');
  });

  test('a refused objection keeps the order with the unit, its clock running from the first dispatch; it cannot object twice', async () => {
    const id = await startOrder(stack, call());
    await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-urban' });
    const first = await complete(stack, id, HotlineStep.Respond, 'dept_handler', 'object', { reason: '不属本局职责' });
    await complete(stack, id, HotlineStep.RuleObjection, 'hotline_operator', 'refuse', { reason: '属市容管理，派单无误' });
    const again = await waitFor(async () => {
      const t = await stack.openTask(id, HotlineStep.Respond);
      return t.id !== first.id ? t : undefined;
    }, 'the respond task again');
    expect({ orgUnitId: again.orgUnitId, dueAt: again.dueAt.getTime() }).toEqual({ orgUnitId: 'dept-urban', dueAt: first.dueAt.getTime() });
    expect((await act(stack, 'dept_handler', again.id, 'object', { reason: '再次异议' })).status).toBe(409);
    expect((await act(stack, 'dept_handler', again.id, 'contact', { note: '已联系' })).status).toBe(200);
    const f = await waitFor(async () => { const x = await facts(stack, id); return x.dispatches[0].contactedAt ? x : undefined; }, 'the contact');
    expect(f.dispatches).toHaveLength(1);
    expect(f.dispatches[0]).toMatchObject({ ruling: 'refused', objection: '不属本局职责', contactedInTime: true });
  });

  test('a missed contact limit is supervised and recorded late, against the response rate', async () => {
    const id = await startOrder(stack, call());
    await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-urban' });
    const respond = await stack.openTask(id, HotlineStep.Respond);
    await stack.advance(respond.dueAt.getTime() - (await stack.temporal.clock.now()).getTime() + 60_000);
    await waitFor(async () => (await audit(stack, id)).some((e) => e.stepId === HotlineStep.Respond && e.action === 'supervise'), 'supervision');
    expect((await act(stack, 'dept_handler', respond.id, 'contact', { note: '迟到的联系' })).status).toBe(200);
    const f = await waitFor(async () => { const x = await facts(stack, id); return x.dispatches[0].contactedAt ? x : undefined; }, 'the contact');
    expect(f.dispatches[0].contactedInTime).toBe(false);
  });

  test('not resolved: reopened once, handled again by the same unit; a second reopening is refused', async () => {
    const id = await startOrder(stack, call());
    await dispatchedAndContacted(id);
    await complete(stack, id, HotlineStep.Handle, 'dept_handler', 'report', { result: '已约谈' });
    await complete(stack, id, HotlineStep.ReturnVisit, 'hotline_operator', 'reopen', { reason: '油烟仍未改善' });
    const again = await stack.openTask(id, HotlineStep.Handle);
    expect(await openedWith(stack, id, again.id)).toMatchObject({ reopened: true });
    await act(stack, 'dept_handler', again.id, 'report', { result: '已加装净化器' });
    const visit = await stack.openTask(id, HotlineStep.ReturnVisit);
    expect((await act(stack, 'hotline_operator', visit.id, 'reopen', { reason: '仍有异味' })).status).toBe(409);
    await act(stack, 'hotline_operator', visit.id, 'record', { resolved: false, satisfaction: 'dissatisfied' });
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ reopened: true, resolved: false, satisfaction: 'dissatisfied' });
  });

  test('a street order runs as a linked whistle case with the caller as its requester; its close reports back to the order', async () => {
    const id = await startOrder(stack, call({ category: 'neighbourhood-noise', gridCode: 'G-A1-01' }));
    expect(await openedWith(stack, id, (await stack.openTask(id, HotlineStep.Intake)).id)).toMatchObject({ suggestedUnitId: 'street-a' });
    await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'street-a' });
    const respond = await stack.openTask(id, HotlineStep.Respond);
    expect({ orgUnitId: respond.orgUnitId, role: respond.role }).toEqual({ orgUnitId: 'street-a', role: 'dispatcher' });
    // A grid of another street is refused, naming the field.
    const wrong = await act(stack, 'dispatcher', respond.id, 'contact', { note: '已联系', gridCode: 'G-B1-01' });
    expect({ status: wrong.status, path: wrong.body.error?.details?.[0]?.path }).toEqual({ status: 400, path: 'data.gridCode' });
    await act(stack, 'dispatcher', respond.id, 'contact', { note: '已联系' });
    const caseId = `${id}-W1`;
    const whistle = await waitFor(async () => { const b = await instance(stack, caseId); return b.status === 'running' ? b : undefined; }, 'the linked case');
    expect(whistle.input).toMatchObject({ source: 'hotline', requester: { name: '周女士', phone: '13800000000' }, gridCode: 'G-A1-01' });
    expect(whistle.facts).toMatchObject({ kind: 'whistle-escalation', source: 'hotline', gridCode: 'G-A1-01', hotlineOrderId: id });
    expect((await facts(stack, id)).linkedCaseId).toBe(caseId);
    // The street's people see the order's caller masked, except the dispatcher who handles it.
    expect((await instance(stack, id, 'dispatcher')).input.caller).toEqual({ name: '周女士', phone: '13800000000' });
    expect((await instance(stack, id, 'district_leader')).input.caller).toEqual({ name: '周**', phone: '138****0000' });
    await complete(stack, caseId, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已协调商户调整营业时间', photos: ['after.jpg'] });
    await complete(stack, caseId, WhistleStep.FieldCheck, 'grid_worker', 'pass');
    await complete(stack, caseId, WhistleStep.FollowUp, 'community_staff', 'record', { satisfaction: 'satisfied' });
    await complete(stack, caseId, WhistleStep.Close, 'shift_chief', 'close');
    const visit = await stack.openTask(id, HotlineStep.ReturnVisit);
    expect(await openedWith(stack, id, visit.id)).toMatchObject({ reported: true, linkedCaseId: caseId });
    const events = await audit(stack, id);
    expect(events.find((e) => e.stepId === LINKED_CASE_STEP)?.data).toMatchObject({ caseId });
    expect(events.find((e) => e.stepId === HotlineStep.Handle && e.action === 'report')?.data).toMatchObject({ caseId, status: 'closed' });
    await act(stack, 'hotline_operator', visit.id, 'record', { resolved: true, satisfaction: 'satisfied' });
    expect((await waitForStatus(stack, id, 'closed')).outcome).toMatchObject({ linkedCases: [caseId], resolved: true });
  });

  test('a street extends its order while the linked case runs: the limit moves by working days, the caller is told why, the close still reports', async () => {
    const id = await startOrder(stack, call({ category: 'neighbourhood-noise', gridCode: 'G-A1-01', content: '楼下商铺夜间施工' }));
    await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'street-a' });
    await complete(stack, id, HotlineStep.Respond, 'dispatcher', 'contact', { note: '已联系' });
    const caseId = `${id}-W1`;
    // The street's handling task holds the order's limit while the case runs: dispatched Sep 28 or 29, the 7th
    // calendar day (Oct 5 or 6) falls in 国庆, so the limit ends with Oct 8.
    const handle = await stack.openTask(id, HotlineStep.Handle);
    expect({ orgUnitId: handle.orgUnitId, role: handle.role, due: shanghaiMinute(handle.dueAt) })
      .toEqual({ orgUnitId: 'street-a', role: 'dispatcher', due: '2026-10-09T00:00' });
    expect(await openedWith(stack, id, handle.id)).toMatchObject({ linkedCaseId: caseId });
    // The street does not report by hand: its linked case's close is the report.
    expect((await act(stack, 'dispatcher', handle.id, 'report', { result: '已处理' })).status).toBe(409);
    // Another street's dispatcher may not extend it.
    expect((await act(stack, 'dispatcher_b', handle.id, 'requestExtension', { duration: 'P2D', reason: '越权' })).status).toBe(403);
    const res = await act(stack, 'dispatcher', handle.id, 'requestExtension', { duration: 'P2D', reason: '需协调施工单位调整工期' });
    expect(res.body).toMatchObject({ taskId: handle.id, status: 'open' });
    await waitFor(async () => (await facts(stack, id)).extensions === 1, 'the extension');
    // Two working days on from Oct 8: Fri Oct 9 and the make-up Saturday Oct 10, to the end of its office hours.
    expect(shanghaiMinute((await stack.openTask(id, HotlineStep.Handle)).dueAt)).toBe('2026-10-10T17:30');
    expect(shanghaiMinute(new Date((await facts(stack, id)).handleDueAt!))).toBe('2026-10-10T17:30');
    const told = await waitFor(async () => stack.notifier.informed.find((m) => m.instanceId === id), 'the message to the caller');
    expect(told).toMatchObject({ recipient: { phone: '13800000000' }, text: expect.stringContaining('需协调施工单位调整工期') });
    expect(told.text).toContain('2026-10-10 17:30');
    await complete(stack, caseId, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '施工已停止', photos: ['after.jpg'] });
    await complete(stack, caseId, WhistleStep.FieldCheck, 'grid_worker', 'pass');
    await complete(stack, caseId, WhistleStep.FollowUp, 'community_staff', 'record', { satisfaction: 'basically_satisfied' });
    await complete(stack, caseId, WhistleStep.Close, 'shift_chief', 'close');
    const visit = await stack.openTask(id, HotlineStep.ReturnVisit);
    expect(await openedWith(stack, id, visit.id)).toMatchObject({ reported: true, linkedCaseId: caseId });
    const report = (await audit(stack, id)).find((e) => e.stepId === HotlineStep.Handle && e.action === 'report');
    expect(report?.data).toMatchObject({ taskId: handle.id, caseId, status: 'closed' });
    await act(stack, 'hotline_operator', visit.id, 'record', { resolved: true, satisfaction: 'basically_satisfied' });
    expect((await waitForStatus(stack, id, 'closed')).outcome).toMatchObject({ handledInTime: true, linkedCases: [caseId] });
  });

  // Last: it moves the clock past a handling limit.
  test('a street\'s limit ends while its linked case runs: the order goes to the return visit unreported, the case runs on', async () => {
    const id = await startOrder(stack, call({ category: 'neighbourhood-noise', gridCode: 'G-A1-01', content: '广场舞音响扰民' }));
    await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'street-a' });
    await complete(stack, id, HotlineStep.Respond, 'dispatcher', 'contact', { note: '已联系' });
    const caseId = `${id}-W1`;
    const handle = await stack.openTask(id, HotlineStep.Handle);
    await waitFor(async () => { const b = await instance(stack, caseId); return b.status === 'running' ? b : undefined; }, 'the linked case');
    await stack.advance(handle.dueAt.getTime() - (await stack.temporal.clock.now()).getTime() + 60_000);
    const visit = await stack.openTask(id, HotlineStep.ReturnVisit);
    expect(await openedWith(stack, id, visit.id)).toMatchObject({ reported: false, linkedCaseId: caseId });
    expect((await audit(stack, id)).find((e) => e.stepId === HotlineStep.Handle && e.action === 'timeout')?.data).toMatchObject({ taskId: handle.id });
    expect((await instance(stack, caseId)).status).toBe('running');
    await act(stack, 'hotline_operator', visit.id, 'record', { resolved: false, satisfaction: 'dissatisfied' });
    expect((await waitForStatus(stack, id, 'closed')).outcome).toMatchObject({ handledInTime: false, linkedCases: [caseId] });
  });
});
