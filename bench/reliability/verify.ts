// What a reliability run must show afterwards, read from the database: every case closed, no task or audit event
// written twice, every instance's audit chain intact.
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { instances } from '../../db/schema';
import { readAudit, verifyChain } from '../../db/audit-log';
import { sleep } from './processes';

export interface Verdict {
  cases: number;
  closed: number;
  /** Cases not closed after the grace period. */
  lost: number;
  duplicateTasks: number;
  duplicateAuditEvents: number;
  brokenChains: number;
  /** Instances in the database the driver never learnt of (a start whose answer was lost). */
  unknownInstances: number;
}

export async function verifyRun(db: Db, instanceIds: string[], graceMs = 120_000): Promise<Verdict> {
  const deadline = Date.now() + graceMs;
  let closed: number;
  for (;;) {
    const rows = instanceIds.length === 0 ? [] : await db.select({ id: instances.id, status: instances.status }).from(instances).where(inArray(instances.id, instanceIds));
    closed = rows.filter((r) => r.status === 'closed').length;
    if (closed === instanceIds.length || Date.now() > deadline) break;
    await sleep(1_000);
  }
  const ids = sql.join(instanceIds.map((id) => sql`${id}`), sql`, `);
  const none = instanceIds.length === 0;
  // The same step opened twice for a case that passes through each step once is a duplicate task.
  const tasksTwice = none ? 0 : await countOf(db, sql`select count(*)::int as n from (select instance_id, step_id from tasks
    where instance_id in (${ids}) group by instance_id, step_id having count(*) > 1) d`);
  // The same event (instance, step, action, data) recorded twice is a duplicate audit row, whatever its key.
  const eventsTwice = none ? 0 : await countOf(db, sql`select coalesce(sum(c - 1), 0)::int as n from (select count(*) as c from audit_events
    where instance_id in (${ids}) group by instance_id, step_id, action, data::text having count(*) > 1) d`);
  let brokenChains = 0;
  for (const id of instanceIds) if (!verifyChain(await readAudit(db, id)).ok) brokenChains++;
  const all = await countOf(db, sql`select count(*)::int as n from instances where process_key = 'whistle-escalation'`);
  return {
    cases: instanceIds.length, closed, lost: instanceIds.length - closed,
    duplicateTasks: tasksTwice, duplicateAuditEvents: eventsTwice, brokenChains,
    unknownInstances: all - instanceIds.length,
  };
}

async function countOf(db: Db, query: SQL): Promise<number> {
  const result = await db.execute(query) as unknown as { rows: Array<{ n: number | string }> };
  return Number(result.rows[0]?.n ?? 0);
}
