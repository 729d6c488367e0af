// Starting an instance: validate the input, resolve routing and limits, write the instance row, start the
// workflow under the same id. If Temporal refuses the start, the row is removed: no half-written case.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { counters, instances, processDefinitions, processVersions } from '../../db/schema';
import { contractOf } from '../../domain/processes';
import type { Actor } from '../../domain/actor';
import { TASK_QUEUE } from '../../workflows/lib/messages';
import type { InstanceContext } from '../../workflows/lib/instance';
import { conflict, forbidden, notFound, parseOr400, unavailable } from '../errors';
import type { AppContext } from '../context';
import { STARTERS } from './starters';

export const startBodySchema = z.object({ input: z.unknown() }).strict();

async function nextInstanceId(ctx: AppContext, prefix: string): Promise<string> {
  const now = await ctx.clock.now();
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const name = `${prefix}-${day}`;
  const [row] = await ctx.db.insert(counters).values({ name, value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } }).returning();
  return `${name}-${String(row.value).padStart(4, '0')}`;
}

/** How long a start waits for Temporal before the API answers 503. */
const START_DEADLINE_MS = 10_000;

export async function startInstance(ctx: AppContext, actor: Actor, key: string, body: unknown): Promise<string> {
  const contract = contractOf(key);
  const starter = STARTERS[key];
  const [definition] = await ctx.db.select().from(processDefinitions).where(eq(processDefinitions.key, key));
  if (!contract || !starter || !definition) throw notFound(`no process ${key}`);
  if (!actor.roles.some((r) => contract.startRoles.includes(r))) {
    throw forbidden(`starting ${key} needs one of the roles: ${contract.startRoles.join(', ')}`);
  }
  const { input: rawInput } = parseOr400(startBodySchema, body);
  const input = parseOr400(contract.inputSchema, rawInput, ['input']);
  const [version] = await ctx.db.select().from(processVersions)
    .where(and(eq(processVersions.processKey, key), eq(processVersions.version, definition.currentVersion)));
  await ctx.orgTree.refresh();
  const plan = await starter({ ctx, actor, input: input as never, parameters: version.parameters as never });

  const instanceId = await nextInstanceId(ctx, contract.idPrefix);
  const title = contract.titleOf(input);
  const startedAt = await ctx.clock.now();
  await ctx.db.insert(instances).values({
    id: instanceId, processKey: key, processVersion: version.version, title, status: 'running', input: input as Record<string, unknown>,
    orgUnitId: plan.orgUnitId, orgPath: plan.orgPath, startedBy: actor.id, startedAt,
  });
  const instanceCtx: InstanceContext = {
    instanceId, processKey: key, processVersion: version.version, title, orgPath: plan.orgPath,
    startedBy: { id: actor.id, name: actor.name, role: actor.roles.find((r) => contract.startRoles.includes(r))!, orgUnitId: actor.orgUnitId },
  };
  try {
    // Bounded: with Temporal down the client would retry for long; the clerk gets a 503 within seconds instead.
    await ctx.temporal.withDeadline(Date.now() + START_DEADLINE_MS, () => ctx.temporal.workflow.start(plan.workflowType, {
      taskQueue: TASK_QUEUE, workflowId: instanceId, args: plan.args(instanceCtx),
    }));
  } catch (error) {
    await ctx.db.delete(instances).where(eq(instances.id, instanceId));
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw conflict(`instance ${instanceId} already exists`);
    ctx.log(`[api] could not start ${key}: ${(error as Error).message}`);
    // If the start did reach Temporal before the deadline, the workflow registers the case itself (an upsert),
    // so the clerk may find it in the list: the message says so rather than promising nothing was saved.
    throw unavailable(`the workflow engine did not confirm the start of ${instanceId} in time; check the case list for it before reporting again`);
  }
  return instanceId;
}
