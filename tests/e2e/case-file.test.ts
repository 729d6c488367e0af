// The case file (案卷) in the browser: an auditor reads a licence's number and both push receipts on the case page,
// and a case officer sees what a late payer owes on the enforcement task — 3 % of the fine a day after the period.
import type { Browser } from 'playwright-core';
import { InProcessEnforcementPlatform } from '../../activities/enforcement-platform';
import { LicensingStep } from '../../domain/processes/commitment-licensing';
import { PenaltyStep as P } from '../../domain/processes/inspection-penalty';
import { application, startApplication } from '../support/licensing';
import { fine, registered } from '../support/penalty';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { complete, instance } from '../support/whistle';
import { MODELER_DIST } from '../support/paths';
import { launchBrowser, openAs, screenshot, warmUp, withFailureScreenshots } from '../support/browser';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    createTestStack({ staticDir: MODELER_DIST, listen: true, startAt: '2026-03-02T09:00:00+08:00', enforcement: new InProcessEnforcementPlatform() }),
    launchBrowser(),
  ]);
  await warmUp(browser, stack.baseUrl!);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

test('a case officer sees the amount owed on a late payment on the enforcement task', async () => {
  await withFailureScreenshots(browser, 'case-file-payment', async () => {
    // Given a ¥1,000 fine served Mon 2 Mar: 15 days from Tue 3 Mar end at 24:00 on Tue 17 Mar
    const id = await registered(stack);
    await complete(stack, id, P.Investigate, 'case_officer', 'conclude', { finding: 'penalize', proposedPenalty: fine(100_000) });
    await complete(stack, id, P.Notify, 'case_officer', 'notify', { proposedPenalty: fine(100_000), hearingEligible: false });
    await complete(stack, id, P.Defence, 'case_officer', 'waive');
    await complete(stack, id, P.Decide, 'agency_head', 'decide', { penalty: fine(100_000) });
    await complete(stack, id, P.Serve, 'case_officer', 'served', { method: 'inPerson' });
    const enforce = await stack.openTask(id, P.Enforce);

    // When it is Fri 20 Mar: 18, 19 and 20 Mar are late, ¥30 a day
    await stack.advanceTo('2026-03-20T10:00:00+08:00');
    const officer = await openAs(browser, stack.baseUrl!, 'case_officer', `/tasks/${enforce.id}`);
    const payment = officer.page.getByTestId('payment-facts');
    await payment.getByText('逾期 3 天').waitFor();
    await payment.getByText('¥90.00').waitFor();
    await payment.getByText('¥1090.00').waitFor();
    await screenshot(officer.page, 'case-file-payment');
    await officer.close();
  });
});

test('an auditor sees the licence number and the push receipts on the case page', async () => {
  await withFailureScreenshots(browser, 'case-file-licence', async () => {
    const id = await startApplication(stack, application());
    await complete(stack, id, LicensingStep.Commit, 'applicant', 'sign', { noticeVersion: 'FB-2026-1' });
    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    const facts = await waitFor(async () => {
      const f = (await instance(stack, id)).facts;
      return f?.pushes?.length === 2 && f.pushes.every((p: { receiptId: string | null }) => p.receiptId) ? f : undefined;
    }, 'both receipts');

    const auditor = await openAs(browser, stack.baseUrl!, 'auditor', `/instances/${id}`);
    const file = auditor.page.getByTestId('case-file');
    await file.getByTestId('licence-no').getByText(facts.licence.licenceNo).waitFor();
    for (const push of facts.pushes as Array<{ target: string; receiptId: string }>) {
      await file.getByTestId(`push-${push.target}`).getByText(push.receiptId, { exact: false }).waitFor();
    }
    await file.getByText('推送执法平台').waitFor();
    await file.getByText('推送信用库').waitFor();
    await screenshot(auditor.page, 'case-file-licence');
    await auditor.close();
  });
});
