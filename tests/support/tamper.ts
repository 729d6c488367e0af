// What someone with superuser access to the database can do despite the append-only trigger: switch triggers off
// for their own transaction (session_replication_role = replica) and edit, delete or re-hash audit rows. Tests
// use it to play that attacker and show what the checkpoints and projections still catch.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { actorOf, hashEvent, readAudit, type AuditActor } from '../../db/audit-log';
import { auditEvents } from '../../db/schema';

export async function asSuperuserBypassingTriggers<T>(db: Db, tamper: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    return tamper(tx);
  });
}

/**
 * The attack a bare hash chain cannot show: edit one event (here: forge who acted) and recompute every hash from
 * there on, so the chain links up again. Only a checkpoint signed before the edit, or a projection, can tell.
 */
export async function forgeActorAndRehash(db: Db, instanceId: string, seq: number, actor: AuditActor): Promise<void> {
  await asSuperuserBypassingTriggers(db, async (tx) => {
    let prevHash: string | null = null;
    for (const row of await readAudit(tx, instanceId)) {
      if (row.seq < seq) { prevHash = row.hash; continue; }
      const forged = row.seq === seq
        ? { ...row, actorId: actor.id, actorName: actor.name, actorRole: actor.role, actorOrgUnitId: actor.orgUnitId }
        : row;
      const linked = { ...forged, prevHash: prevHash ?? forged.prevHash };
      const hash = hashEvent({ ...linked, actor: actorOf(linked) });
      await tx.update(auditEvents).set({ ...linked, hash }).where(and(eq(auditEvents.instanceId, instanceId), eq(auditEvents.seq, row.seq)));
      prevHash = hash;
    }
  });
}
