// Attempts refused for separation of duties are part of the record (ARCHITECTURE principle 7): each one is
// appended to the instance's audit chain with who tried what.
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../db/audit-log';
import type { Actor } from '../../domain/actor';
import type { AppContext } from '../context';
import type { TaskRow } from './task-view';

export async function logRefusal(ctx: AppContext, task: TaskRow, actor: Actor, action: string, reason: string): Promise<void> {
  const at = await ctx.clock.now();
  await ctx.db.transaction((tx) => appendAudit(tx, {
    instanceId: task.instanceId, eventKey: `${task.id}:refused:${randomUUID()}`, at,
    actor: { id: actor.id, name: actor.name, role: actor.roles.join(','), orgUnitId: actor.orgUnitId },
    stepId: task.stepId, action: 'refused', data: { taskId: task.id, attemptedAction: action, reason, rule: 'separationOfDuties' },
  }));
}
