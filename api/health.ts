// GET /api/health: ok when the database and Temporal both answer; 503 naming the failing part otherwise.
import type { RequestHandler } from 'express';
import type { AppContext } from './context';

const TIMEOUT_MS = 3000;

async function check(probe: () => Promise<void>): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([probe(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS); })]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export function healthHandler(ctx: AppContext): RequestHandler {
  return async (_req, res) => {
    const [db, temporal] = await Promise.all([check(ctx.ping.db), check(ctx.ping.temporal)]);
    const ok = db === 'ok' && temporal === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', temporal, db, simulation: Boolean(ctx.simulation) });
  };
}
