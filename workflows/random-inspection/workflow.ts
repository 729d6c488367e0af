// 双随机、一公开: the plan is approved by an agency head (never its own author), the draw runs at once over a snapshot
// of both registries with a recorded seed, every drawn subject is inspected by its drawn inspectors only (in
// parallel), and every result is published within the publication period of its inspection — supervised when late.
import { RandomStep, randomSteps } from '../../domain/processes/steps/random-inspection';
import type { DrawPlan } from '../../domain/random-inspection/draw';
import { records } from '../lib/activities';
import { firstOpenedTasks, settleHandlers, supervisedTask } from '../lib/human-task';
import { answerCaseOpened, recordEvent } from '../lib/instance';
import { inspectSubject } from './inspection';
import type { RandomArgs, RandomOutcome } from './types';

const steps = randomSteps;

export async function randomInspection(args: RandomArgs): Promise<RandomOutcome> {
  const { ctx, input } = args;
  // Its first task opens after activities of its own: the start's answer waits for that task.
  answerCaseOpened(firstOpenedTasks);
  await records.registerInstance({ ctx, input: input as unknown as Record<string, unknown>, orgUnitId: args.approvalUnitId });

  const approval = await supervisedTask(ctx, {
    stepId: RandomStep.ApprovePlan, step: steps[RandomStep.ApprovePlan], orgUnitId: args.approvalUnitId,
    limit: args.limits[RandomStep.ApprovePlan] ?? steps[RandomStep.ApprovePlan].defaultLimit,
    guard: (actor) => (actor.id === ctx.startedBy.id ? 'the author of a plan may not approve it' : null),
  });
  if (approval.action === 'reject') return finish(args, 'EndEvent_Rejected', { status: 'rejected', drawn: 0, results: [] });

  const plan: DrawPlan = { sample: input.sample, inspectorsPerSubject: input.inspectorsPerSubject, weighting: input.weighting ?? 'none', weights: args.weights };
  const drawn = await records.drawRandomInspection({
    instanceId: ctx.instanceId, at: new Date().toISOString(), plan, gridCodes: Object.keys(args.grids), unitIds: args.inspectorUnitIds,
  });
  const { result } = drawn;
  await recordEvent(ctx, {
    stepId: RandomStep.Draw, action: 'draw',
    data: { seed: result.seed, algorithm: result.algorithm, registryHash: result.registryHash, subjects: result.subjects.length, recusals: result.recusals.length },
  });

  const results = await Promise.all(result.subjects.map((subject) => inspectSubject(args, {
    ...subject, address: drawn.addresses[subject.creditCode] ?? '', inspectors: [...result.inspectors[subject.creditCode]],
  })));
  return finish(args, 'EndEvent_Done', { status: 'closed', drawn: result.subjects.length, results });
}

async function finish(args: RandomArgs, stepId: string, outcome: RandomOutcome): Promise<RandomOutcome> {
  await settleHandlers();
  await records.closeInstance({ instanceId: args.ctx.instanceId, status: outcome.status, at: new Date().toISOString(), stepId, outcome: { ...outcome } });
  return outcome;
}
