// A hot path's statement written once as SQL text and run with its values, on any handle (a pool or a
// transaction's client, PostgreSQL or PGlite). Drizzle's query builder assembles a statement's text anew on every
// call, which on a step's writes cost about as much CPU as running them; these texts are constants (or built once
// per row count), so only the values travel. Sent unnamed: PostgreSQL plans each run with its values. Runs through
// the handle's session, so drizzle's logger (bench/step-cost.ts counts statements with it) still sees each one.
import type { PgSession } from 'drizzle-orm/pg-core';
import type { Db } from './client';

export async function runStatement<Row>(db: Db, text: string, params: unknown[]): Promise<Row[]> {
  const session = (db as unknown as { _: { session: PgSession } })._.session;
  const result = await session.prepareQuery({ sql: text, params }, undefined, undefined, false).execute();
  return (result as { rows: Row[] }).rows;
}

/**
 * `($1::int, $2::text, …), (…)`: the placeholders of `rows` rows, one per column, each cast to its column's type
 * (values in a `values` list that is not an insert's own have no type to be inferred from), numbered from `$first`.
 */
export function valuesList(rows: number, casts: string[], first = 1): string {
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    tuples.push(`(${casts.map((cast, c) => `$${first + r * casts.length + c}::${cast}`).join(', ')})`);
  }
  return tuples.join(', ');
}
