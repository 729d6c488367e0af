// The inbox page query (GET /api/tasks): built once per shape, then run with each request's values.
//
// Building this select with drizzle costs about half a millisecond of CPU (db/built-once.ts), more than PostgreSQL
// spends on the page itself. A page's SQL depends on its shape
// (scope, filters given, how many pools), never on whose inbox it is, so the statement is built once per shape with
// placeholders and kept; a request only fills in its values.
import { and, asc, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { unionAll, type PgColumn } from 'drizzle-orm/pg-core';
import { fillPlaceholders } from 'drizzle-orm/sql/sql';
import { tasks } from '../../db/schema';
import type { Db } from '../../db/client';
import type { Actor } from '../../domain/actor';
import { decodeCursor, limitSchema } from '../pagination';
import { builtOnce } from '../../db/built-once';
import { candidateTasks, checksCandidates, portalOnly, portalTasks, readsAll, type InboxRow } from './task-view';

export const taskQuerySchema = z.object({
  scope: z.enum(['mine', 'available', 'all']).default('all'),
  status: z.enum(['open', 'completed', 'timedOut', 'cancelled']).default('open'),
  processKey: z.string().max(100).optional(),
  instanceId: z.string().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: limitSchema,
});

export type TaskQuery = z.infer<typeof taskQuerySchema>;

/** Above this many (role, unit) pools an "available" page falls back to one query over all of them. */
const MAX_MERGED_POOLS = 64;

/** The columns a page shows (./task-view): not the reminder time nor the outcome's data, which can be large. */
const { remindAt: _remindAt, outcomeData: _outcomeData, ...inboxColumns } = getTableColumns(tasks);

type Values = Record<string, unknown>;

/** A page query: its shape (everything that changes the SQL text), its values, and how to build it with placeholders. */
interface InboxQuery {
  shape: string;
  values: Values;
  build(db: Db): ReturnType<typeof pageSelect>;
}

function pageSelect(db: Db, where: SQL | undefined) {
  return db.select(inboxColumns).from(tasks).where(where).orderBy(asc(tasks.dueAt), asc(tasks.id)).limit(sql.placeholder('limit'));
}

/** `column in (:name0, :name1, …)`, one placeholder per value of `list` (their values: inValues); none matches nothing. */
function inPlaceholders(column: PgColumn, name: string, list: readonly string[]): SQL {
  if (list.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(list.map((_, i) => sql.placeholder(`${name}${i}`)), sql`, `)})`;
}

/** The values of inPlaceholders' placeholders. */
function inValues(name: string, list: readonly string[], values: Values): void {
  list.forEach((v, i) => { values[`${name}${i}`] = v; });
}

/**
 * The inbox page query for an actor: open (or other status) tasks in the scope, by due time then id, one row
 * more than the limit. The cursor is a row comparison, which PostgreSQL uses as an index condition on
 * (…, due_at, id), so every page is one index scan however deep (bench/inbox-at-scale.ts checks the plan).
 * A clerk whose "available" scope spans several pools (a community and its grids, a street) gets one such scan
 * per (role, unit) pool, each stopping after a page, merged by due time: the work is pools × page size, not the
 * size of the pools. The statement is sent unnamed, so PostgreSQL plans each page with its values (a generic plan
 * could not prove `status = 'open'` and use the partial pool index).
 */
export function inboxQuery(actor: Actor, q: TaskQuery): InboxQuery {
  const values: Values = { status: q.status, limit: q.limit + 1, actorId: actor.id };
  const shape: string[] = [q.scope];
  const common = (): SQL[] => {
    const where: SQL[] = [eq(tasks.status, sql.placeholder('status'))];
    if (q.processKey) where.push(eq(tasks.processKey, sql.placeholder('processKey')));
    if (q.instanceId) where.push(eq(tasks.instanceId, sql.placeholder('instanceId')));
    if (portalOnly(actor)) where.push(portalTasks(sql.placeholder('actorId')));
    const reserved = q.scope === 'mine' ? undefined : candidateTasks(actor, sql.placeholder('actorId'));
    if (reserved) where.push(reserved);
    if (cursor) where.push(sql`(${tasks.dueAt}, ${tasks.id}) > (${sql.placeholder('cursorAt')}::timestamptz, ${sql.placeholder('cursorId')})`);
    return where;
  };
  if (q.processKey) { values.processKey = q.processKey; shape.push('process'); }
  if (q.instanceId) { values.instanceId = q.instanceId; shape.push('instance'); }
  if (portalOnly(actor)) shape.push('portal');
  if (q.scope !== 'mine' && checksCandidates(actor)) shape.push('candidates');
  const cursor = decodeCursor(q.cursor);
  if (cursor) { values.cursorAt = cursor.t.toISOString(); values.cursorId = cursor.id; shape.push('cursor'); }

  if (q.scope === 'available') {
    const pools = actor.roles.flatMap((role) => actor.scopeOrgUnitIds.map((unit) => [role, unit] as const));
    if (pools.length > 1 && pools.length <= MAX_MERGED_POOLS) {
      pools.forEach(([role, unit], i) => { values[`role${i}`] = role; values[`unit${i}`] = unit; });
      shape.push(`pools${pools.length}`);
      return {
        shape: shape.join(':'), values,
        build: (db) => {
          const [first, second, ...rest] = pools.map((_, i) => pageSelect(db, and(...common(), isNull(tasks.assigneeId),
            eq(tasks.role, sql.placeholder(`role${i}`)), eq(tasks.orgUnitId, sql.placeholder(`unit${i}`)))));
          return unionAll(first, second, ...rest).orderBy(asc(tasks.dueAt), asc(tasks.id)).limit(sql.placeholder('limit')) as unknown as ReturnType<typeof pageSelect>;
        },
      };
    }
    shape.push(`roles${actor.roles.length}`, `units${actor.scopeOrgUnitIds.length}`);
    inValues('role', actor.roles, values);
    inValues('unit', actor.scopeOrgUnitIds, values);
    return {
      shape: shape.join(':'), values,
      build: (db) => pageSelect(db, and(...common(), isNull(tasks.assigneeId),
        inPlaceholders(tasks.role, 'role', actor.roles), inPlaceholders(tasks.orgUnitId, 'unit', actor.scopeOrgUnitIds))),
    };
  }
  if (q.scope === 'mine') {
    return { shape: shape.join(':'), values, build: (db) => pageSelect(db, and(...common(), eq(tasks.assigneeId, sql.placeholder('actorId')))) };
  }
  if (readsAll(actor)) {
    shape.push('whole');
    return { shape: shape.join(':'), values, build: (db) => pageSelect(db, and(...common())) };
  }
  shape.push(`units${actor.scopeOrgUnitIds.length}`);
  inValues('unit', actor.scopeOrgUnitIds, values);
  return { shape: shape.join(':'), values, build: (db) => pageSelect(db, and(...common(), inPlaceholders(tasks.orgUnitId, 'unit', actor.scopeOrgUnitIds))) };
}

/** How many built statements one database keeps: shapes are few (scopes × filters × pool counts), so this is a guard. */
const MAX_SHAPES = 1_000;
const statementsOf = builtOnce(() => new Map<string, { execute(values: Values): Promise<InboxRow[]> }>());

/** One page of an actor's inbox (limit + 1 rows, so the caller can tell whether there is a next page). */
export async function inboxPage(db: Db, actor: Actor, q: TaskQuery): Promise<InboxRow[]> {
  const query = inboxQuery(actor, q);
  const statements = statementsOf(db);
  let statement = statements.get(query.shape);
  if (!statement) {
    if (statements.size >= MAX_SHAPES) statements.clear();
    // Unnamed (db/built-once.ts), so PostgreSQL plans each page with its values (see inboxQuery).
    statement = query.build(db).prepare('');
    statements.set(query.shape, statement);
  }
  return statement.execute(query.values);
}

/** The page's SQL text and parameters, as the route runs it (bench/inbox-at-scale.ts times and explains it raw). */
export function inboxPageSql(db: Db, actor: Actor, q: TaskQuery): { sql: string; params: unknown[] } {
  const query = inboxQuery(actor, q);
  const { sql: text, params } = query.build(db).toSQL();
  return { sql: text, params: fillPlaceholders(params, query.values) };
}
