// The task as clerks see it in the inbox and on the task page.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { instances, taskCandidates, tasks } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { publicOnly } from '../../domain/roles';
import type { Actor } from '../../domain/actor';
import type { UserNames } from './user-names';
import { RandomStep, randomContract } from '../../domain/processes/random-inspection';

export type TaskRow = typeof tasks.$inferSelect;
/** What a task's view reads: every column but the reminder time and the outcome's data (./inbox-query selects these). */
export type InboxRow = Omit<TaskRow, 'remindAt' | 'outcomeData'>;

/** `names` are the users of the page (./user-names), so the assignee and completer show by name. */
export function taskView(row: InboxRow, now: Date, names: UserNames = new Map()) {
  return {
    taskId: row.id,
    instanceId: row.instanceId,
    processKey: row.processKey,
    stepId: row.stepId,
    name: row.name,
    title: row.title,
    role: row.role,
    orgUnitId: row.orgUnitId,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeId ? names.get(row.assigneeId) ?? null : null,
    status: row.status,
    actions: row.status === 'open' ? row.actions : [],
    timeLimit: row.timeLimit,
    createdAt: toShanghaiIso(row.createdAt),
    dueAt: toShanghaiIso(row.dueAt),
    parked: row.parkedAt !== null,
    acknowledgeBy: row.acknowledgeBy ? toShanghaiIso(row.acknowledgeBy) : null,
    acknowledgedAt: row.acknowledgedAt ? toShanghaiIso(row.acknowledgedAt) : null,
    overdue: row.status === 'open' ? row.parkedAt === null && row.dueAt < now : row.status === 'timedOut' || (row.completedAt !== null && row.completedAt > row.dueAt),
    reminded: row.remindedAt !== null,
    supervised: row.supervisedAt !== null,
    provisionalDeadline: row.provisional,
    calendarVersion: row.calendarVersion,
    completedAt: row.completedAt ? toShanghaiIso(row.completedAt) : null,
    completedBy: row.completedBy,
    completedByName: row.completedBy ? names.get(row.completedBy) ?? null : null,
    outcomeAction: row.outcomeAction,
  };
}

/**
 * Whose scope is the whole organisation (a unit at the root of the tree): lists skip the unit filter. A leader or
 * auditor of a street reads that street through the filter like everyone else (visibility follows the unit tree).
 */
export const readsAll = (actor: Actor) => actor.wholeTree === true;

/** Who may read a task: readers of the whole organisation, anyone whose org scope holds it, and its assignee. */
export function canSeeTask(actor: Actor, task: TaskRow): boolean {
  return readsAll(actor) || actor.scopeOrgUnitIds.includes(task.orgUnitId) || task.assigneeId === actor.id;
}

/** A member of the public (the applicant role only): their street is where they file, not what they may read. */
export const portalOnly = (actor: Actor) => publicOnly(actor.roles);

/**
 * The tasks a member of the public may see: those of the cases bound to their account — the ones they applied for
 * online, and the counter filings whose claim code they redeemed. A counter filing nobody has claimed is no one's.
 */
export function portalTasks(accountId: SQLWrapper | string): SQL {
  return sql`exists (select 1 from ${instances} where ${instances.id} = ${tasks.instanceId} and ${instances.partyAccountId} = ${accountId})`;
}

/**
 * The roles of the steps whose tasks are reserved to named candidates (the inspectors drawn for a subject, 双随机).
 * Only holders of these roles are checked against task_candidates: everyone else's inbox query stays as it was (one
 * index scan with no filter, bench/inbox-at-scale.ts).
 */
const CANDIDATE_ROLES: readonly string[] = [randomContract.steps[RandomStep.Inspect].role];

/** Whether the actor's lists and reads check task_candidates: they hold a role whose tasks may be reserved. */
export const checksCandidates = (actor: Actor) => !readsAll(actor) && actor.roles.some((r) => CANDIDATE_ROLES.includes(r));

/**
 * What an actor's lists may show as far as named candidates go: a task reserved to candidates is hidden from the other
 * holders of its role, and shown to its candidates; every other task as before. Undefined when there is nothing to check.
 */
export function candidateTasks(actor: Actor, userId: SQLWrapper | string = actor.id): SQL | undefined {
  if (!checksCandidates(actor)) return undefined;
  return sql`(not exists (select 1 from ${taskCandidates} where ${taskCandidates.taskId} = ${tasks.id})
    or exists (select 1 from ${taskCandidates} where ${taskCandidates.taskId} = ${tasks.id} and ${taskCandidates.userId} = ${userId}))`;
}
