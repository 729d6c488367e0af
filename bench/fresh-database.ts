// A throwaway PostgreSQL database for one benchmark run: created next to the one DATABASE_URL names (which is
// only used to create and drop it), so a benchmark never writes into a shared database's tables.
import { Client } from 'pg';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates database `name` (dropping a leftover of an earlier run) on the server `adminUrl` points at. */
export async function freshPostgres(adminUrl: string, name: string): Promise<FreshDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  await admin(adminUrl, `drop database if exists ${name} with (force)`);
  await admin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(adminUrl, `drop database if exists ${name} with (force)`) };
}
