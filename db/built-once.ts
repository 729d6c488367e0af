// A statement built once per database handle and run many times. Drizzle assembles a query's SQL text anew on every
// call (an entity check per fragment), which on the hot paths costs more CPU than PostgreSQL spends answering; a
// statement whose text never changes is built on first use and kept. `prepare('')` keeps it unnamed on the server,
// so PostgreSQL still plans each run with its values.
import type { Db } from './client';

export function builtOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) built.set(db, statement = build(db));
    return statement;
  };
}
