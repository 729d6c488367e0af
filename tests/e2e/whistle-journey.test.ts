// A whistle case through the web app in a real browser, each person signing in on their own deep link:
// reported by the grid worker, whistled by the community, dispatched to two departments, handled by both,
// checked in the field, closed by the shift chief; then traced by the auditor and re-parameterised by the
// process designer. Screenshots of every page land in .cache/screenshots.
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { waitForStatus } from '../support/whistle';
import { MODELER_DIST } from '../support/paths';
import { confirmPopover, launchBrowser, openAs, warmUp, withFailureScreenshots, pickOption, screenshot, type UserPage } from '../support/browser';

let stack: TestStack;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([createTestStack({ staticDir: MODELER_DIST, listen: true, checkpoints: true }), launchBrowser()]);
  baseUrl = stack.baseUrl!;
  await warmUp(browser, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Signs in on the "to claim" tab and opens the case's task there, claiming it first when asked to. */
async function openAvailableTask(username: string, title: string, claim: boolean): Promise<UserPage> {
  // The workflow opens the task asynchronously; wait for its inbox row so the page's first load shows it.
  const role = username.replace(/2$/, '');
  await waitFor(async () => (await stack.database.db.select().from(tasks)
    .where(and(eq(tasks.title, title), eq(tasks.role, role), eq(tasks.status, 'open')))).length > 0, `an open ${role} task for ${title}`);
  const user = await openAs(browser, baseUrl, username, '/tasks?tab=available');
  const row = user.page.locator('tr', { hasText: title });
  await row.waitFor();
  if (claim) await row.getByRole('button').click();
  else await row.getByRole('link', { name: title }).click();
  await user.page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
  await user.page.getByTestId('action-forms').waitFor();
  return user;
}

async function submitAction(page: Page, action: string, tab?: string): Promise<void> {
  if (tab) await page.getByTestId('action-forms').getByRole('tab', { name: tab }).click();
  await page.locator(`[data-action="${action}"]`).click();
}

async function expectDone(page: Page, label: string): Promise<void> {
  await page.getByText(`已提交：${label}`).waitFor();
}

test('a grid report is whistled, dispatched to two departments, handled, checked and closed; the auditor traces it and the designer saves version 2', async () => {
  await withFailureScreenshots(browser, 'journey', async () => {
    const description = `井盖缺失-${Date.now()}`;
    const title = `东湖路8号：${description}`;

    // Given a grid worker reporting an event from the report form, with the grid defaulting to their own
    const grid = await openAs(browser, baseUrl, 'grid_worker', '/report');
    await grid.page.getByText('G-A1-01 东湖社区第一网格').waitFor();
    await pickOption(grid.page, '事件类别', '道路破损');
    await grid.page.getByLabel('发生地点').fill('东湖路8号');
    await grid.page.getByLabel('问题描述').fill(description);
    await screenshot(grid.page, '01-report-form');
    await grid.page.getByRole('button', { name: '提交上报' }).click();
    const started = await grid.page.getByText(/已上报，案件编号/).textContent();
    const instanceId = /WE-\d{8}-\d{4}/.exec(started ?? '')![0];
    await grid.close();

    // When the community clerk claims it from the inbox and whistles to the street
    const community = await openAvailableTask('community_staff', title, false);
    await screenshot(community.page, '03-task-community');
    await community.page.getByRole('link', { name: '返回待办列表' }).click();
    const row = community.page.locator('tr', { hasText: title });
    await community.page.getByRole('tab', { name: /待领取/ }).click();
    await screenshot(community.page, '02-inbox-available');
    await row.getByRole('button').click();
    await community.page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    await community.page.getByText('办理人：李社区').waitFor();
    await submitAction(community.page, 'whistle', '吹哨');
    await community.page.getByText('原因 为必填项').waitFor();
    await community.page.getByLabel('原因').fill('路面塌陷需城管与市场监管联合处置');
    await submitAction(community.page, 'whistle');
    await expectDone(community.page, '吹哨');
    await screenshot(community.page, '04-task-done');
    await community.close();

    // And the dispatcher, after the API refuses a lead outside the dispatched departments on the lead field,
    // dispatches the urban department as lead and the market department as co-handler
    const dispatcher = await openAvailableTask('dispatcher', title, false);
    const dispatchForm = dispatcher.page.getByTestId('form-dispatch');
    await pickOption(dispatcher.page, '派遣部门', '区城市管理局');
    await pickOption(dispatcher.page, '主办部门', '区城市管理局');
    await dispatchForm.locator('.ant-select-selection-item[title="区城市管理局"] .ant-select-selection-item-remove').click();
    await pickOption(dispatcher.page, '派遣部门', '区市场监督管理局');
    await submitAction(dispatcher.page, 'dispatch');
    await dispatchForm.locator('.ant-form-item-has-error').filter({ hasText: '主办部门' }).getByText('牵头部门须是派遣的部门之一').waitFor();
    await pickOption(dispatcher.page, '派遣部门', '区城市管理局');
    await screenshot(dispatcher.page, '05-task-dispatch');
    await submitAction(dispatcher.page, 'dispatch');
    await expectDone(dispatcher.page, '派遣');
    await dispatcher.close();

    // And both department handlers acknowledge and report completion
    for (const handler of ['dept_handler', 'dept_handler2']) {
      const dept = await openAvailableTask(handler, title, true);
      await submitAction(dept.page, 'acknowledge', '签收报到');
      await confirmPopover(dept.page);
      await dept.page.getByText('已记录：签收报到，任务继续办理').waitFor();
      await dept.page.getByTestId('action-forms').getByRole('tab', { name: '办结反馈' }).click();
      await dept.page.getByLabel('处理结果').fill(`${handler} 已修复并反馈`);
      // A completion is recorded with an after-photo (DOMAIN §4.6): the form requires one.
      const photos = dept.page.getByLabel('照片', { exact: true });
      await photos.fill(`${handler}-after.jpg`);
      await photos.press('Enter');
      await submitAction(dept.page, 'complete');
      await expectDone(dept.page, '办结反馈');
      await dept.close();
    }

    // And the grid worker's field check passes
    const check = await openAvailableTask('grid_worker', title, false);
    await submitAction(check.page, 'pass');
    await expectDone(check.page, '核查通过');
    await check.close();

    // And the shift chief closes the case
    const chief = await openAvailableTask('shift_chief', title, false);
    await submitAction(chief.page, 'close');
    await confirmPopover(chief.page);
    await expectDone(chief.page, '结案');
    await chief.close();
    await waitForStatus(stack, instanceId, 'closed');

    // Then the auditor sees every step completed on the diagram, the departments' two runs, and the chain verified up to a signed checkpoint
    await stack.checkpoints!.writeFull(new Date());
    const auditor = await openAs(browser, baseUrl, 'auditor', `/instances/${instanceId}`);
    await auditor.page.locator('[data-testid="diagram"][data-ready="true"]').waitFor();
    for (const step of ['Task_CommunityHandle', 'Task_Dispatch', 'Task_DepartmentHandle', 'Task_FieldCheck', 'Task_Close']) {
      await expect(auditor.page.locator(`.djs-element.sz-completed[data-element-id="${step}"]`).count()).resolves.toBe(1);
    }
    await expect(auditor.page.locator('[data-run-count="Task_DepartmentHandle"]').textContent()).resolves.toBe('2');
    expect(await auditor.page.locator('.djs-connection.sz-path').count()).toBeGreaterThanOrEqual(5);
    await auditor.page.locator('[data-testid="chain-badge"][data-ok="true"]').filter({ hasText: '已校验至检查点' }).waitFor();
    await auditor.page.getByTestId('audit-table').getByText('值班长').first().waitFor();
    await screenshot(auditor.page, '06-instance-audit');
    await auditor.page.goto(`${baseUrl}/instances`);
    await auditor.page.getByTestId('instances-table').getByRole('link', { name: instanceId }).waitFor();
    await screenshot(auditor.page, '07-instances');
    expect(auditor.errors).toEqual([]);
    await auditor.close();

    // And the process designer raises the community time limit and saves version 2
    const designer = await openAs(browser, baseUrl, 'process_designer', '/processes/whistle-escalation');
    await designer.page.locator('[data-testid="modeler"] [data-element-id="Task_CommunityHandle"]').waitFor();
    await pickOption(designer.page, '选择环节', '社区处置（Task_CommunityHandle）');
    await designer.page.locator('.djs-element.selected[data-element-id="Task_CommunityHandle"]').waitFor();
    await designer.page.getByLabel('时限', { exact: true }).fill('2');
    await designer.page.getByText('有未保存的修改').waitFor();
    await screenshot(designer.page, '08-designer');
    await designer.page.getByRole('button', { name: '保存为新版本' }).click();
    await designer.page.getByText('已保存为第 2 版').waitFor();
    await designer.page.getByTestId('current-version').filter({ hasText: 'v2' }).waitFor();
    await designer.close();

    const definition = await request(stack.app).get('/api/processes/whistle-escalation').set('authorization', await stack.login('auditor'));
    expect(definition.body.version).toBe(2);
    expect(definition.body.parameters.Task_CommunityHandle.timeLimit).toEqual({ unit: 'workingDays', amount: 2 });
    const verify = await request(stack.app).get(`/api/instances/${instanceId}/audit/verify`).set('authorization', await stack.login('auditor'));
    expect(verify.body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });
}, 300_000);
