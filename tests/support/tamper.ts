// What someone with superuser access to the database can do despite the append-only trigger: switch triggers off
// for their own transaction (session_replication_role = replica) and edit, delete or re-hash audit rows. Tests
// use it to play that attacker and show what the checkpoints and projections still catch.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export async function asSuperuserBypassingTriggers<T>(db: Db, tamper: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    return tamper(tx);
  });
}
