// Who holds and who completed a task, by name: one query for the users of a whole page, never one per row.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';

export type UserNames = ReadonlyMap<string, string>;

export async function userNames(db: Db, ids: ReadonlyArray<string | null>): Promise<UserNames> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The users a page of tasks names. */
export const taskUsers = (rows: ReadonlyArray<{ assigneeId: string | null; completedBy: string | null }>) =>
  rows.flatMap((r) => [r.assigneeId, r.completedBy]);
