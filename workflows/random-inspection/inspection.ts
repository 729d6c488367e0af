// One drawn subject: its inspection task, open to its drawn inspectors only (the guard, not just the inbox); a
// declared recusal removes the inspector at once and brings in one replacement drawn from the recorded seed; a
// problem starts a linked inspection–penalty case; then the result is published (publication.ts).
import { ApplicationFailure, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { RandomStep, randomSteps } from '../../domain/processes/steps/random-inspection';
import { PENALTY_KEY } from '../../domain/processes/steps/inspection-penalty';
import { computeDeadline } from '../../domain/calendar/deadline';
import { shanghaiDay } from '../../domain/calendar/shanghai-day';
import { records } from '../lib/activities';
import { openHumanTask, type TaskDecision, type TaskHandle } from '../lib/human-task';
import { recordEvent } from '../lib/instance';
import { inspectionPenalty } from '../inspection-penalty';
import { publishResult } from './publication';
import type { RandomArgs, SubjectOutcome } from './types';

const step = randomSteps[RandomStep.Inspect];

export interface DrawnSubject { creditCode: string; name: string; gridCode: string; address: string; inspectors: string[] }

export async function inspectSubject(args: RandomArgs, subject: DrawnSubject): Promise<SubjectOutcome> {
  const { ctx, input } = args;
  const streetId = args.grids[subject.gridCode];
  /** Who may act now: changed in place by recusals, so the guard always reads the current list. */
  const acting = subject.inspectors;
  const replacements: Promise<void>[] = [];
  /** Set once the task is open; a recusal can only come after that. */
  const opened: { handle?: TaskHandle } = {};
  const recused = (decision: TaskDecision) => {
    acting.splice(acting.indexOf(decision.actor.id), 1);
    replacements.push((async () => {
      if (opened.handle) await records.releaseRecusedClaim({ taskId: opened.handle.taskId, userId: decision.actor.id });
      const replacement = await records.recuseRandomInspector({
        instanceId: ctx.instanceId, creditCode: subject.creditCode, userId: decision.actor.id, reason: String(decision.data.reason), taskId: opened.handle?.taskId,
      });
      if (replacement) acting.push(replacement);
      await recordEvent(ctx, { stepId: RandomStep.Inspect, action: 'replacementDrawn', data: { creditCode: subject.creditCode, recused: decision.actor.id, replacement } });
    })());
  };
  // The inbox row names the subject, so an inspector drawn for several subjects of one plan tells their tasks apart.
  const handle = await openHumanTask({ ...ctx, title: `${subject.name}（${ctx.title}）`.slice(0, 200) }, {
    stepId: RandomStep.Inspect, step, orgUnitId: streetId, onDeadline: 'supervise',
    limit: args.limits[RandomStep.Inspect] ?? step.defaultLimit,
    context: { creditCode: subject.creditCode, subjectName: subject.name, address: subject.address, inspectors: [...acting] },
    candidates: [...acting],
    guard: (actor) => (acting.includes(actor.id) ? null : 'only the inspectors drawn for this subject may inspect it or recuse (双随机)'),
    check: (action, data) => (action === 'result' && data.matterCode !== undefined && !input.matterCodes.includes(String(data.matterCode))
      ? [{ path: 'data.matterCode', message: `one of the plan's matters: ${input.matterCodes.join(', ')}` }] : null),
    onOpenAction: (decision) => { if (decision.action === 'recuse') recused(decision); },
  });
  opened.handle = handle;
  const outcome = await handle.outcome;
  await Promise.all(replacements);
  if (outcome.kind !== 'completed') throw ApplicationFailure.nonRetryable('a supervised inspection ends in a result');
  const { decision } = outcome;
  const result = decision.data.outcome as SubjectOutcome['outcome'];
  const matterCode = typeof decision.data.matterCode === 'string' ? decision.data.matterCode : input.matterCodes[0];
  const publishBy = computeDeadline(decision.at, args.limits[RandomStep.Publish] ?? { amount: 20, unit: 'workingDays' }, ctx.officeHours).dueAt;
  await records.recordInspectionResult({
    instanceId: ctx.instanceId, creditCode: subject.creditCode, subjectName: subject.name,
    matter: input.matterCodes.map((c) => args.matters[c] ?? c).join('、'), planTitle: input.title, outcome: result,
    inspectedAt: decision.at.toISOString(), inspectedOn: shanghaiDay(decision.at), publishBy: publishBy.toISOString(),
  });

  let penaltyInstanceId: string | null = null;
  if (result === 'problem') penaltyInstanceId = await startPenaltyCase(args, subject, decision, matterCode, streetId);
  const publishedOnTime = await publishResult(ctx, subject.creditCode, publishBy);
  return { creditCode: subject.creditCode, outcome: result, penaltyInstanceId, publishedOnTime };
}

/** The problem goes on as a 查处分离 case of the same street, inspected by the two who found it, linked both ways. */
async function startPenaltyCase(args: RandomArgs, subject: DrawnSubject, decision: TaskDecision, matterCode: string, streetId: string): Promise<string> {
  const { ctx } = args;
  const penaltyId = `${ctx.instanceId}-${subject.creditCode}`;
  const colleague = subject.inspectors.find((id) => id !== decision.actor.id) ?? decision.actor.id;
  const input = {
    subject: { name: subject.name, creditCode: subject.creditCode, address: subject.address || subject.name, kind: 'organisation' as const },
    matter: matterCode, inspectors: [decision.actor.id, colleague] as [string, string], origin: 'randomInspection' as const, originInstanceId: ctx.instanceId,
  };
  await startChild(inspectionPenalty, {
    workflowId: penaltyId, parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [{
      ctx: {
        instanceId: penaltyId, processKey: PENALTY_KEY, processVersion: args.penalty.processVersion, title: `${subject.name}（${matterCode}）`.slice(0, 120),
        orgPath: [streetId, args.penalty.districtId], startedBy: decision.actor, officeHours: ctx.officeHours,
      },
      input, routing: { streetId, districtId: args.penalty.districtId }, limits: args.penalty.limits, rules: args.penalty.rules,
      matter: args.penalty.matterFlags[matterCode] ?? { lifeHealthOrFinancialSafety: false },
    }],
  });
  await records.linkPenaltyCase({ instanceId: ctx.instanceId, creditCode: subject.creditCode, penaltyInstanceId: penaltyId });
  await recordEvent(ctx, { stepId: RandomStep.Inspect, action: 'penaltyCaseStarted', data: { creditCode: subject.creditCode, penaltyInstanceId: penaltyId } });
  return penaltyId;
}
