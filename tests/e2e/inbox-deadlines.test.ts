// Deadlines as clerks see them, on the simulated clock: a dispatch task due in 30 minutes shows orange in the
// dispatcher's inbox; an admin moves the clock an hour on from the header; the task turns red, overdue and
// under supervision (督办), without anyone touching the database.
import type { Browser } from 'playwright-core';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { complete, gridReport, startCase } from '../support/whistle';
import { MODELER_DIST } from '../support/paths';
import { launchBrowser, openAs, screenshot, warmUp, withFailureScreenshots } from '../support/browser';

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

test('a task near its deadline is orange, and red and supervised once an admin advances the simulated clock past it', async () => {
  await withFailureScreenshots(browser, 'deadlines', async () => {
    // Given a case whistled to the street, so the dispatcher has 30 minutes to dispatch it
    const description = `夜间施工噪声-${Date.now()}`;
    const instanceId = await startCase(stack, gridReport({ description }));
    await complete(stack, instanceId, 'Task_CommunityHandle', 'community_staff', 'whistle', { reason: '需街道协调' });
    await stack.openTask(instanceId, 'Task_Dispatch');

    // Then the dispatcher's inbox shows it due soon, in orange
    const dispatcher = await openAs(browser, stack.baseUrl!, 'dispatcher', '/tasks?tab=available');
    const row = dispatcher.page.locator('tr', { hasText: description });
    await row.and(dispatcher.page.locator('.row-neardue')).waitFor();
    await row.getByText(/还剩 \d+ 分钟/).waitFor();
    await row.getByText('临期').waitFor();

    // When an admin advances the simulated clock by an hour from the header
    const admin = await openAs(browser, stack.baseUrl!, 'admin', '/instances');
    await admin.page.getByTestId('clock-control').getByRole('button', { name: '+1小时' }).click();
    await admin.page.getByText(/时钟已拨快至/).waitFor();
    await admin.close();
    await waitFor(async () => (await stack.openTask(instanceId, 'Task_Dispatch')).supervisedAt, 'the dispatch task to be supervised');

    // Then, on reload, the task is red, overdue and under supervision
    await dispatcher.page.reload();
    await row.and(dispatcher.page.locator('.row-overdue')).waitFor();
    await row.getByText(/已超期 \d+ 分钟/).waitFor();
    await row.getByText('督办').waitFor();
    await dispatcher.page.getByRole('tab', { name: /待领取/ }).waitFor();
    await screenshot(dispatcher.page, '11-inbox-overdue');
    expect(dispatcher.errors).toEqual([]);
    await dispatcher.close();
  });
}, 180_000);
