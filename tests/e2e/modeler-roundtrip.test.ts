// The process designer's round trip in a real browser: load the diagram, edit a step's parameters in the
// side panel, get blocked by lint while the diagram is invalid, save, reload — the parameters and the new
// version are there, in the API too, and the version diff shows the change.
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { createTestStack, type TestStack } from '../support/test-stack';
import { MODELER_DIST } from '../support/paths';
import { launchBrowser, openAs, warmUp, withFailureScreenshots, pickOption, screenshot } from '../support/browser';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([createTestStack({ staticDir: MODELER_DIST, listen: true }), launchBrowser()]);
  await warmUp(browser, stack.baseUrl!);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function currentDefinition() {
  const res = await request(stack.app).get('/api/processes/whistle-escalation').set('authorization', await stack.login('process_designer'));
  return res.body as { version: number; parameters: Record<string, { timeLimit: { unit: string; amount: number } }> };
}

test('a parameter edited in the modeler is saved as a new version and is there after a reload', async () => {
  await withFailureScreenshots(browser, 'roundtrip', async () => {
    const before = await currentDefinition();
    const designer = await openAs(browser, stack.baseUrl!, 'process_designer', '/processes/whistle-escalation');
    const { page } = designer;
    await page.locator('[data-testid="modeler"] [data-element-id="Task_Dispatch"]').waitFor();

    // Given the dispatch step selected in the side panel
    await pickOption(page, '选择环节', '街道派遣（Task_Dispatch）');
    await expect(page.getByLabel('时限', { exact: true }).inputValue()).resolves.toBe('30');

    // When its time limit is cleared, lint blocks the save and names the step
    await page.getByLabel('时限', { exact: true }).fill('');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByTestId('lint-report').getByText('Task_Dispatch').waitFor();
    expect((await currentDefinition()).version).toBe(before.version);

    // When it gets 2 working hours instead and is saved
    await page.getByLabel('时限', { exact: true }).fill('2');
    await pickOption(page, '时限单位', '工作时');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText(`已保存为第 ${before.version + 1} 版`).waitFor();

    // Then after a reload the step still has them, and the new version is current
    await page.reload();
    await page.locator('[data-testid="modeler"] [data-element-id="Task_Dispatch"]').waitFor();
    await page.getByTestId('current-version').filter({ hasText: `v${before.version + 1}` }).waitFor();
    await pickOption(page, '选择环节', '街道派遣（Task_Dispatch）');
    await expect(page.getByLabel('时限', { exact: true }).inputValue()).resolves.toBe('2');
    await page.getByTestId('parameter-panel').locator('.ant-select-selection-item[title="工作时"]').waitFor();
    await screenshot(page, '09-modeler-roundtrip');

    // And the API serves the new version with the parameter, while the old version keeps its own
    const after = await currentDefinition();
    expect(after.version).toBe(before.version + 1);
    expect(after.parameters.Task_Dispatch.timeLimit).toEqual({ unit: 'workingHours', amount: 2 });
    expect(before.parameters.Task_Dispatch.timeLimit).toEqual({ unit: 'minutes', amount: 30 });

    // And the version history lists both, and the diff marks the dispatch step as changed
    await page.getByRole('tab', { name: /版本历史/ }).click();
    const rows = page.getByTestId('version-history').locator('tbody tr');
    await rows.nth(before.version).waitFor();
    await expect(rows.count()).resolves.toBe(before.version + 1);
    await page.getByRole('tab', { name: '版本对比' }).click();
    await page.locator('[data-testid="diff-right"][data-ready="true"] .djs-element.sz-changed[data-element-id="Task_Dispatch"]').waitFor();
    await page.getByTestId('version-diff').getByText('30 → 2').waitFor();
    await screenshot(page, '10-version-diff');
    expect(designer.errors).toEqual([]);
    await designer.close();
  });
}, 180_000);

