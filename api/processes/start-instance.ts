// Starting an instance: validate the input, resolve routing and limits, write the instance row, start the
// workflow under the same id. If Temporal refuses the start, the row is removed: no half-written case.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Workflow } from '@temporalio/client';
import { caseClaims, counters, instances, processDefinitions, processVersions } from '../../db/schema';
import { contractOf } from '../../domain/processes';
import type { Actor } from '../../domain/actor';
import { TASK_QUEUE, caseOpenedUpdate, type NextTaskView } from '../../workflows/lib/messages';
import type { InstanceContext } from '../../workflows/lib/instance';
import { conflict, forbidden, notFound, parseOr400, unavailable } from '../errors';
import type { AppContext } from '../context';
import { STARTERS } from './starters';
import { invalidTimeLimits } from './limits-check';
import { claimIdempotencyKey } from '../idempotency';
import { issueClaimCode, type ClaimCode } from '../licensing/claims';
import { shanghaiDay } from '../../domain/calendar/shanghai-day';

/**
 * The start's answer: the case; the tasks its first step opened (`next`, as an action's answer has it; empty when
 * the first step opened none at once or did not answer in time); for a counter filing the claim code to hand the
 * party (shown this once).
 */
export interface Started { instanceId: string; next: NextTaskView[]; claim?: ClaimCode | null }

export const startBodySchema = z.object({ input: z.unknown() }).strict();

async function nextInstanceId(ctx: AppContext, prefix: string): Promise<string> {
  const now = await ctx.clock.now();
  const day = shanghaiDay(now).replaceAll('-', '');
  const name = `${prefix}-${day}`;
  const [row] = await ctx.db.insert(counters).values({ name, value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } }).returning();
  return `${name}-${String(row.value).padStart(4, '0')}`;
}

/**
 * How long a start waits for Temporal (and the case's first step) before the API answers 503 or, started, without
 * `next`; with the follow-up question whether a start it could not confirm did happen, the answer comes within 10 s.
 */
const START_DEADLINE_MS = 8_000;
const DESCRIBE_DEADLINE_MS = 2_000;

/**
 * Whether the case's workflow runs although the start with its question (Update-with-Start) failed: the question may
 * have been refused or timed out after the start took effect. Unknown (Temporal unreachable) counts as not started.
 */
async function workflowStarted(ctx: AppContext, operation: WithStartWorkflowOperation<Workflow>, instanceId: string): Promise<boolean> {
  if (await operation.workflowHandle().then(() => true, () => false)) return true;
  try {
    await ctx.temporal.withDeadline(Date.now() + DESCRIBE_DEADLINE_MS, () => ctx.temporal.workflow.getHandle(instanceId).describe());
    return true;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) ctx.log(`[api] could not tell whether ${instanceId} started: ${(error as Error).message}`);
    return false;
  }
}

/**
 * Removes the row (and claim code) of a case whose start failed, unless its workflow already registered it (its
 * chain has events): a start that took effect keeps its case. Locked, so a registration waits for the decision; one
 * that comes after the removal writes the row again itself (an upsert).
 */
async function removeUnregistered(ctx: AppContext, instanceId: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ auditSeq: instances.auditSeq }).from(instances).where(eq(instances.id, instanceId)).for('update');
    if (row && row.auditSeq > 0) return false;
    await tx.delete(caseClaims).where(eq(caseClaims.instanceId, instanceId));
    await tx.delete(instances).where(eq(instances.id, instanceId));
    return true;
  });
}

/**
 * Starts a case. With an Idempotency-Key, the first request reserves the instance id; a retry (after a 503 or a
 * lost answer) reuses it, so the case is created at most once and the retry gets the first answer — except a claim
 * code, kept only as a hash: the retry gets a new one, which voids the first.
 */
export async function startInstance(ctx: AppContext, actor: Actor, key: string, body: unknown, idempotencyKey?: string): Promise<Started> {
  const contract = contractOf(key);
  const starter = Object.hasOwn(STARTERS, key) ? STARTERS[key] : undefined;
  const [definition] = await ctx.db.select().from(processDefinitions).where(eq(processDefinitions.key, key));
  if (!contract || !starter || !definition) throw notFound(`no process ${key}`);
  if (!actor.roles.some((r) => contract.startRoles.includes(r))) {
    throw forbidden(`starting ${key} needs one of the roles: ${contract.startRoles.join(', ')}`);
  }
  const { input: rawInput } = parseOr400(startBodySchema, body);
  const input = parseOr400(contract.inputSchema, rawInput, ['input']);
  // Its number and parameters, not its diagram (tens of kilobytes of BPMN a start has no use for).
  const [version] = await ctx.db.select({ version: processVersions.version, parameters: processVersions.parameters }).from(processVersions)
    .where(and(eq(processVersions.processKey, key), eq(processVersions.version, definition.currentVersion)));
  await ctx.orgTree.refresh();
  const plan = await starter({ ctx, actor, input: input as never, parameters: version.parameters as never });
  const misconfigured = invalidTimeLimits(plan.args({ instanceId: '', processKey: key, processVersion: version.version, title: '', orgPath: plan.orgPath, startedBy: { id: actor.id, name: actor.name, role: '', orgUnitId: actor.orgUnitId } }));
  if (misconfigured.length > 0) throw conflict(`the configuration of ${key} has invalid time limits; ask a process designer or administrator to correct them`, misconfigured);

  const keyed = idempotencyKey
    ? await claimIdempotencyKey(ctx, `start:${key}`, actor, idempotencyKey, { input: rawInput }, () => nextInstanceId(ctx, contract.idPrefix))
    : undefined;
  const instanceId = keyed?.instanceId ?? await nextInstanceId(ctx, contract.idPrefix);
  if (keyed?.repeated) {
    const [started] = await ctx.db.select({ id: instances.id }).from(instances).where(eq(instances.id, instanceId));
    if (started) return { instanceId, next: [], ...(plan.issueClaimCode ? { claim: await issueClaimCode(ctx.db, instanceId, actor.id, await ctx.clock.now()) } : {}) };
  }
  const title = plan.title?.slice(0, 120) ?? contract.titleOf(input);
  const startedAt = await ctx.clock.now();
  await ctx.db.insert(instances).values({
    id: instanceId, processKey: key, processVersion: version.version, title, status: 'running', input: input as Record<string, unknown>,
    orgUnitId: plan.orgUnitId, orgPath: plan.orgPath, startedBy: actor.id, partyAccountId: plan.partyAccountId ?? null, startedAt,
  }).onConflictDoNothing();
  // Issued before the workflow starts, removed with the row if it does not: no case without its code, nor the reverse.
  const claim = plan.issueClaimCode ? await issueClaimCode(ctx.db, instanceId, actor.id, startedAt) : undefined;
  const instanceCtx: InstanceContext = {
    instanceId, processKey: key, processVersion: version.version, title, orgPath: plan.orgPath,
    startedBy: { id: actor.id, name: actor.name, role: actor.roles.find((r) => contract.startRoles.includes(r))!, orgUnitId: actor.orgUnitId },
  };
  const withClaim = claim === undefined ? {} : { claim };
  // The start and the question of which tasks it opened go together (Update-with-Start): the workflow answers in its
  // first workflow task, once its first step committed, and the starter acts on that task without polling the inbox.
  const operation = new WithStartWorkflowOperation<Workflow>(plan.workflowType, {
    taskQueue: TASK_QUEUE, workflowId: instanceId, args: plan.args(instanceCtx), workflowIdConflictPolicy: 'FAIL',
  });
  try {
    // Bounded: with Temporal down the client would retry for long; the clerk gets a 503 within seconds instead.
    const next = await ctx.temporal.withDeadline(Date.now() + START_DEADLINE_MS, () => ctx.temporal.workflow.executeUpdateWithStart(caseOpenedUpdate, {
      startWorkflowOperation: operation,
    }));
    return { instanceId, next, ...withClaim };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      // A keyed retry whose first attempt did reach Temporal finds the workflow running: that is the case it asked for.
      if (keyed) return { instanceId, next: [], ...withClaim };
      // Otherwise the id belongs to a case already running: its row is that case's, and stays.
      throw conflict(`instance ${instanceId} already exists`);
    }
    // Started, but its first step was slow to answer (a busy or restarting worker): the case is there, without `next`.
    if (await workflowStarted(ctx, operation, instanceId)) return { instanceId, next: [], ...withClaim };
    // Temporal may be unreachable to both questions while the start did take effect: then the worker has registered
    // the case (its start event), and the case stays.
    if (!(await removeUnregistered(ctx, instanceId))) return { instanceId, next: [], ...withClaim };
    ctx.log(`[api] could not start ${key}: ${(error as Error).message}`);
    // If the start did reach Temporal before the deadline, the workflow registers the case itself (an upsert),
    // so the clerk may find it in the list: the message says so rather than promising nothing was saved.
    throw unavailable(keyed
      ? `the workflow engine did not confirm the start of ${instanceId} in time; retry with the same Idempotency-Key`
      : `the workflow engine did not confirm the start of ${instanceId} in time; check the case list for it before reporting again`);
  }
}
