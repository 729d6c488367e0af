// 吹哨报到: a reported problem is handled by the community, or whistled (or escalated by a missed deadline)
// to the street, which dispatches departments that must report in and fix it; missed department deadlines
// escalate to a district leader. Every resolution is field-checked (fail → rework), followed up when a
// requester exists, and closed by the shift chief with an assessment record.
import { WhistleStep, whistleContract, type WhistleInput } from '../domain/processes/whistle-escalation';
import type { TimeLimit } from '../domain/time-limit';
import type { AssessmentRecord } from '../activities/instances';
import { records } from './lib/activities';
import { humanTask, settleHandlers, supervisedTask, type TaskDecision } from './lib/human-task';
import { recordEvent, type InstanceContext } from './lib/instance';

export interface WhistleRouting {
  gridId: string;
  communityId: string;
  streetId: string;
  districtId: string;
}

export interface WhistleArgs {
  ctx: InstanceContext;
  input: WhistleInput;
  routing: WhistleRouting;
  /** Limits per step id, fixed at start from the diagram and the category catalog. */
  limits: Partial<Record<string, TimeLimit>>;
}

type Level = 'grid' | 'community' | 'street' | 'district';
type Handler = { level: 'community' } | { level: 'street'; departments: string[]; lead: string } | { level: 'district' };

export type WhistleAssessment = Omit<AssessmentRecord, 'streetId' | 'communityId'>;

export interface WhistleOutcome {
  status: 'closed' | 'rejected';
  assessment: WhistleAssessment;
}

const steps = whistleContract.steps;

export async function whistleEscalation(args: WhistleArgs): Promise<WhistleOutcome> {
  const { ctx, input, routing } = args;
  const limit = (stepId: string) => args.limits[stepId] ?? steps[stepId].defaultLimit;
  const assessment: WhistleAssessment = { levelReached: 'grid', selfResolved: false, reworks: 0, onTime: {}, satisfaction: null };
  const noteTime = (unit: string, onTime: boolean) => {
    assessment.onTime[unit] = (assessment.onTime[unit] ?? true) && onTime;
  };

  await records.registerInstance({ ctx, input: input as Record<string, unknown>, orgUnitId: routing.communityId });

  if (input.selfResolved) {
    assessment.selfResolved = true;
    await recordEvent(ctx, { stepId: 'EndEvent_SelfResolved', action: 'selfResolve', actor: ctx.startedBy, data: input.selfResolved });
    return finish(ctx, routing, { status: 'closed', assessment });
  }

  // Handling steps escalate when their deadline passes; every other step is supervised and stays open.
  const task: TaskRunner = (stepId, orgUnitId, context = {}) =>
    humanTask(ctx, { stepId, step: steps[stepId], orgUnitId, limit: limit(stepId), context, onDeadline: 'escalate' });
  const decide: Decider = (stepId, orgUnitId, context = {}) =>
    supervisedTask(ctx, { stepId, step: steps[stepId], orgUnitId, limit: limit(stepId), context });
  const handling: Handling = { ctx, task, decide, routing, assessment, noteTime };

  let handler: Handler = { level: 'community' };
  let rework = false;
  for (;;) {
    const resolvedBy = await handle(handling, handler, rework);
    if (resolvedBy === 'rejected') return finish(ctx, routing, { status: 'rejected', assessment });
    handler = resolvedBy;

    const check = await decide(WhistleStep.FieldCheck, routing.gridId);
    if (check.action === 'fail') {
      assessment.reworks++;
      await recordEvent(ctx, { stepId: WhistleStep.FieldCheck, action: 'rework', data: { reason: check.data.reason, to: handler.level, reworks: assessment.reworks } });
      rework = true;
      continue;
    }
    if (input.requester) {
      const followUp = await decide(WhistleStep.FollowUp, routing.communityId);
      assessment.satisfaction = followUp.data.satisfaction as WhistleAssessment['satisfaction'];
      if (followUp.data.satisfaction === 'dissatisfied' && followUp.data.substantive === true) {
        await recordEvent(ctx, { stepId: WhistleStep.FollowUp, action: 'rehandle', data: { to: handler.level } });
        rework = true;
        continue;
      }
    }
    break;
  }

  await decide(WhistleStep.Close, routing.streetId);
  return finish(ctx, routing, { status: 'closed', assessment });
}

type TaskRunner = (stepId: string, orgUnitId: string, context?: Record<string, unknown>) => ReturnType<typeof humanTask>;
type Decider = (stepId: string, orgUnitId: string, context?: Record<string, unknown>) => Promise<TaskDecision>;

interface Handling {
  ctx: InstanceContext;
  task: TaskRunner;
  decide: Decider;
  routing: WhistleRouting;
  assessment: WhistleAssessment;
  noteTime: (unit: string, onTime: boolean) => void;
}

/**
 * Runs handling from the given level until some unit resolves the case: the community resolves or whistles
 * (a missed deadline whistles for it); the street dispatches departments or rejects the case; a department
 * that misses its deadline sends the case to the district leader, who resolves it or directs departments.
 */
async function handle(h: Handling, start: Handler, rework: boolean): Promise<Handler | 'rejected'> {
  const { ctx, task, decide, routing, assessment, noteTime } = h;
  const reworkContext = rework ? { rework: true, reworks: assessment.reworks } : {};
  let handler = start;
  for (;;) {
    if (handler.level === 'community') {
      assessment.levelReached = maxLevel(assessment.levelReached, 'community');
      const community = await task(WhistleStep.CommunityHandle, routing.communityId, reworkContext);
      noteTime(routing.communityId, community.kind === 'completed');
      if (community.kind === 'completed' && community.decision.action === 'resolve') return handler;
      if (community.kind === 'timeout') {
        await recordEvent(ctx, { stepId: WhistleStep.CommunityHandle, action: 'escalate', data: { reason: 'deadlineMissed', to: WhistleStep.Dispatch } });
      }
      assessment.levelReached = maxLevel(assessment.levelReached, 'street');
      const decision = await decide(WhistleStep.Dispatch, routing.streetId);
      if (decision.action === 'reject') return 'rejected';
      handler = { level: 'street', departments: decision.data.departments as string[], lead: String(decision.data.lead) };
      continue;
    }
    if (handler.level === 'street') {
      const { departments, lead } = handler;
      const results = await Promise.all(departments.map((departmentId) =>
        task(WhistleStep.DepartmentHandle, departmentId, { departmentId, lead: departmentId === lead, ...reworkContext })));
      results.forEach((r, i) => noteTime(departments[i], r.kind === 'completed'));
      if (results.every((r) => r.kind === 'completed')) return handler;
      const late = departments.filter((_, i) => results[i].kind === 'timeout');
      await recordEvent(ctx, { stepId: WhistleStep.DepartmentHandle, action: 'escalate', data: { reason: 'deadlineMissed', departments: late, to: WhistleStep.DistrictCoordinate } });
    }
    assessment.levelReached = 'district';
    const coordination = await decide(WhistleStep.DistrictCoordinate, routing.districtId, reworkContext);
    if (coordination.action === 'resolve') return { level: 'district' };
    handler = { level: 'street', departments: coordination.data.departments as string[], lead: String(coordination.data.lead) };
  }
}

const LEVEL_ORDER: Level[] = ['grid', 'community', 'street', 'district'];
function maxLevel(a: Level, b: Level): Level {
  return LEVEL_ORDER.indexOf(a) >= LEVEL_ORDER.indexOf(b) ? a : b;
}

async function finish(ctx: InstanceContext, routing: WhistleRouting, outcome: WhistleOutcome): Promise<WhistleOutcome> {
  await settleHandlers();
  await records.closeInstance({
    instanceId: ctx.instanceId,
    status: outcome.status,
    at: new Date().toISOString(),
    stepId: outcome.status === 'rejected' ? 'EndEvent_Rejected' : outcome.assessment.selfResolved ? 'EndEvent_SelfResolved' : 'EndEvent_Closed',
    outcome: { ...outcome.assessment },
    assessment: outcome.status === 'closed' ? { ...outcome.assessment, streetId: routing.streetId, communityId: routing.communityId } : undefined,
  });
  return outcome;
}
