// Measures how fast the built web app shows its first page (the login form) in headless Chromium, on a
// running server: `npm start`, then `npm run bench:web -- [baseUrl] [runs]`. Each run uses a
// fresh browser context (cold cache); the median is the number to compare with the 2 s target.
import { chromium } from 'playwright-core';
import { appendResult } from './report';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  const baseUrl = process.argv[2] ?? 'http://localhost:3000';
  const runs = Number(process.argv[3] ?? 7);
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const timings: number[] = [];
  let bytes = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      let transferred = 0;
      page.on('response', (res) => { void res.body().then((b) => { transferred += b.length; }, () => undefined); });
      const started = Date.now();
      await page.goto(`${baseUrl}/`);
      await page.locator('form[id="login"] input#login_username').waitFor();
      timings.push(Date.now() - started);
      await page.waitForLoadState('networkidle');
      bytes = transferred;
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`first page (login form visible), ${runs} cold runs: median ${median} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms`);
  console.log(`transferred (uncompressed) ${(bytes / 1024).toFixed(0)} KiB; target < 2000 ms: ${median < 2000 ? 'met' : 'missed'}`);
  appendResult('Web app first page (issue 6)', 'npm run bench:web', [
    '| cold runs | median | min | max | transferred | target < 2 s |',
    '|---|---|---|---|---|---|',
    `| ${runs} | ${median} ms | ${sorted[0]} ms | ${sorted[sorted.length - 1]} ms | ${(bytes / 1024).toFixed(0)} KiB uncompressed | ${median < 2000 ? 'met' : 'missed'} |`,
    '',
    'Time from navigation until the login form is visible, a fresh browser context (cold cache) each run, headless Chromium, served by `npm start`.',
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
