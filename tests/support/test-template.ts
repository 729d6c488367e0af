// One migrated, seeded database per Jest run, copied for every test file instead of built again: a fresh PGlite
// spends seconds in initdb and the demo users' password hashes, and the suite starts about a hundred stacks.
// PGlite copies a dump of the template's data folder; PostgreSQL creates each database FROM the template database.
// The copies are real, separate databases: nothing is shared between test files but the starting content.
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../db/client';
import { seedDemo, seedProcesses } from '../../db/seed';
import { CACHE_DIR } from './paths';

/** Where global setup leaves the template for the test workers (they inherit its environment). */
export const TEMPLATE_ENV = { pglite: 'SHANZHI_TEST_PGLITE_TEMPLATE', postgres: 'SHANZHI_TEST_POSTGRES_TEMPLATE' } as const;

export async function migrateAndSeed(database: Database): Promise<void> {
  await database.migrate();
  await seedProcesses(database.db);
  await seedDemo(database.db);
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function onServer<T>(baseUrl: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** A new database on the server, empty or as a copy of `template`; its connection string. */
export async function createDatabase(baseUrl: string, name: string, template?: string): Promise<string> {
  await onServer(baseUrl, (admin) => admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`));
  return withDatabaseName(baseUrl, name);
}

export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  await onServer(baseUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
}

/** Builds the template (global setup) and names it in the environment the workers inherit. */
export async function prepareTemplate(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `shanzhi_tpl_${randomBytes(6).toString('hex')}`;
    const database = await openDatabase({ url: await createDatabase(baseUrl, name) });
    try {
      await migrateAndSeed(database);
    } finally {
      // A template may have no open sessions while databases are created from it.
      await database.close();
    }
    process.env[TEMPLATE_ENV.postgres] = name;
    return;
  }
  const database = await openDatabase({});
  try {
    await migrateAndSeed(database);
    const file = join(CACHE_DIR, `pglite-template-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
    process.env[TEMPLATE_ENV.pglite] = file;
  } finally {
    await database.close();
  }
}

/** Removes the template (global teardown). */
export async function dropTemplate(): Promise<void> {
  const name = process.env[TEMPLATE_ENV.postgres];
  const baseUrl = process.env.DATABASE_URL;
  if (name && baseUrl) await dropDatabase(baseUrl, name);
  const file = process.env[TEMPLATE_ENV.pglite];
  if (file) rmSync(file, { force: true });
}
