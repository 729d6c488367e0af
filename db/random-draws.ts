// Reading a recorded draw back and re-running it (npm run verify:draw, GET /api/instances/:id/draw): the seed, the
// plan and the registry snapshot kept with it are all a re-run needs.
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { randomDraws } from './schema';
import { verifyDraw, type DrawPlan, type DrawResult, type RegistrySnapshot } from '../domain/random-inspection/draw';

export interface RecordedDraw { result: DrawResult; plan: DrawPlan; snapshot: RegistrySnapshot; drawnAt: Date }

export async function recordedDraw(db: Db, instanceId: string): Promise<RecordedDraw | null> {
  const [row] = await db.select().from(randomDraws).where(eq(randomDraws.instanceId, instanceId));
  if (!row) return null;
  return { result: row.result as unknown as DrawResult, plan: row.plan as unknown as DrawPlan, snapshot: row.snapshot as unknown as RegistrySnapshot, drawnAt: row.drawnAt };
}

/** Re-runs a plan's draw from its record; the differences found (none when it verifies), or null for no draw. */
export async function reverifyDraw(db: Db, instanceId: string): Promise<string[] | null> {
  const record = await recordedDraw(db, instanceId);
  return record ? verifyDraw(record.result, record.snapshot, record.plan) : null;
}
