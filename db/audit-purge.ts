// The one explicit way to remove a whole instance, audit chain included (a retention job, a court-ordered
// erasure): the purge is recorded in audit_purges with the chain's head, in the same transaction as the
// deletion, because the append-only trigger on audit_events refuses every other DELETE.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { assessmentUnits, assessments, instances, licences, pushReceipts, tasks } from './schema';

export interface PurgeOrder {
  instanceId: string;
  /** Why (the retention rule, the order's reference); kept for good in audit_purges. */
  reason: string;
  /** Who ordered it. */
  purgedBy: string;
}

/** Deletes one instance with its projections and its audit chain; returns how many audit events went. */
export async function purgeInstance(db: Db, order: PurgeOrder): Promise<number> {
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`select audit_purge_instance(${order.instanceId}, ${order.reason}, ${order.purgedBy}) as n`);
    const [{ n }] = (result as unknown as { rows: Array<{ n: number }> }).rows;
    const owned = tx.select({ id: licences.id }).from(licences).where(eq(licences.instanceId, order.instanceId));
    await tx.delete(pushReceipts).where(inArray(pushReceipts.licenceId, owned));
    await tx.delete(licences).where(eq(licences.instanceId, order.instanceId));
    await tx.delete(assessmentUnits).where(eq(assessmentUnits.instanceId, order.instanceId));
    await tx.delete(assessments).where(eq(assessments.instanceId, order.instanceId));
    await tx.delete(tasks).where(eq(tasks.instanceId, order.instanceId));
    await tx.delete(instances).where(eq(instances.id, order.instanceId));
    return Number(n);
  });
}
