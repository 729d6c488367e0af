// Where benchmark 1's time goes, beside its ratio: per decision, the workflow tasks, activities, timers and Updates
// in a sample of cases' Temporal histories, and what the database did for a round — statements from
// pg_stat_statements where the server preloads it, else transactions and rows from PostgreSQL's cumulative
// statistics (every server keeps those).
import type { Client } from '@temporalio/client';
import { Client as PgClient } from 'pg';

export interface HistoryCounts {
  cases: number;
  workflowTasks: number;
  activities: number;
  timers: number;
  updates: number;
}

/** Event counts summed over the given workflows' histories. */
export async function historyCounts(client: Client, workflowIds: string[]): Promise<HistoryCounts> {
  const counts: HistoryCounts = { cases: workflowIds.length, workflowTasks: 0, activities: 0, timers: 0, updates: 0 };
  for (const id of workflowIds) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    for (const event of history.events ?? []) {
      if (event.workflowTaskCompletedEventAttributes) counts.workflowTasks++;
      if (event.activityTaskScheduledEventAttributes) counts.activities++;
      if (event.timerStartedEventAttributes) counts.timers++;
      if (event.workflowExecutionUpdateAcceptedEventAttributes) counts.updates++;
    }
  }
  return counts;
}

/** Counts per decision (a case makes `decisions` of them), rounded to one decimal. */
export function perDecision(counts: HistoryCounts, decisions: number): Record<'workflowTasks' | 'activities' | 'timers' | 'updates', number> {
  const per = (n: number) => Math.round((n / counts.cases / decisions) * 10) / 10;
  return { workflowTasks: per(counts.workflowTasks), activities: per(counts.activities), timers: per(counts.timers), updates: per(counts.updates) };
}

export interface SqlSnapshot {
  /** Statements executed in the database (pg_stat_statements), when the server has it loaded. */
  statements?: number;
  transactions: number;
  rowsWritten: number;
  rowsRead: number;
  /** Index and sequential scans started on the project's tables. */
  scans: number;
}

export interface TopStatement { calls: number; meanMs: number; totalMs: number; query: string }

/** The database's counters for benchmark 1, read from a connection of its own (which they then also count, a little). */
export class SqlCounters {
  private statementsAvailable = false;

  private constructor(private readonly url: string) {}

  static async open(url: string): Promise<SqlCounters> {
    const counters = new SqlCounters(url);
    await counters.query(async (pg) => {
      try {
        await pg.query('create extension if not exists pg_stat_statements');
        await pg.query('select 1 from pg_stat_statements limit 1');
        counters.statementsAvailable = true;
      } catch {
        // Not in shared_preload_libraries on this server: the view exists but cannot be read.
      }
    });
    return counters;
  }

  get hasStatements(): boolean { return this.statementsAvailable; }

  private async query<T>(work: (pg: PgClient) => Promise<T>): Promise<T> {
    const pg = new PgClient({ connectionString: this.url });
    await pg.connect();
    try { return await work(pg); } finally { await pg.end(); }
  }

  async snapshot(): Promise<SqlSnapshot> {
    // The cumulative statistics are flushed by each backend at most once a second.
    await new Promise((r) => setTimeout(r, 1500));
    return this.query(async (pg) => {
      const db = (await pg.query(`select xact_commit + xact_rollback as transactions, tup_inserted + tup_updated + tup_deleted as written,
        tup_returned + tup_fetched as read from pg_stat_database where datname = current_database()`)).rows[0] as Record<string, string>;
      const scans = (await pg.query(`select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) as scans from pg_stat_user_tables`)).rows[0] as { scans: string };
      const statements = this.statementsAvailable
        ? Number((await pg.query(`select coalesce(sum(calls), 0) as calls from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`)).rows[0].calls)
        : undefined;
      return { statements, transactions: Number(db.transactions), rowsWritten: Number(db.written), rowsRead: Number(db.read), scans: Number(scans.scans) };
    });
  }

  /** The statements that took the most time in this database, for reading where a round's database time went. */
  async top(limit = 8): Promise<TopStatement[]> {
    if (!this.statementsAvailable) return [];
    return this.query(async (pg) => (await pg.query(`select calls, mean_exec_time, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
      from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
      order by total_exec_time desc limit $1`, [limit])).rows.map((r: Record<string, unknown>) => ({
      calls: Number(r.calls), meanMs: Number(r.mean_exec_time), totalMs: Number(r.total_exec_time), query: String(r.query),
    })));
  }
}

/** The difference of two snapshots, per decision. */
export function sqlPerDecision(before: SqlSnapshot, after: SqlSnapshot, decisions: number): Record<string, number> {
  const per = (a: number | undefined, b: number | undefined) => Math.round((((b ?? 0) - (a ?? 0)) / decisions) * 10) / 10;
  return {
    ...(after.statements !== undefined ? { statements: per(before.statements, after.statements) } : {}),
    transactions: per(before.transactions, after.transactions),
    rowsWritten: per(before.rowsWritten, after.rowsWritten),
    rowsRead: per(before.rowsRead, after.rowsRead),
    scans: per(before.scans, after.scans),
  };
}
