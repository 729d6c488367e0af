// The case file (案卷) as the API answers it: the stored facts of the instance row (folded from the trail when the
// row predates them), with what changes by the day computed on reading.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { foldCaseFile } from '../../db/case-file';
import { instances } from '../../db/schema';
import type { CaseFacts } from '../../domain/case-file';
import { penaltyFactsView } from './penalty-facts';

type InstanceRow = typeof instances.$inferSelect;

export async function storedFactsOf(db: Db, row: Pick<InstanceRow, 'id' | 'processKey' | 'facts'>): Promise<CaseFacts | null> {
  return row.facts ?? foldCaseFile(db, row.id, row.processKey);
}

export function factsView(facts: CaseFacts | null, now: Date) {
  if (!facts) return null;
  return facts.kind === 'inspection-penalty' ? penaltyFactsView(facts, now) : facts;
}

export type FactsView = NonNullable<ReturnType<typeof factsView>>;

/** The case file of one instance by id (the task page of a penalty case shows its clock and payment). */
export async function caseFileOf(db: Db, instanceId: string, now: Date): Promise<FactsView | null> {
  const [row] = await db.select({ id: instances.id, processKey: instances.processKey, facts: instances.facts }).from(instances).where(eq(instances.id, instanceId));
  return row ? factsView(await storedFactsOf(db, row), now) : null;
}
