// Who holds and who completed a task, by name: one query for the users of a whole page, never one per row.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';

export type UserNames = ReadonlyMap<string, string>;

/**
 * `signedIn`, the user asking, is named without a query: their own inbox names only them, so most pages need none.
 */
export async function userNames(db: Db, ids: ReadonlyArray<string | null>, signedIn?: { id: string; name: string }): Promise<UserNames> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null && id !== signedIn?.id))];
  const names = new Map(signedIn ? [[signedIn.id, signedIn.name]] : []);
  if (wanted.length === 0) return names;
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  for (const r of rows) names.set(r.id, r.name);
  return names;
}

/** The users a page of tasks names. */
export const taskUsers = (rows: ReadonlyArray<{ assigneeId: string | null; completedBy: string | null }>) =>
  rows.flatMap((r) => [r.assigneeId, r.completedBy]);
