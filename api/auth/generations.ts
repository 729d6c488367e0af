// Two shared counters that let every API process cache safely: `auth` moves whenever a session ends or a user's roles,
// unit or state change (so cached sign-ins are re-checked on the next request), `org` whenever a unit changes (so the
// org tree and the scopes built on it are reloaded). One primary-key read per request answers both.
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { counters } from '../../db/schema';
import { builtOnce } from '../../db/built-once';

export const AUTH_GENERATION = 'auth-generation';
export const ORG_GENERATION = 'org-generation';

export interface Generations { auth: number; org: number }

const generationsQuery = builtOnce((db) => db.select().from(counters).where(inArray(counters.name, [AUTH_GENERATION, ORG_GENERATION])).prepare(''));

export async function readGenerations(db: Db): Promise<Generations> {
  const rows = await generationsQuery(db).execute();
  const of = (name: string) => rows.find((r) => r.name === name)?.value ?? 0;
  return { auth: of(AUTH_GENERATION), org: of(ORG_GENERATION) };
}

/** Moves a counter on inside the caller's transaction, so the change and its announcement commit together. */
export async function bumpGeneration(tx: Db, name: typeof AUTH_GENERATION | typeof ORG_GENERATION): Promise<void> {
  await tx.insert(counters).values({ name, value: 1 }).onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } });
}
