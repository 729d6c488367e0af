// Issue 14 in a real browser: a window clerk files a licence application from the generated start form and hands
// over the claim code; the applicant redeems it on the portal, reads the notice and signs it there; an enforcement
// officer starts an inspection with the second inspector picked from their street. Screenshots in .cache/screenshots.
import type { Browser } from 'playwright-core';
import { LicensingStep } from '../../domain/processes/commitment-licensing';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { audit } from '../support/whistle';
import { DEMO_SUBJECTS } from '../support/licensing';
import { MODELER_DIST } from '../support/paths';
import { confirmPopover, launchBrowser, openAs, pickOption, screenshot, warmUp, withFailureScreenshots } from '../support/browser';

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

test('a window clerk files a licence application from the web app; the applicant claims it on the portal and signs the notice there', async () => {
  await withFailureScreenshots(browser, 'licence-filing', async () => {
    // Given a window clerk on the licence application form
    const clerk = await openAs(browser, baseUrl, 'window_clerk', '/start/commitment-licensing');
    await clerk.page.getByLabel('申请人名称').fill('东湖便利店');
    await clerk.page.getByLabel('统一社会信用代码').fill(DEMO_SUBJECTS.applicant);
    await pickOption(clerk.page, '许可事项', '食品经营许可（仅销售预包装食品）（可告知承诺）');
    await screenshot(clerk.page, '14-01-clerk-licence-form');
    // When they submit it
    await clerk.page.getByRole('button', { name: '提 交' }).click();
    // Then the case is started and the one-time claim code is shown to hand over
    const started = await clerk.page.getByText(/已提交，案件编号/).textContent();
    const instanceId = /CL-\d{8}-\d{4}/.exec(started ?? '')![0];
    const code = (await clerk.page.getByTestId('claim-code').locator('h3').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await screenshot(clerk.page, '14-02-clerk-claim-code');
    await stack.openTask(instanceId, LicensingStep.Commit);
    // And when the party loses it, the clerk re-issues it on the case page: the old code stops working
    await clerk.page.getByRole('button', { name: '查看案件' }).click();
    const claimCard = clerk.page.getByTestId('claim-code-card');
    await claimCard.getByRole('button', { name: '补发认领码' }).click();
    await confirmPopover(clerk.page);
    const reissued = (await claimCard.getByTestId('reissued-claim-code').locator('h4').textContent())!.trim();
    expect(reissued).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(reissued).not.toBe(code);
    await screenshot(clerk.page, '14-02b-clerk-reissued-claim-code');
    expect(clerk.errors).toEqual([]);
    await clerk.close();

    // When the applicant signs in to their portal: the lost code is refused on its field, the new one redeemed
    const applicant = await openAs(browser, baseUrl, 'applicant', '/portal');
    await applicant.page.getByLabel('认领码').fill(code);
    await applicant.page.getByRole('button', { name: '认 领' }).click();
    await applicant.page.locator('.ant-form-item-has-error').getByText('认领码无效或已使用，请核对或到窗口重新获取').waitFor();
    await applicant.page.getByLabel('认领码').fill(reissued);
    await applicant.page.getByRole('button', { name: '认 领' }).click();
    await applicant.page.getByText(`已认领申请 ${instanceId}`).waitFor();
    // Then the application is listed with the notice to sign, its text and the hash that will be recorded
    const card = applicant.page.getByTestId(`application-${instanceId}`);
    await card.getByTestId('notice').waitFor();
    await expect(card.locator('.notice-text').textContent()).resolves.toContain('【承诺书】本人/本单位 东湖便利店');
    const shown = (await card.getByTestId('notice-sha256').textContent())!.trim();
    await screenshot(applicant.page, '14-03-portal-notice');
    // When they sign it
    await card.locator('[data-action="sign"]').click();
    await confirmPopover(applicant.page);
    // Then the commitment recorded is the very text shown, and the application moves on to the window
    const signed = await waitFor(async () => (await audit(stack, instanceId)).find((e) => e.action === 'commitmentSigned'), 'the signed commitment');
    expect(signed.data.sha256).toBe(shown);
    expect(signed.actor).toMatchObject({ role: 'applicant' });
    await card.getByText('等待窗口/审批办理').waitFor();
    await screenshot(applicant.page, '14-04-portal-signed');
    // The browser logs the lost code's 404 itself; nothing else may go wrong.
    expect(applicant.errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    await applicant.close();
  });
});

test('an enforcement officer starts an inspection from the web app with a second inspector of their street', async () => {
  await withFailureScreenshots(browser, 'inspection-start', async () => {
    const officer = await openAs(browser, baseUrl, 'enforcement_officer', '/start/inspection-penalty');
    await officer.page.getByLabel('当事人名称').fill('东湖小吃店');
    await officer.page.getByLabel('地址').fill('东湖路3号');
    await pickOption(officer.page, '违法事项', '擅自占用城市道路摆摊经营');
    await pickOption(officer.page, '检查人员', '杨执法（enforcement_officer2）');
    await screenshot(officer.page, '14-05-inspection-form');
    await officer.page.getByRole('button', { name: '提 交' }).click();
    const started = await officer.page.getByText(/已提交，案件编号/).textContent();
    const instanceId = /IP-\d{8}-\d{4}/.exec(started ?? '')![0];
    const inspect = await stack.openTask(instanceId, 'Task_Inspect');
    expect(inspect.orgUnitId).toBe('street-a');
    // The case view opens the diagram on the current step, the whole diagram one click away.
    await officer.page.getByRole('button', { name: '查看案件' }).click();
    const diagram = officer.page.getByTestId('diagram');
    await diagram.and(officer.page.locator('[data-ready="true"]')).waitFor();
    expect(await diagram.getAttribute('data-framing')).toBe('focus');
    await screenshot(officer.page, '14-06-case-diagram-focused');
    await officer.page.getByRole('button', { name: '全图' }).click();
    expect(await diagram.getAttribute('data-framing')).toBe('whole');
    expect(officer.errors).toEqual([]);
    await officer.close();
  });
});

test('an invalid inspection form shows the API\'s Chinese messages on its fields', async () => {
  await withFailureScreenshots(browser, 'inspection-invalid', async () => {
    const officer = await openAs(browser, baseUrl, 'enforcement_officer', '/start/inspection-penalty');
    await officer.page.getByLabel('当事人名称').fill('东湖早餐店');
    await officer.page.getByLabel('地址').fill('东湖路5号');
    await pickOption(officer.page, '违法事项', '擅自占用城市道路摆摊经营');
    await pickOption(officer.page, '检查人员', '杨执法（enforcement_officer2）');
    // Given an offence with an end date though it is not a continuing one, and a day that has not come
    await officer.page.getByLabel('填写违法行为').click();
    await officer.page.getByLabel('违法行为发生日期').fill('2099-01-04');
    await officer.page.getByLabel('终了日期').fill('2099-01-05');
    // When submitted, the schema's refusal lands on the end date, in Chinese
    await officer.page.getByRole('button', { name: '提 交' }).click();
    const fieldError = (label: string, message: string) => officer.page.locator('.ant-form-item-has-error').filter({ hasText: label }).getByText(message);
    await fieldError('终了日期', '只有连续或继续状态的违法行为才有终了日期').waitFor();
    await officer.page.getByRole('alert').getByText('请根据提示修改后重新提交').waitFor();
    await screenshot(officer.page, '14-07-inspection-field-errors');
    // And without the end date, the start's own check of the date lands on the date, in Chinese
    await officer.page.getByLabel('终了日期').fill('');
    await officer.page.getByRole('button', { name: '提 交' }).click();
    await fieldError('违法行为发生日期', '违法行为发生日期不能晚于今天').waitFor();
    expect(await officer.page.getByText(/已提交，案件编号/).count()).toBe(0);
    expect(officer.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    await officer.close();
  });
});
