// Measures how fast the built web app shows its first page (the login form) in headless Chromium, on a
// running server: `npm start`, then `npm run bench:web -- [baseUrl] [runs]`. Each run uses a
// fresh browser context (cold cache); the median is the number to compare with the 2 s target, and the bytes
// on the wire (compressed bodies and headers, as Chromium received them) with the 500 KB target.
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
  let wire = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      let transferred = 0;
      let onWire = 0;
      const pending: Array<Promise<void>> = [];
      page.on('response', (res) => { pending.push(res.body().then((b) => { transferred += b.length; }, () => undefined)); });
      // sizes() resolves once the body has arrived: the encoded body and the headers, what the network carried.
      page.on('requestfinished', (req) => { pending.push(req.sizes().then((s) => { onWire += s.responseBodySize + s.responseHeadersSize; }, () => undefined)); });
      const started = Date.now();
      await page.goto(`${baseUrl}/`);
      await page.locator('form[id="login"] input#login_username').waitFor();
      timings.push(Date.now() - started);
      await page.waitForLoadState('networkidle');
      await Promise.all(pending);
      bytes = transferred;
      wire = onWire;
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`first page (login form visible), ${runs} cold runs: median ${median} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms`);
  const kb = (n: number) => `${(n / 1000).toFixed(0)} KB`;
  const small = wire <= 500_000;
  console.log(`transferred ${kb(wire)} on the wire (${kb(bytes)} uncompressed); target < 2000 ms: ${median < 2000 ? 'met' : 'missed'}; target ≤ 500 KB: ${small ? 'met' : 'missed'}`);
  appendResult('Web app first page (issues 6, 14)', 'npm run bench:web', [
    '| cold runs | median | min | max | transferred (wire) | uncompressed | target < 2 s | target ≤ 500 KB |',
    '|---|---|---|---|---|---|---|---|',
    `| ${runs} | ${median} ms | ${sorted[0]} ms | ${sorted[sorted.length - 1]} ms | ${kb(wire)} | ${kb(bytes)} | ${median < 2000 ? 'met' : 'missed'} | ${small ? 'met' : 'missed'} |`,
    '',
    'Time from navigation until the login form is visible, a fresh browser context (cold cache) each run, headless Chromium, served by `npm start`; bytes are every response of the first page until the network is idle (bodies as sent plus headers, and decoded).',
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
