// A fresh, migrated, seeded database per test file: in-memory PGlite by default, or a new database on the
// PostgreSQL server named by DATABASE_URL (dropped afterwards), so the same suite proves both.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../db/client';
import { seedDemo, seedProcesses } from '../../db/seed';

export interface TestDatabase extends Database {
  url?: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  let database: Database;
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (baseUrl) {
    const name = `shanzhi_t_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const parsed = new URL(baseUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    database = await openDatabase({ url });
    drop = async () => {
      const c = new Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    database = await openDatabase({});
  }
  await database.migrate();
  await seedProcesses(database.db);
  await seedDemo(database.db);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await drop?.();
    },
  };
}
