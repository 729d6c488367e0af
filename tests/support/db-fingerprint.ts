// A database's fingerprint: every table's row count and a hash of its rows. Two equal fingerprints mean no
// request wrote anything in between (the fuzzer's and the authorization matrix's "nothing changed"). A refused attempt
// to act on a task is the one write a refusal makes (its audit event, api/tasks/refusals.ts): `exceptRefusals` leaves
// those events out, so a caller can check them separately.
import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Database } from '../../db/client';

/**
 * Tables a refused or reading request is meant to write, by design: failed sign-ins are counted and logged in the
 * security log (with its chain head), and sessions note when they were last used (for the idle limit).
 */
const COUNTERS_OF_REFUSALS = new Set(['sign_in_failures', 'security_events', 'security_log_head', 'sessions']);

export async function fingerprint(database: Database, options: { exceptRefusals?: boolean } = {}): Promise<Record<string, string>> {
  const rowsOf = async (query: string) => ((await database.db.execute(sql.raw(query))) as unknown as { rows: Array<Record<string, unknown>> }).rows;
  const tables = await rowsOf("select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1");
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (COUNTERS_OF_REFUSALS.has(String(name))) continue;
    const where = options.exceptRefusals && name === 'audit_events' ? " where t.action <> 'refused'" : '';
    // A refusal's event moves its case's chain head, kept on the case row (db/audit-log.ts): leave the head out too.
    const rowText = options.exceptRefusals && name === 'instances' ? "(to_jsonb(t) - 'audit_seq' - 'audit_hash')::text" : 't::text';
    const [row] = await rowsOf(`select count(*)::int as n, coalesce(string_agg(${rowText}, E'\\n' order by ${rowText}), '') as body from "${String(name)}" t${where}`);
    out[String(name)] = `${row.n} rows ${createHash('sha256').update(String(row.body)).digest('hex').slice(0, 16)}`;
  }
  return out;
}
