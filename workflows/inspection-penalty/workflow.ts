// 查处分离: two street inspectors inspect; a compliant subject closes the case, a minor breach gets a rectification
// order and a re-check, a small penalty is decided on the spot within art. 51's limits, and anything more is
// transferred to the district platform. The department's decision comes back to the street, which re-checks the
// rectification and closes the case; decisions flagged for publication are published.
import { sleep } from '@temporalio/workflow';
import { PenaltyStep, penaltySteps, subjectKind } from '../../domain/processes/steps/inspection-penalty';
import type { Penalty } from '../../domain/processes/inspection-penalty';
import { endOfDay, shanghaiDay } from '../../domain/calendar/shanghai-day';
import { computeDeadline } from '../../domain/calendar/deadline';
import { describeLimit } from '../../domain/time-limit';
import { supervisedTask } from '../lib/human-task';
import { closeInstance, recordEvent, registerInstance } from '../lib/instance';
import { districtSide } from './district';
import { onlyAmong } from './guards';
import type { Decide, PenaltyArgs, PenaltyOutcome } from './types';
import type { StepTable } from '../../domain/process-steps';

const steps: StepTable = penaltySteps;

export async function inspectionPenalty(args: PenaltyArgs): Promise<PenaltyOutcome> {
  const { ctx, input, routing, rules } = args;
  const decide: Decide = (stepId, orgUnitId, extra = {}) => supervisedTask(ctx, {
    stepId, step: steps[stepId], orgUnitId, limit: args.limits[stepId] ?? steps[stepId].defaultLimit, ...extra,
  });
  const inspectorsOnly = onlyAmong(() => input.inspectors, 'the two inspectors');
  const limitFen = subjectKind(input) === 'organisation' ? rules.simpleLimitOrganisationFen : rules.simpleLimitIndividualFen;

  await registerInstance(ctx, input as unknown as Record<string, unknown>, routing.streetId);
  // The inspection is when the offence is discovered: art. 36's limitation period runs to this day.
  const discoveredOn = shanghaiDay(new Date());

  let recheckFailed = false;
  for (;;) {
    const inspection = await decide(PenaltyStep.Inspect, routing.streetId, {
      guard: inspectorsOnly,
      context: recheckFailed ? { recheckFailed: true } : {},
      check: (action, data) => {
        if (action === 'simplePenalty' && data.kind === 'fine' && Number(data.amountFen) > limitFen) {
          return [{ path: 'data.amountFen', message: `beyond the simple procedure's limit of ${limitFen / 100} yuan for this subject (art. 51): transfer the case` }];
        }
        if (action === 'orderRectification') {
          const ends = endOfDay(String(data.deadline)).getTime();
          if (ends <= Date.now()) return [{ path: 'data.deadline', message: 'the rectification deadline must be a future day' }];
          // A deadline far in the future would bury the case with nothing open and nothing overdue: bounded by the rules.
          const latest = computeDeadline(new Date(), rules.rectificationLimit).dueAt;
          if (ends > latest.getTime()) {
            return [{ path: 'data.deadline', message: `at most ${describeLimit(rules.rectificationLimit)} from today (penalty-rules rectificationLimit): the last day is ${shanghaiDay(new Date(latest.getTime() - 1))}` }];
          }
        }
        return null;
      },
    });
    if (inspection.action === 'compliant') return finish(args, 'EndEvent_Compliant', { status: 'closed', result: 'compliant', selfResolved: true });
    if (inspection.action === 'simplePenalty') {
      const penalty = { kind: inspection.data.kind, amountFen: inspection.data.amountFen } as Penalty;
      return finish(args, 'EndEvent_SimplePenalty', { status: 'closed', result: 'simplePenalty', penalty, selfResolved: true });
    }
    if (inspection.action === 'transfer') break;
    // Rectification ordered: the re-check opens when the deadline has passed.
    await sleep(Math.max(1, endOfDay(String(inspection.data.deadline)).getTime() - Date.now()));
    const recheck = await decide(PenaltyStep.Recheck, routing.streetId, { guard: inspectorsOnly });
    if (recheck.action === 'fixed') return finish(args, 'EndEvent_Rectified', { status: 'closed', result: 'rectified', selfResolved: true });
    recheckFailed = true;
  }

  const district = await districtSide(args, decide, discoveredOn);
  if (district.result === 'referred') return finish(args, 'EndEvent_Referred', { status: 'closed', result: 'referred', departmentId: district.departmentId, selfResolved: false });
  await recordEvent(ctx, { stepId: null, action: 'resultToStreet', data: { departmentId: district.departmentId, result: district.result, penalty: district.penalty ?? null } });

  // Back on the street: re-check the rectification until it is done.
  for (;;) {
    const recheck = await decide(PenaltyStep.StreetRecheck, routing.streetId);
    if (recheck.action === 'fixed') break;
    await recordEvent(ctx, { stepId: PenaltyStep.StreetRecheck, action: 'rectificationOutstanding', data: {} });
  }
  if (district.publish) await recordEvent(ctx, { stepId: null, action: 'publish', data: { penalty: district.penalty ?? null, departmentId: district.departmentId } });
  return finish(args, 'EndEvent_Closed', {
    status: 'closed', result: district.result, penalty: district.penalty, departmentId: district.departmentId, paidFen: district.paidFen,
    surchargeFen: district.surchargeFen, courtEnforcement: district.courtEnforcement, published: district.publish, selfResolved: false,
  });
}

async function finish(args: PenaltyArgs, stepId: string, outcome: PenaltyOutcome): Promise<PenaltyOutcome> {
  await closeInstance({ instanceId: args.ctx.instanceId, status: outcome.status, at: new Date().toISOString(), stepId, outcome: { ...outcome } });
  return outcome;
}
