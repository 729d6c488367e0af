// A fresh, migrated, seeded database per test file: in-memory PGlite by default, or a new database on the
// PostgreSQL server named by DATABASE_URL (dropped afterwards), so the same suite proves both. Each starts as a
// copy of the run's template (test-template.ts) when global setup made one, else is migrated and seeded here.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openDatabase, type Database } from '../../db/client';
import { createDatabase, dropDatabase, migrateAndSeed, TEMPLATE_ENV } from './test-template';

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
    const template = process.env[TEMPLATE_ENV.postgres];
    url = await createDatabase(baseUrl, name, template);
    database = await openDatabase({ url });
    drop = () => dropDatabase(baseUrl, name);
    if (!template) await migrateAndSeed(database);
  } else {
    const template = process.env[TEMPLATE_ENV.pglite];
    database = await openDatabase(template ? { loadDataDir: new Blob([readFileSync(template)]) } : {});
    if (!template) await migrateAndSeed(database);
  }
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await drop?.();
    },
  };
}
