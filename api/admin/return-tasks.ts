// Open tasks held by someone who can no longer act on them — deactivated, moved to another unit, or without the
// task's role — go back to their pool, where the unit's colleagues can claim them. Each return is an audit event of
// its case (`returnedToPool`, naming who held it and why), so the case's trail shows it, not only the inbox.
import { and, eq, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { tasks } from '../../db/schema';
import { appendAudit } from '../../db/audit-log';
import type { Actor } from '../../domain/actor';

export interface ReturnReason { reason: 'deactivated' | 'moved' | 'roleRemoved'; keepRoles?: readonly string[] }

/** Unassigns the user's open tasks (only those of roles outside `keepRoles`, when given); returns their ids. */
export async function returnTasksToPool(tx: Db, holder: { id: string; name: string }, why: ReturnReason, by: Actor, at: Date): Promise<string[]> {
  const where = [eq(tasks.assigneeId, holder.id), eq(tasks.status, 'open')];
  if (why.keepRoles) where.push(why.keepRoles.length > 0 ? notInArray(tasks.role, [...why.keepRoles]) : eq(tasks.status, 'open'));
  const returned = await tx.update(tasks).set({ assigneeId: null }).where(and(...where)).returning();
  for (const task of returned) {
    await appendAudit(tx, {
      instanceId: task.instanceId, eventKey: `${task.id}:returnedToPool:${holder.id}:${at.getTime()}`, at,
      actor: { id: by.id, name: by.name, role: by.roles.join(','), orgUnitId: by.orgUnitId },
      stepId: task.stepId, action: 'returnedToPool',
      data: { taskId: task.id, heldBy: { id: holder.id, name: holder.name }, reason: why.reason },
    });
  }
  return returned.map((t) => t.id);
}

