// The district side of 查处分离: routing by the matter catalog (a department may return a mis-routed case),
// registration by two case officers, investigation with evidence preservation, legal review of major cases,
// notice with the defence period and hearing, the decision within 90 days (hearing time excluded), service,
// and payment with the late surcharge or court enforcement.
import { condition, setHandler } from '@temporalio/workflow';
import { HEAVY_KINDS, PenaltyStep, penaltyContract, subjectKind, type Penalty } from '../../domain/processes/inspection-penalty';
import { lateDays, surchargeFen } from '../../domain/penalty/surcharge';
import { startClock, pauseClock, resumeClock, type ClockState } from '../../domain/penalty/clock';
import { records } from '../lib/activities';
import { humanTask } from '../lib/human-task';
import { recordEvent } from '../lib/instance';
import { all, never, onlyAmong } from './guards';
import { watchCaseClock } from './case-clock';
import type { Decide } from './workflow';
import type { PenaltyArgs } from './types';
import { caseClockQuery } from './messages';

const DAY = 86_400_000;

export interface DistrictResult {
  result: 'penalized' | 'noPenalty' | 'referred';
  departmentId: string;
  penalty?: Penalty;
  publish?: boolean;
  paidFen?: number;
  surchargeFen?: number;
  courtEnforcement?: boolean;
}

export async function districtSide(args: PenaltyArgs, decide: Decide): Promise<DistrictResult> {
  const { ctx, input, routing, rules } = args;
  const inspectors = () => input.inspectors;
  let caseOfficers: string[] = [];
  const officers = () => caseOfficers;
  const notInspector = (what: string) => never(inspectors, 'an inspector', what);

  // Routing, with returns of mis-routed cases.
  let departmentId: string;
  for (;;) {
    const route = await decide(PenaltyStep.Route, routing.districtId, { context: { matter: input.matter } });
    departmentId = String(route.data.departmentId);
    await records.extendOrgPath({ instanceId: ctx.instanceId, orgUnitId: departmentId });
    const registration = await decide(PenaltyStep.Register, departmentId, {
      guard: all(notInspector('register its penalty case'), (_actor, action, data) =>
        action === 'register' && (data.caseOfficers as string[]).some((id) => input.inspectors.includes(id))
          ? 'an inspector of this case may never investigate it (查处分离)' : null),
    });
    if (registration.action === 'register') {
      caseOfficers = registration.data.caseOfficers as string[];
      break;
    }
    await recordEvent(ctx, { stepId: PenaltyStep.Register, action: 'returned', data: { departmentId, reason: registration.data.reason } });
  }

  let clock = startClock(new Date(), rules.caseDays);
  setHandler(caseClockQuery, () => clock);
  let decided = false;
  let clockVersion = 0;
  const setClock = (next: ClockState) => { clock = next; clockVersion++; };
  const watcher = watchCaseClock(ctx, () => clock, () => clockVersion, () => decided, rules.caseRemindDays);
  await recordEvent(ctx, { stepId: PenaltyStep.Register, action: 'caseClockStarted', data: { dueAt: clock.dueAt, days: rules.caseDays } });

  const byOfficers = onlyAmong(officers, 'the two case officers');
  let penalty: Penalty | undefined;
  let finding: string;
  for (;;) {
    const conclusion = await investigate(args, decide, departmentId, byOfficers, notInspector);
    finding = String(conclusion.data.finding);
    if (finding !== 'penalize') break;
    penalty = conclusion.data.proposedPenalty as Penalty;
    if (!isMajor(penalty, rules.majorFineFen)) break;
    const review = await decide(PenaltyStep.LegalReview, departmentId, {
      guard: all(notInspector('review its penalty'), never(officers, 'an investigator', 'review its penalty')),
      context: { proposedPenalty: penalty },
    });
    if (review.action === 'pass') break;
  }
  if (finding === 'refer') {
    decided = true;
    await watcher;
    return { result: 'referred', departmentId };
  }

  if (finding === 'penalize' && penalty) {
    const hearingRight = HEAVY_KINDS.includes(penalty.kind) || (penalty.amountFen ?? 0) >= (subjectKind(input) === 'organisation' ? rules.hearingFineOrganisationFen : rules.hearingFineIndividualFen);
    await decide(PenaltyStep.Notify, departmentId, {
      guard: byOfficers,
      check: (_action, data) => (hearingRight && data.hearingEligible !== true
        ? [{ path: 'data.hearingEligible', message: 'this penalty carries the right to a hearing (art. 63): the notice must say so' }] : null),
    });
    const noticeAt = Date.now();
    const defence = await decideDefence(args, departmentId, byOfficers, hearingRight, noticeAt);
    if (defence === 'hearing') {
      setClock(pauseClock(clock, new Date()));
      // The party is notified now; the hearing may not be held before the notice period has run (art. 64).
      const hearingAt = new Date(Date.now() + rules.hearingNoticeDays * DAY);
      await recordEvent(ctx, { stepId: PenaltyStep.Hearing, action: 'hearingNotice', data: { hearingAt: hearingAt.toISOString(), noticeDays: rules.hearingNoticeDays } });
      await decide(PenaltyStep.Hearing, departmentId, {
        guard: all(notInspector('host its hearing'), never(officers, 'an investigator', 'host its hearing')),
        allows: () => (Date.now() < hearingAt.getTime() ? `the hearing is scheduled for ${hearingAt.toISOString()}: the party must be notified 7 days ahead (art. 64)` : null),
      });
      setClock(resumeClock(clock, new Date()));
      await recordEvent(ctx, { stepId: PenaltyStep.Hearing, action: 'caseClockResumed', data: { dueAt: clock.dueAt, pausedMs: clock.pausedMs } });
    }
  }

  const decision = await decide(PenaltyStep.Decide, departmentId, { guard: notInspector('decide its penalty'), context: { proposedPenalty: penalty ?? null, finding } });
  decided = true;
  await watcher;
  if (decision.action === 'noPenalty') return { result: 'noPenalty', departmentId };
  const decidedPenalty = decision.data.penalty as Penalty;
  await decide(PenaltyStep.Serve, departmentId, { guard: byOfficers });
  const servedAt = Date.now();
  const result: DistrictResult = { result: 'penalized', departmentId, penalty: decidedPenalty, publish: decision.data.publish === true };
  if (!decidedPenalty.amountFen) return result;

  const fineFen = decidedPenalty.amountFen;
  const dueAt = new Date(servedAt + rules.paymentDays * DAY);
  const owed = () => fineFen + surchargeFen(fineFen, lateDays(dueAt, new Date()), rules.surchargePercentPerDay);
  const enforcement = await decide(PenaltyStep.Enforce, departmentId, {
    guard: byOfficers,
    context: { fineFen, dueAt: dueAt.toISOString() },
    allows: (action) => (action === 'courtEnforcement' && Date.now() <= dueAt.getTime() ? 'court enforcement comes only after the payment period (art. 72)' : null),
    check: (action, data) => (action === 'paid' && data.amountFen !== owed()
      ? [{ path: 'data.amountFen', message: `the amount owed today is ${owed()} fen (fine ${fineFen} plus the late surcharge)` }] : null),
  });
  if (enforcement.action === 'courtEnforcement') return { ...result, courtEnforcement: true };
  const paidFen = Number(enforcement.data.amountFen);
  return { ...result, paidFen, surchargeFen: paidFen - fineFen };
}

function isMajor(penalty: Penalty, majorFineFen: number): boolean {
  return HEAVY_KINDS.includes(penalty.kind) || (penalty.amountFen ?? 0) >= majorFineFen;
}

/** Investigation by the registered officers; evidence preservation needs the agency head and a decision within 7 days. */
async function investigate(args: PenaltyArgs, decide: Decide, departmentId: string, byOfficers: ReturnType<typeof onlyAmong>, notInspector: (what: string) => ReturnType<typeof never>) {
  const { ctx, rules } = args;
  let preservation: 'none' | 'pending' | 'approved' = 'none';
  const requests: Array<{ action: string; data: Record<string, unknown> }> = [];
  const conclusion = decide(PenaltyStep.Investigate, departmentId, {
    guard: byOfficers,
    allows: (action) => {
      if (action === 'requestPreservation' && preservation !== 'none') return 'evidence preservation was already requested';
      if (action === 'decidePreserved' && preservation !== 'approved') return 'there is no approved preservation to decide on';
      if (action === 'conclude' && preservation !== 'none') return 'decide on the preserved evidence first';
      return null;
    },
    onOpenAction: (d) => requests.push(d),
  });
  let concluded = false;
  const done = conclusion.then((d) => { concluded = true; return d; });
  while (!concluded) {
    await condition(() => concluded || requests.length > 0);
    if (concluded) break;
    const request = requests.shift()!;
    if (request.action === 'requestPreservation') {
      preservation = 'pending';
      const approval = await decide(PenaltyStep.PreservationApproval, departmentId, { guard: notInspector('approve evidence preservation in its case'), context: { items: request.data.items } });
      preservation = approval.action === 'approve' ? 'approved' : 'none';
      if (preservation === 'approved') {
        const decideBy = Date.now() + rules.preservationDecisionDays * DAY;
        await recordEvent(ctx, { stepId: PenaltyStep.Investigate, action: 'preservationStarted', data: { decideBy: new Date(decideBy).toISOString() } });
        // Art. 56: the decision on preserved evidence is due within 7 days; a late one is supervised.
        if (!(await condition(() => requests.some((r) => r.action === 'decidePreserved') || concluded, decideBy - Date.now()))) {
          await recordEvent(ctx, { stepId: PenaltyStep.Investigate, action: 'supervise', data: { reason: 'preservationDecisionOverdue', dueAt: new Date(decideBy).toISOString() } });
        }
      }
    } else if (request.action === 'decidePreserved') {
      preservation = 'none';
    }
  }
  return done;
}

/** The defence period: statements are recorded; a hearing may be requested within 5 days of the notice. */
async function decideDefence(args: PenaltyArgs, departmentId: string, byOfficers: ReturnType<typeof onlyAmong>, hearingRight: boolean, noticeAt: number): Promise<'hearing' | 'done'> {
  const { ctx, rules } = args;
  const outcome = await humanTask(ctx, {
    stepId: PenaltyStep.Defence, step: penaltyContract.steps[PenaltyStep.Defence],
    orgUnitId: departmentId, limit: { amount: rules.statementWorkingDays, unit: 'workingDays' }, onDeadline: 'escalate', guard: byOfficers,
    allows: (action) => {
      if (action !== 'requestHearing') return null;
      if (!hearingRight) return 'this penalty carries no right to a hearing (art. 63)';
      if (Date.now() > noticeAt + rules.hearingRequestDays * DAY) return `a hearing must be requested within ${rules.hearingRequestDays} days of the notice (art. 64)`;
      return null;
    },
  });
  if (outcome.kind === 'completed' && outcome.decision.action === 'requestHearing') return 'hearing';
  if (outcome.kind === 'timeout') await recordEvent(ctx, { stepId: PenaltyStep.Defence, action: 'defencePeriodEnded', data: {} });
  return 'done';
}
