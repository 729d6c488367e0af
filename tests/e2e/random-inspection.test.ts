// Issue 18 in a real browser: the platform operator draws up a double-random plan on its form; once the street's
// head approves it, the draw page shows the seed, algorithm, registry hash and the command that re-runs it; a drawn
// inspector records the inspection on the task page; the result is on the public page, which needs no sign-in, reads
// on a phone, and names no inspector. Screenshots in .cache/screenshots.
import type { Browser } from 'playwright-core';
import { eq, inArray } from 'drizzle-orm';
import { users } from '../../db/schema';
import { reverifyDraw } from '../../db/random-draws';
import { RandomStep } from '../../domain/processes/random-inspection';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { complete } from '../support/whistle';
import { drawOf, importSubjects, subjectsCsv } from '../support/random-inspection';
import { MODELER_DIST } from '../support/paths';
import { launchBrowser, openAs, pickOption, screenshot, warmUp, withFailureScreenshots } from '../support/browser';

let stack: TestStack;
let browser: Browser;
let baseUrl: string;
const TITLE = '2026年东湖街道占道经营双随机抽查（浏览器）';
const GRIDS = ['G-A1-01', 'G-A1-02', 'G-A2-01', 'G-A2-02'];

beforeAll(async () => {
  [stack, browser] = await Promise.all([createTestStack({ staticDir: MODELER_DIST, listen: true }), launchBrowser()]);
  baseUrl = stack.baseUrl!;
  await warmUp(browser, baseUrl);
  const imported = await importSubjects(stack, subjectsCsv(Array.from({ length: 6 }, (_, i) => ({ n: 500 + i, name: `湖畔小吃${i + 1}号`, grid: GRIDS[i % 4] }))));
  expect(imported.body).toMatchObject({ created: 6, errors: [] });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

test('a plan made on its form is approved and drawn, a drawn inspector records the inspection, and the result is on the public page', async () => {
  await withFailureScreenshots(browser, 'random-inspection', async () => {
    // Given the platform operator on the plan form
    const operator = await openAs(browser, baseUrl, 'platform_operator', '/random/plans/new');
    await operator.page.getByLabel('计划名称').fill(TITLE);
    await pickOption(operator.page, '抽查事项', '擅自占用城市道路摆摊经营');
    await pickOption(operator.page, '参与单位（街道或部门，可联合抽查）', '东湖街道（街道）');
    await operator.page.getByLabel('抽取户数').fill('2');
    await screenshot(operator.page, '18-01-plan-form');
    // When they submit it
    await operator.page.getByRole('button', { name: '提交审批' }).click();
    const submitted = await operator.page.getByText(/抽查计划 RI-\S+ 已提交审批/).textContent();
    const instanceId = /RI-[\w-]+/.exec(submitted ?? '')![0];

    // And the street's head approves it: the draw follows by itself, one inspection per drawn subject
    await complete(stack, instanceId, RandomStep.ApprovePlan, 'street_head', 'approve');
    await stack.openTasks(instanceId, RandomStep.Inspect, 2);
    const draw = (await drawOf(stack, instanceId)).body;

    // Then the draw page shows what the draw was made with, and the command that re-runs it
    await operator.page.getByRole('button', { name: '查看摇号结果' }).click();
    await operator.page.waitForURL(`**/random/draws/${instanceId}`);
    await expect(operator.page.getByTestId('draw-seed').textContent()).resolves.toContain(draw.seed);
    await expect(operator.page.getByTestId('draw-algorithm').textContent()).resolves.toBe('shanzhi-draw/1');
    await operator.page.getByText(draw.registryHash).waitFor();
    await expect(operator.page.getByTestId('verify-command').textContent()).resolves.toContain(`npm run verify:draw -- ${instanceId}`);
    for (const s of draw.subjects as Array<{ name: string }>) await operator.page.getByRole('cell', { name: s.name }).waitFor();
    await screenshot(operator.page, '18-02-draw-result');
    // And the double-random home lists the plan beside the KPIs and the registry
    await operator.page.getByRole('link', { name: '双随机抽查' }).click();
    await operator.page.getByRole('link', { name: TITLE }).waitFor();
    await operator.page.getByText('检查完成率').waitFor();
    await operator.page.getByRole('cell', { name: '湖畔小吃1号' }).waitFor();
    await screenshot(operator.page, '18-05-random-home');
    expect(operator.errors).toEqual([]);
    await operator.close();
    expect(await reverifyDraw(stack.database.db, instanceId)).toEqual([]);

    // When one of the inspectors drawn for the first subject opens its task from the inbox and records the result
    const [subject] = draw.subjects as Array<{ creditCode: string; name: string }>;
    const task = (draw.tasks as Array<{ creditCode: string; taskId: string }>).find((x) => x.creditCode === subject.creditCode)!;
    const [inspector] = await stack.database.db.select().from(users).where(eq(users.id, draw.inspectors[subject.creditCode][0]));
    const officer = await openAs(browser, baseUrl, inspector.username, '/tasks?tab=available');
    // The inbox row names the subject (an inspector may be drawn for several subjects of one plan)
    await officer.page.locator('tr', { hasText: subject.name }).waitFor();
    await screenshot(officer.page, '18-03-inspector-inbox');
    await officer.page.locator(`a[href="/tasks/${task.taskId}"]`).first().click();
    await officer.page.waitForURL(`**/tasks/${task.taskId}`);
    await officer.page.getByTestId('action-forms').waitFor();
    await pickOption(officer.page, '结果', '未发现问题');
    await officer.page.getByLabel('检查情况').fill('现场检查未发现占道经营');
    await screenshot(officer.page, '18-04-inspection-task');
    await officer.page.locator('[data-action="result"]').click();
    await officer.page.getByText('已提交：录入检查结果').waitFor();
    expect(officer.errors).toEqual([]);
    await officer.close();

    // Then the result is published: on the public page, without signing in, at a phone's width, found by credit code
    await waitFor(async () => {
      const res = await fetch(`${baseUrl}/api/public/inspection-results?q=${subject.creditCode}`);
      return ((await res.json()) as { items: unknown[] }).items.length > 0 ? true : undefined;
    }, 'the published result');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true });
    const phone = await context.newPage();
    const errors: string[] = [];
    phone.on('pageerror', (e) => errors.push(e.message));
    await phone.goto(`${baseUrl}/public/inspection-results`);
    await phone.getByPlaceholder('输入企业名称或统一社会信用代码').fill(subject.creditCode.toLowerCase());
    await phone.getByPlaceholder('输入企业名称或统一社会信用代码').press('Enter');
    const card = phone.getByTestId('public-result').filter({ hasText: subject.name });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('未发现问题');
    await expect(card.textContent()).resolves.toContain(TITLE);
    expect(phone.url()).not.toContain('/login');
    // Nothing wider than the phone, and no inspector's name, user name or id anywhere on the page
    expect(await phone.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
    const shown = await phone.locator('body').innerText();
    const officers = await stack.database.db.select().from(users).where(inArray(users.id, Object.values(draw.inspectors as Record<string, string[]>).flat()));
    for (const o of officers) for (const leak of [o.id, o.username, o.name]) expect(shown).not.toContain(leak);
    await screenshot(phone, '18-06-public-results-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
