// Workflows of benchmarks 4 and 5, bundled with the real activities by bench/peer-engine.ts and bench/timers-at-scale.ts.
// `peerUserTask` is the smallest Shanzhi process: start → one human task with a one-hour deadline → end, through
// the real primitive (inbox row and hash-chained audit via activities, deadline timer, reminder, escalation).
// It reuses the whistle-escalation contract's first step, so the API's task path (act-on-task) accepts its actions.
// `peerDeadline` is the same process whose deadline is moved at once to an exact instant (the primitive's extension
// path); `bareDeadline` is the bare-Temporal peer: a timer to the same instant, then an activity.
//
// Every workflow in a bundle gets its own module cache, so each module it loads costs time and memory per instance.
// Shanzhi's modules are therefore required inside the Shanzhi workflows: a bare workflow loads only this file.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type * as HumanTaskModule from '../workflows/lib/human-task';
import type * as InstanceModule from '../workflows/lib/instance';
import type * as WhistleStepsModule from '../domain/processes/steps/whistle-escalation';
import type { HumanTaskSpec, TaskOutcome } from '../workflows/lib/human-task';
import type { InstanceContext } from '../workflows/lib/instance';

export const PEER_TASK_QUEUE = 'bench-peer';
/** The whistle-escalation contract's first step (社区处置), whose "resolve" action completes the task. */
export const PEER_STEP = 'Task_CommunityHandle';
export const PEER_ORG_UNIT = 'community-a1';

/** What the bare peer records when its timer fires: the activity's wall clock, taken by the worker process. */
export interface BenchActivities {
  stamp(key: string): Promise<void>;
}
const bench = proxyActivities<BenchActivities>({ startToCloseTimeout: '30 seconds' });

export interface PeerArgs {
  ctx: InstanceContext;
}

function shanzhi() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { humanTask, openHumanTask, settleHandlers } = require('../workflows/lib/human-task') as typeof HumanTaskModule;
  // The process's own modules, as a Shanzhi workflow loads them: the zod-free step table (not the API's contract with its
  // schemas) and the instance helpers whose registration and close join the step's one transaction.
  const { registerInstance, closeInstance } = require('../workflows/lib/instance') as typeof InstanceModule;
  const { whistleSteps } = require('../domain/processes/steps/whistle-escalation') as typeof WhistleStepsModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  // PT1H: sixty calendar minutes, the peer diagram's boundary timer.
  const spec: HumanTaskSpec = {
    stepId: PEER_STEP, step: whistleSteps[PEER_STEP], orgUnitId: PEER_ORG_UNIT, limit: { amount: 60, unit: 'minutes' }, onDeadline: 'escalate',
  };
  const finish = async (ctx: InstanceContext, outcome: TaskOutcome): Promise<string> => {
    await settleHandlers();
    await closeInstance({
      instanceId: ctx.instanceId, status: 'closed', at: new Date().toISOString(),
      stepId: outcome.kind === 'completed' ? 'EndEvent_Done' : 'EndEvent_Late', outcome: { kind: outcome.kind },
    });
    return outcome.kind;
  };
  return { humanTask, openHumanTask, register: (ctx: InstanceContext) => registerInstance(ctx, {}, PEER_ORG_UNIT), spec, finish };
}

/** Start → user task (one-hour boundary timer) → end. */
export async function peerUserTask({ ctx }: PeerArgs): Promise<string> {
  const { humanTask, register, spec, finish } = shanzhi();
  await register(ctx);
  return finish(ctx, await humanTask(ctx, spec));
}

/** The same process, its deadline moved to an exact instant (epoch ms) at once; it then escalates. */
export async function peerDeadline({ ctx, dueAt }: PeerArgs & { dueAt: number }): Promise<string> {
  const { openHumanTask, register, spec, finish } = shanzhi();
  await register(ctx);
  const task = await openHumanTask(ctx, spec);
  await task.reschedule(new Date(dueAt), { reason: 'benchmark' });
  return finish(ctx, await task.outcome);
}

/** Bare Temporal: sleep until the instant, then record the wall clock in an activity. */
export async function bareDeadline({ key, dueAt }: { key: string; dueAt: number }): Promise<void> {
  await sleep(Math.max(1, dueAt - Date.now()));
  await bench.stamp(key);
}
