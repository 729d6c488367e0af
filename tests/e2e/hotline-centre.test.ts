// Issue 19 in a real browser: the 12345 centre takes a call on its workspace, sees the dispatch catalog's suggestion
// (the street of the named grid), and dispatches the order from its intake queue; the street's dispatcher then finds
// the first-contact task in their inbox. A district leader reads the 三率 on the dashboard and drills down to the
// orders behind a unit's rate. Screenshots in .cache/screenshots.
import type { Browser } from 'playwright-core';
import { HotlineStep } from '../../domain/processes/hotline-order';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { MODELER_DIST } from '../support/paths';
import { call, facts, startOrder } from '../support/hotline';
import { complete, waitForStatus } from '../support/whistle';
import { readAudit } from '../../db/audit-log';
import { DEMO_USERS } from '../../db/demo-org';
import { launchBrowser, openAs, pickOption, screenshot, warmUp, withFailureScreenshots } from '../support/browser';

let stack: TestStack;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([createTestStack({ staticDir: MODELER_DIST, listen: true }), launchBrowser()]);
  baseUrl = stack.baseUrl!;
  await warmUp(browser, baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

test('the centre takes a call and dispatches it to the street the catalog suggests; the street\'s dispatcher sees it', async () => {
  await withFailureScreenshots(browser, 'hotline-centre', async () => {
    // Given the 12345 centre on its workspace
    const centre = await openAs(browser, baseUrl, 'hotline_operator', '/hotline');
    await centre.page.getByRole('heading', { name: '12345 接诉即办工作台' }).waitFor();
    // When it records a noise complaint in a grid of 东湖街道
    await centre.page.getByLabel('诉求人姓名').fill('周女士');
    await centre.page.getByLabel('联系电话').fill('13800000000');
    await pickOption(centre.page, '派单类别', '噪声扰民');
    await pickOption(centre.page, '所在网格', 'G-A1-01 东湖社区第一网格');
    await centre.page.getByLabel('地点').fill('东湖路8号');
    await centre.page.getByLabel('诉求内容').fill('楼下酒吧深夜噪声扰民');
    // Then the dispatch catalog suggests the grid's street
    const suggestion = centre.page.getByTestId('dispatch-suggestion');
    await suggestion.getByText('东湖街道').waitFor();
    await expect(suggestion.textContent()).resolves.toContain('按派单目录：网格所属街道');
    await screenshot(centre.page, '19-01-centre-intake');
    // When it takes the call
    await centre.page.getByRole('button', { name: '受 理' }).click();
    const started = await centre.page.getByRole('status').getByText(/已受理工单/).textContent();
    const instanceId = /HL-\d{8}-\d{4}/.exec(started ?? '')![0];
    // Then the order waits in the intake queue with the suggestion, and is dispatched from there to the suggested street
    await stack.openTask(instanceId, HotlineStep.Intake);
    const row = centre.page.getByTestId('queue-intake').locator('tr', { hasText: instanceId });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('东湖街道');
    await row.getByRole('button', { name: '派 单' }).click();
    const dialog = centre.page.getByRole('dialog');
    await dialog.locator('.ant-select-selection-item[title="东湖街道（街道）"]').waitFor();
    await screenshot(centre.page, '19-02-centre-dispatch');
    await dialog.getByRole('button', { name: '确 定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    const dispatched = await waitFor(async () => { const f = await facts(stack, instanceId); return f.dispatches.length === 1 ? f : undefined; }, 'the dispatch');
    expect(dispatched.dispatches[0].unitId).toBe('street-a');
    expect(centre.errors).toEqual([]);
    await centre.close();

    // When the street's dispatcher opens their inbox
    const respond = await stack.openTask(instanceId, HotlineStep.Respond);
    expect(respond.orgUnitId).toBe('street-a');
    const dispatcher = await openAs(browser, baseUrl, 'dispatcher', '/tasks?tab=available');
    // Then the first-contact task of the order is there, with its due time
    const task = dispatcher.page.locator('tr', { hasText: '楼下酒吧深夜噪声扰民' });
    await task.waitFor();
    await expect(task.textContent()).resolves.toContain('首接联系');
    await screenshot(dispatcher.page, '19-03-street-dispatcher-inbox');
    expect(dispatcher.errors).toEqual([]);
    await dispatcher.close();

    // And another street's dispatcher does not see it
    const other = await openAs(browser, baseUrl, 'dispatcher_b', '/tasks?tab=available');
    await other.page.locator('.ant-table').first().waitFor();
    await expect(other.page.locator('tr', { hasText: '楼下酒吧深夜噪声扰民' }).count()).resolves.toBe(0);
    await other.close();
  });
});

test('a district leader reads a unit\'s 三率 on the dashboard and drills down to the orders the rate counted', async () => {
  await withFailureScreenshots(browser, 'hotline-rates', async () => {
    // Given an order of 区市场监督管理局 contacted in time, handled and visited as not resolved
    const id = await startOrder(stack, call({ category: 'food-safety', content: '超市销售过期食品' }));
    await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-market' });
    await complete(stack, id, HotlineStep.Respond, 'dept_handler2', 'contact', { note: '已联系' });
    await complete(stack, id, HotlineStep.Handle, 'dept_handler2', 'report', { result: '已下架' });
    await complete(stack, id, HotlineStep.ReturnVisit, 'hotline_operator', 'record', { resolved: false, satisfaction: 'basically_satisfied' });
    await waitForStatus(stack, id, 'closed');
    // When the leader opens the dashboard
    const leader = await openAs(browser, baseUrl, 'district_leader', '/dashboard');
    const panel = leader.page.getByTestId('hotline-rates');
    await panel.getByText('12345 三率').waitFor();
    // Then the unit's rates are shown: its only contact in time (100%), its only visit not resolved (0%)
    const row = panel.getByTestId('hotline-rates-units').locator('tr', { hasText: '区市场监督管理局' });
    await row.waitFor();
    await expect(row.getByRole('button', { name: '区市场监督管理局 响应率' }).textContent()).resolves.toBe('100.0%');
    await expect(row.getByRole('button', { name: '区市场监督管理局 解决率' }).textContent()).resolves.toBe('0.0%');
    await screenshot(leader.page, '19-04-dashboard-rates');
    // When they drill down into the resolution rate
    await row.getByRole('button', { name: '区市场监督管理局 解决率' }).click();
    // Then the order is listed as not counted
    const listed = leader.page.getByTestId('hotline-rate-orders').locator('tr', { hasText: id });
    await listed.waitFor();
    await expect(listed.textContent()).resolves.toContain('未计入');
    await screenshot(leader.page, '19-05-dashboard-drill-down');
    expect(leader.errors).toEqual([]);
    await leader.close();
  });
});

test('a unit objects to an order; the centre upholds it and re-dispatches from its objection queue, then records the return visit', async () => {
  await withFailureScreenshots(browser, 'hotline-objection-visit', async () => {
    // Given an order dispatched to the urban management bureau, which objects that the matter is not its duty
    const id = await startOrder(stack, call({ content: '超市出售过期食品' }));
    await complete(stack, id, HotlineStep.Intake, 'hotline_operator', 'dispatch', { unitId: 'dept-urban' });
    await complete(stack, id, HotlineStep.Respond, 'dept_handler', 'object', { reason: '食品安全属市场监管职责' });
    await stack.openTask(id, HotlineStep.RuleObjection);

    // When the centre opens its objection queue
    const centre = await openAs(browser, baseUrl, 'hotline_operator', '/hotline?tab=objections');
    const row = centre.page.getByTestId('queue-objections').locator('tr', { hasText: id });
    await row.waitFor();
    // Then the order is there with the unit and its reason
    await expect(row.textContent()).resolves.toContain('食品安全属市场监管职责');
    await expect(row.textContent()).resolves.toContain('区城市管理局');
    await screenshot(centre.page, '19-07-centre-objections');
    // When it upholds the objection and re-dispatches to the market regulator
    await row.getByRole('button', { name: '异议成立，改派' }).click();
    const dialog = centre.page.getByRole('dialog');
    await pickOption(centre.page, '派至', '区市场监督管理局（部门）');
    await dialog.getByRole('button', { name: '确 定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    // Then the order is the regulator's, with a fresh first-contact task
    const respond = await stack.openTask(id, HotlineStep.Respond);
    expect(respond.orgUnitId).toBe('dept-market');
    const dispatches = await waitFor(async () => { const f = await facts(stack, id); return f.dispatches.length === 2 ? f.dispatches : undefined; }, 'the re-dispatch');
    expect(dispatches.map((d) => [d.unitId, d.ruling])).toEqual([['dept-urban', 'upheld'], ['dept-market', null]]);

    // Given the regulator contacts the caller and reports
    await complete(stack, id, HotlineStep.Respond, 'dept_handler2', 'contact', { note: '已电话联系诉求人' });
    await complete(stack, id, HotlineStep.Handle, 'dept_handler2', 'report', { result: '已下架过期食品并立案调查' });
    await stack.openTask(id, HotlineStep.ReturnVisit);
    // When the centre opens its return-visit queue
    await centre.page.goto(`${baseUrl}/hotline?tab=returnVisits`);
    const visit = centre.page.getByTestId('queue-visits').locator('tr', { hasText: id });
    await visit.waitFor();
    // Then the unit's report is shown, and the centre records the caller's answer: resolved, basically satisfied
    await expect(visit.textContent()).resolves.toContain('已下架过期食品并立案调查');
    await visit.getByRole('button', { name: '记录回访' }).click();
    const record = centre.page.getByRole('dialog');
    await pickOption(centre.page, '满意度', '基本满意');
    await screenshot(centre.page, '19-08-centre-return-visit');
    await record.getByRole('button', { name: '确 定' }).click();
    await record.waitFor({ state: 'hidden' });
    // Then the order closes with what the centre recorded, on the case's audit trail
    const closed = await waitForStatus(stack, id, 'closed');
    expect(closed.outcome).toMatchObject({ unitId: 'dept-market', resolved: true, satisfaction: 'basically_satisfied', dispatches: 2 });
    const events = await readAudit(stack.database.db, id);
    const operator = DEMO_USERS.find((u) => u.username === 'hotline_operator')!;
    expect(events.find((e) => e.stepId === HotlineStep.ReturnVisit && e.action === 'record')).toMatchObject({ actorName: operator.name, data: { resolved: true, satisfaction: 'basically_satisfied' } });
    expect(events.find((e) => e.stepId === HotlineStep.RuleObjection && e.action === 'uphold')).toMatchObject({ actorName: operator.name, data: { unitId: 'dept-market' } });
    expect(centre.errors).toEqual([]);
    await centre.close();
  });
});
