// The built web app is sent small and cached right: hashed assets precompressed (brotli first, gzip for a
// browser without it) and immutable; index.html never cached; a vanished asset name is a 404, not the page.
import express from 'express';
import request from 'supertest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { webAppRouter } from '../../api/web-app';

const SCRIPT = `console.log(${JSON.stringify('善治'.repeat(500))});`;
let dir: string;
let app: express.Express;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'web-app-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-Ab12.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'index-Ab12.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'assets', 'index-Ab12.js.gz'), gzipSync(SCRIPT));
  app = express();
  app.use(webAppRouter(dir));
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

const decoded = (res: request.Response) => (typeof res.text === 'string' && res.text ? res.text : String(res.body));

test('a browser that takes brotli gets the .br file, immutable for a year', async () => {
  const res = await request(app).get('/assets/index-Ab12.js').set('Accept-Encoding', 'gzip, deflate, br');
  expect(res.status).toBe(200);
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers['content-type']).toMatch(/javascript/);
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(Number(res.headers['content-length'])).toBe(brotliCompressSync(SCRIPT).length);
  expect(decoded(res)).toBe(SCRIPT);
});

test('a browser without brotli gets gzip, and one that asks for neither the plain file', async () => {
  const gz = await request(app).get('/assets/index-Ab12.js').set('Accept-Encoding', 'gzip');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(decoded(gz)).toBe(SCRIPT);
  const plain = await request(app).get('/assets/index-Ab12.js').set('Accept-Encoding', 'identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(SCRIPT));
});

test('every app path gets index.html, revalidated on each visit so a new build is seen at once', async () => {
  for (const path of ['/', '/login', '/portal', '/start/inspection-penalty']) {
    const res = await request(app).get(path);
    expect({ path, status: res.status, cache: res.headers['cache-control'] }).toEqual({ path, status: 200, cache: 'no-cache' });
    expect(res.text).toContain('<div id="root">');
  }
});

test('an asset name the build no longer has is a 404, not the HTML page', async () => {
  const res = await request(app).get('/assets/index-Old9.js');
  expect(res.status).toBe(404);
  expect(res.text).not.toContain('<div id="root">');
});
