// drizzle-kit generates the SQL migrations in migrations/ from db/schema.ts; they are reviewed and committed.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './migrations',
});
