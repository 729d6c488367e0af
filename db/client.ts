// Opens the database: PGlite (real Postgres compiled to WASM) in a folder by default, or PostgreSQL
// through `pg` when a connection string is given. Both speak the same drizzle API and run the same migrations.
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
import { join } from 'node:path';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /**
   * Runs start-up work (migrations, seeds) while holding a database-wide lock, so several API and worker
   * processes starting at once against one PostgreSQL take turns instead of racing to create the same tables.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data folder as a tar, which `loadDataDir` opens again as a copy. */
  dumpDataDir?(): Promise<Blob>;
}

const migrationsFolder = join(__dirname, '..', 'migrations');
/** Advisory lock key held during start-up work (an arbitrary constant: "shan" in ASCII). */
const STARTUP_LOCK = 0x7368616e;

/** Whether a migration newer than the last one applied exists; drizzle's migrator compares the same way. */
async function migrationsPending(pool: Pool): Promise<boolean> {
  const newest = Math.max(...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
  const applied = await pool.query<{ last: string | null }>('select max(created_at) as last from drizzle.__drizzle_migrations')
    .catch(() => ({ rows: [{ last: null }] }));
  const last = applied.rows[0]?.last;
  return last === null || last === undefined || Number(last) < newest;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  url?: string;
  /** PGlite data folder; absent = in memory. */
  dataDir?: string;
  /** PGlite: start from this dump of a data folder instead of an empty one (tests copy one seeded database). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const pool = new Pool({ connectionString: options.url, max: 10 });
    // A dropped connection must not crash the process; the next query reconnects. Idle clients report it on the
    // pool; a client checked out between two queries of a transaction reports it on itself, so each gets a listener.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => { client.on('error', () => undefined); });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      // Only when one is pending: the application may connect as a role that owns nothing and may create nothing
      // (docs/audit.md), and drizzle's migrator starts with CREATE SCHEMA even when all is applied.
      migrate: async () => { if (await migrationsPending(pool)) await migratePg(drizzlePg(pool), { migrationsFolder }); },
      exclusively: async (work) => {
        const session = await pool.connect();
        try {
          await session.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
          return await work();
        } finally {
          await session.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
          session.release();
        }
      },
      ping: async () => { await pool.query('select 1'); },
      close: () => pool.end(),
    };
  }
  const client = await PGlite.create(options.dataDir ?? 'memory://', options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    // PGlite lives in this one process: nobody else can race it.
    exclusively: (work) => work(),
    ping: async () => { await client.query('select 1'); },
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}
