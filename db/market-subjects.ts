// Writes to the subjects registry (检查对象名录库): upserts by credit code in batches, one multi-row statement per
// batch, so a registry of 100,000 subjects imports in seconds (bench/subjects-import.ts).
import { inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { marketSubjects } from './schema';
import type { SubjectRow } from '../domain/random-inspection/subject-rows';

/** Rows per statement: 5 parameters a row stays far below PostgreSQL's 65,535 bind parameters. */
const BATCH = 2000;

/** How many of these credit codes the registry already holds (a dry run's "updated"). */
export async function countExisting(db: Db, codes: readonly string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < codes.length; i += BATCH) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(marketSubjects).where(inArray(marketSubjects.creditCode, codes.slice(i, i + BATCH)));
    found += row.n;
  }
  return found;
}

/** Inserts new subjects and updates known ones in one transaction: an import lands whole or not at all. */
export async function upsertSubjects(db: Db, rows: readonly SubjectRow[], at: Date): Promise<{ created: number; updated: number }> {
  return db.transaction(async (tx) => {
    let created = 0;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map((r) => ({ ...r, updatedAt: at }));
      // xmax is 0 on a row this statement inserted and set on one it updated: the split without a second query.
      const result = await tx.insert(marketSubjects).values(batch).onConflictDoUpdate({
        target: marketSubjects.creditCode,
        set: {
          name: sql`excluded.name`, address: sql`excluded.address`, gridCode: sql`excluded.grid_code`,
          creditGrade: sql`excluded.credit_grade`, updatedAt: sql`excluded.updated_at`,
        },
      }).returning({ inserted: sql<boolean>`(xmax = 0)` });
      created += result.filter((r) => r.inserted).length;
    }
    return { created, updated: rows.length - created };
  });
}
