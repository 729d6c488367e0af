// A district imports its organisation from a spreadsheet through the web app (批量导入): the system administrator
// picks a units CSV, the dry run shows the row that is wrong and imports nothing, a corrected file passes the dry run
// and is imported, and the new units are in the tree.
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { orgUnits } from '../../db/schema';
import { createTestStack, type TestStack } from '../support/test-stack';
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

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

test('a units CSV with a misplaced grid shows that row\'s error and imports nothing; the corrected file is imported', async () => {
  await withFailureScreenshots(browser, 'csv-import', async () => {
    const admin = await openAs(browser, stack.baseUrl!, 'admin', '/admin/import');
    const input = admin.page.locator('input[type="file"]');
    // A grid hung directly under a street (row 4) is refused by the dry run.
    const wrong = 'kind,name,parent,code\nstreet,江北街道,district,S-JB\ncommunity,江北社区,S-JB,C-JB\ngrid,错挂网格,S-JB,G-JB-09\n';
    await input.setInputFiles(file('units-wrong.csv', wrong));
    await admin.page.getByText('试导入发现 1 处错误').waitFor();
    const errorRow = admin.page.locator('.ant-table-row').first();
    await errorRow.getByRole('cell', { name: '4', exact: true }).waitFor();
    await errorRow.getByRole('cell', { name: '上级单位（parent）', exact: true }).waitFor();
    await screenshot(admin.page, 'import-01-dry-run-errors');
    expect(await stack.database.db.select().from(orgUnits).where(eq(orgUnits.code, 'S-JB'))).toEqual([]);

    const right = 'kind,name,parent,code\nstreet,江北街道,district,S-JB\ncommunity,江北社区,S-JB,C-JB\ngrid,江北社区第一网格,C-JB,G-JB-01\n';
    await input.setInputFiles(file('units.csv', right));
    await admin.page.getByText('试导入通过（单位）：将新建 3 条、更新 0 条').waitFor();
    await admin.page.getByRole('button', { name: '正式导入' }).click();
    await admin.page.locator('.ant-popover').getByRole('button', { name: /确\s*定|OK/ }).click();
    await admin.page.getByText('已导入（单位）：新建 3 条、更新 0 条。').waitFor();
    await screenshot(admin.page, 'import-02-done');
    const grid = await stack.database.db.select().from(orgUnits).where(eq(orgUnits.code, 'G-JB-01'));
    expect(grid.map((u) => [u.kind, u.name])).toEqual([['grid', '江北社区第一网格']]);

    await admin.page.getByRole('link', { name: '组织机构' }).click();
    await admin.page.locator('.ant-tree-title', { hasText: '江北街道' }).waitFor();
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});
