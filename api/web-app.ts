// The built web app: hashed assets sent precompressed (brotli, else gzip, as the build wrote them) and cached
// for good, since a new build gives them new names; index.html for every other path (history-API routing),
// never cached, so a browser always learns the current asset names.
import express, { Router } from 'express';
import type { ServerResponse } from 'node:http';
import expressStaticGzip from 'express-static-gzip';
import { join } from 'node:path';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

export function webAppRouter(staticDir: string): Router {
  const router = Router();
  router.use('/assets', expressStaticGzip(join(staticDir, 'assets'), {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: false,
    serveStatic: {
      index: false,
      fallthrough: true,
      setHeaders: (res: ServerResponse) => { res.setHeader('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`); },
    },
  }));
  // An asset name the build no longer has (a tab open across a deploy) is a 404, not the HTML page as "JavaScript".
  router.use('/assets', (_req, res) => { res.status(404).type('text/plain').send('no such asset'); });
  router.use(express.static(staticDir, { index: false, maxAge: '1h' }));
  router.get(/.*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(staticDir, 'index.html'));
  });
  return router;
}
