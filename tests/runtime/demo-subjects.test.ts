// Demo mode (embedded, not production) seeds the subjects registry once, so the double-random pages have subjects to
// draw from; opening the database again adds none. Production seeds no demo data at all (runtime/stack.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../runtime/config';
import { openDatabaseFor } from '../../runtime/stack';
import { marketSubjects } from '../../db/schema';
import { DEMO_SUBJECT_COUNT } from '../../db/demo-subjects';

const dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-demo-subjects-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('a new demo database holds the demo subjects over every grid, seeded once', async () => {
  const config = loadConfig({ SHANZHI_DATA_DIR: dataDir }, []);
  const lines: string[] = [];
  const first = await openDatabaseFor(config, (line) => lines.push(line));
  const perGrid = await first.db.select({ grid: marketSubjects.gridCode, n: sql<number>`count(*)::int` }).from(marketSubjects).groupBy(marketSubjects.gridCode);
  await first.close();
  expect(DEMO_SUBJECT_COUNT).toBeGreaterThanOrEqual(200);
  expect(perGrid.reduce((sum, g) => sum + g.n, 0)).toBe(DEMO_SUBJECT_COUNT);
  expect(perGrid.map((g) => g.grid).sort()).toEqual(['G-A1-01', 'G-A1-02', 'G-A2-01', 'G-A2-02', 'G-B1-01', 'G-B1-02', 'G-B2-01', 'G-B2-02']);
  expect(lines).toContain(`[db] ${DEMO_SUBJECT_COUNT} demo market subjects seeded`);

  const again: string[] = [];
  const second = await openDatabaseFor(config, (line) => again.push(line));
  const [{ n }] = await second.db.select({ n: sql<number>`count(*)::int` }).from(marketSubjects);
  await second.close();
  expect(n).toBe(DEMO_SUBJECT_COUNT);
  expect(again.filter((l) => l.includes('market subjects'))).toEqual([]);
}, 120_000);
