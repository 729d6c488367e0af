// 吹哨报到: a reported problem is handled by the community, or whistled (or escalated by a missed deadline)
// to the street, which dispatches departments that must report in and fix it; missed department deadlines
// or a case beyond the street go to a district leader. Every resolution is field-checked (fail → rework),
// followed up when a requester exists, and closed by the shift chief with an assessment record.
import { continueAsNew, workflowInfo } from '@temporalio/workflow';
import { WhistleStep, whistleSteps } from '../../domain/processes/steps/whistle-escalation';
import { humanTask, settleHandlers, supervisedTask } from '../lib/human-task';
import { closeInstance, recordEvent, registerInstance } from '../lib/instance';
import { runDepartments } from './departments';
import type { Case, Handler, Level, WhistleArgs, WhistleAssessment, WhistleOutcome } from './types';
import type { StepTable } from '../../domain/process-steps';

const steps: StepTable = whistleSteps;
const DEFAULT_HISTORY_LIMIT = 5000;

export async function whistleEscalation(args: WhistleArgs): Promise<WhistleOutcome> {
  const { ctx, input, routing } = args;
  const assessment: WhistleAssessment = args.resume?.assessment
    ?? { levelReached: 'grid', selfResolved: false, reworks: 0, onTime: {}, satisfaction: null };
  const limit = (stepId: string) => args.limits[stepId] ?? steps[stepId].defaultLimit;
  const c: Case = {
    ctx, routing, limits: args.limits, assessment,
    decide: (stepId, orgUnitId, context = {}) =>
      supervisedTask(ctx, { stepId, step: steps[stepId], orgUnitId, limit: limit(stepId), context }),
    noteTime: (unit, onTime) => { assessment.onTime[unit] = (assessment.onTime[unit] ?? true) && onTime; },
  };

  if (!args.resume) {
    await registerInstance(ctx, input as Record<string, unknown>, routing.communityId);
    if (input.selfResolved) {
      assessment.selfResolved = true;
      await recordEvent(ctx, { stepId: 'EndEvent_SelfResolved', action: 'selfResolve', actor: ctx.startedBy, data: input.selfResolved });
      return finish(c, { status: 'closed', assessment });
    }
  }

  let handler: Handler = args.resume?.handler ?? { level: 'community' };
  let rework = args.resume !== undefined;
  for (;;) {
    const resolvedBy = await handle(c, handler, rework);
    if (resolvedBy === 'rejected') return finish(c, { status: 'rejected', assessment });
    handler = resolvedBy;

    const check = await c.decide(WhistleStep.FieldCheck, routing.gridId);
    if (check.action === 'fail') {
      assessment.reworks++;
      await recordEvent(ctx, { stepId: WhistleStep.FieldCheck, action: 'rework', data: { reason: check.data.reason, to: handler.level, reworks: assessment.reworks } });
      rework = true;
      await continueIfLong(args, handler, assessment);
      continue;
    }
    if (input.requester) {
      const followUp = await c.decide(WhistleStep.FollowUp, routing.communityId);
      assessment.satisfaction = followUp.data.satisfaction as WhistleAssessment['satisfaction'];
      if (followUp.data.satisfaction === 'dissatisfied' && followUp.data.substantive === true) {
        await recordEvent(ctx, { stepId: WhistleStep.FollowUp, action: 'rehandle', data: { to: handler.level } });
        rework = true;
        await continueIfLong(args, handler, assessment);
        continue;
      }
    }
    break;
  }

  await c.decide(WhistleStep.Close, routing.streetId);
  return finish(c, { status: 'closed', assessment });
}

/**
 * Handles the case from the given level until some unit resolves it: the community resolves or whistles (a
 * missed deadline whistles for it); the street dispatches departments, rejects the case, or marks it beyond the
 * street; departments that miss deadlines, or a case beyond the street, go to the district leader, who
 * resolves it or directs departments again.
 */
async function handle(c: Case, start: Handler, rework: boolean): Promise<Handler | 'rejected'> {
  const { ctx, routing, assessment } = c;
  const reworkContext = rework ? { rework: true, reworks: assessment.reworks } : {};
  let handler = start;
  for (;;) {
    if (handler.level === 'community') {
      raise(assessment, 'community');
      const community = await humanTask(ctx, {
        stepId: WhistleStep.CommunityHandle, step: steps[WhistleStep.CommunityHandle], orgUnitId: routing.communityId,
        limit: c.limits[WhistleStep.CommunityHandle] ?? steps[WhistleStep.CommunityHandle].defaultLimit, onDeadline: 'escalate', context: reworkContext,
      });
      c.noteTime(routing.communityId, community.kind === 'completed');
      if (community.kind === 'completed' && community.decision.action === 'resolve') return handler;
      if (community.kind === 'timeout') {
        await recordEvent(ctx, { stepId: WhistleStep.CommunityHandle, action: 'escalate', data: { reason: 'deadlineMissed', to: WhistleStep.Dispatch } });
      }
      raise(assessment, 'street');
      const decision = await c.decide(WhistleStep.Dispatch, routing.streetId);
      if (decision.action === 'reject') return 'rejected';
      if (decision.action === 'escalate') {
        await recordEvent(ctx, { stepId: WhistleStep.Dispatch, action: 'escalate', data: { reason: 'beyondStreet', to: WhistleStep.DistrictCoordinate } });
        handler = { level: 'district' };
      } else {
        handler = { level: 'street', departments: decision.data.departments as string[], lead: String(decision.data.lead) };
        continue;
      }
    }
    if (handler.level === 'street') {
      raise(assessment, 'street');
      const result = await runDepartments(c, handler.departments, handler.lead, rework);
      if (result.kind === 'resolved') return { level: 'street', departments: result.departments, lead: result.lead };
      await recordEvent(ctx, { stepId: WhistleStep.DepartmentHandle, action: 'escalate', data: { reason: result.reason, departments: result.departments, to: WhistleStep.DistrictCoordinate } });
    }
    raise(assessment, 'district');
    const coordination = await c.decide(WhistleStep.DistrictCoordinate, routing.districtId, reworkContext);
    if (coordination.action === 'resolve') return { level: 'district' };
    handler = { level: 'street', departments: coordination.data.departments as string[], lead: String(coordination.data.lead) };
  }
}

const LEVEL_ORDER: Level[] = ['grid', 'community', 'street', 'district'];
function raise(assessment: WhistleAssessment, level: Level): void {
  if (LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(assessment.levelReached)) assessment.levelReached = level;
}

/** Between rework cycles no task is open, so a long case can continue as a new run with the same id and audit chain. */
async function continueIfLong(args: WhistleArgs, handler: Handler, assessment: WhistleAssessment): Promise<void> {
  const info = workflowInfo();
  if (!info.continueAsNewSuggested && info.historyLength < (args.historyLimit ?? DEFAULT_HISTORY_LIMIT)) return;
  await settleHandlers();
  await recordEvent(args.ctx, { stepId: null, action: 'continueAsNew', data: { historyLength: info.historyLength, reworks: assessment.reworks } });
  await continueAsNew<typeof whistleEscalation>({ ...args, resume: { handler, assessment } });
}

async function finish(c: Case, outcome: WhistleOutcome): Promise<WhistleOutcome> {
  const { routing } = c;
  await closeInstance({
    instanceId: c.ctx.instanceId,
    status: outcome.status,
    at: new Date().toISOString(),
    stepId: outcome.status === 'rejected' ? 'EndEvent_Rejected' : outcome.assessment.selfResolved ? 'EndEvent_SelfResolved' : 'EndEvent_Closed',
    outcome: { ...outcome.assessment },
    assessment: outcome.status === 'closed' ? { ...outcome.assessment, streetId: routing.streetId, communityId: routing.communityId } : undefined,
  });
  return outcome;
}
