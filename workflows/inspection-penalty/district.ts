// The district side of 查处分离: routing by the matter catalog (a department may return a mis-routed case),
// registration by two case officers with the offence's dates checked against the limitation period (art. 36), the
// investigation with evidence preservation and testing/appraisal stops of the 90-day clock, legal review of major
// cases, the notice and defence period with its hearing, the review of the party's statements, legal review after a
// hearing, the decision bound to its notice (a heavier penalty goes back to a new notice), service, and payment with
// the late surcharge or court enforcement.
import { condition } from '@temporalio/workflow';
import { PenaltyStep, penaltySteps, subjectKind } from '../../domain/processes/steps/inspection-penalty';
import type { Penalty } from '../../domain/processes/inspection-penalty';
import { shanghaiDay } from '../../domain/calendar/shanghai-day';
import { limitationOf, type Offence } from '../../domain/penalty/limitation';
import { describePeriod, earliestHearing, periodEnd } from '../../domain/penalty/periods';
import { carriesHearingRight, heavierThan, isMajor } from '../../domain/penalty/severity';
import { amountOwed } from '../../domain/penalty/surcharge';
import type { ClockStop } from '../../domain/penalty/clock';
import { records } from '../lib/activities';
import { humanTask, type TaskDecision } from '../lib/human-task';
import { recordEvent } from '../lib/instance';
import { all, never, onlyAmong, type Guard } from './guards';
import { startCaseClock, type CaseClock } from './case-clock';
import type { Decide, PenaltyArgs } from './types';

export interface DistrictResult {
  result: 'penalized' | 'noPenalty' | 'referred';
  departmentId: string;
  penalty?: Penalty;
  publish?: boolean;
  paidFen?: number;
  surchargeFen?: number;
  courtEnforcement?: boolean;
}

/** What the district side's parts share once the case is registered. */
interface Case {
  args: PenaltyArgs;
  decide: Decide;
  departmentId: string;
  byOfficers: Guard;
  notInspector: (what: string) => Guard;
  officers: () => readonly string[];
  clock: CaseClock;
}

/** A notice given (告知): the penalty it proposed and when. */
interface Notice {
  penalty: Penalty;
  at: Date;
  hearingRight: boolean;
}

/** `discoveredOn`: the Shanghai day the street's inspection found the offence, which art. 36's period runs to. */
export async function districtSide(args: PenaltyArgs, decide: Decide, discoveredOn: string): Promise<DistrictResult> {
  const { ctx, input, routing, rules } = args;
  let caseOfficers: string[] = [];
  const officers = () => caseOfficers;
  const notInspector = (what: string) => never(() => input.inspectors, 'an inspector', what);

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
      context: { offence: input.offence ?? null, discoveredOn },
      check: (action, data) => (action === 'register' ? offenceProblems(args, data.offence as Offence, discoveredOn) : null),
    });
    if (registration.action === 'register') {
      caseOfficers = registration.data.caseOfficers as string[];
      const offence = registration.data.offence as Offence;
      const years = limitationYears(args, offence);
      await recordEvent(ctx, { stepId: PenaltyStep.Register, action: 'limitationChecked', data: { discoveredOn, years, lastDay: limitationOf(offence, discoveredOn, years).lastDay } });
      break;
    }
    await recordEvent(ctx, { stepId: PenaltyStep.Register, action: 'returned', data: { departmentId, reason: registration.data.reason } });
  }

  const clock = await startCaseClock(ctx, rules);
  const parts: Case = { args, decide, departmentId, byOfficers: onlyAmong(officers, 'the two case officers'), notInspector, officers, clock };
  const decision = await investigateAndDecide(parts);
  await clock.finish();
  if (decision === 'referred') return { result: 'referred', departmentId };
  if (decision.action === 'noPenalty') return { result: 'noPenalty', departmentId };
  return serveAndEnforce(parts, decision);
}

function limitationYears(args: PenaltyArgs, offence: Offence): number {
  const flagged = args.matter?.lifeHealthOrFinancialSafety === true && offence.harmfulConsequences === true;
  return flagged ? args.rules.limitationYearsLifeHealthFinancial : args.rules.limitationYears;
}

/** Art. 36: dates that make sense, and an offence discovered within its limitation period. */
function offenceProblems(args: PenaltyArgs, offence: Offence, discoveredOn: string) {
  if (offence.date > discoveredOn) return [{ path: 'data.offence.date', message: `the offence cannot have begun after it was discovered on ${discoveredOn}` }];
  const today = shanghaiDay(new Date());
  if (offence.endDate && offence.endDate > today) return [{ path: 'data.offence.endDate', message: 'an end date is a day that has passed: leave it out while the offence goes on' }];
  const years = limitationYears(args, offence);
  const limitation = limitationOf(offence, discoveredOn, years);
  if (!limitation.barred) return null;
  const ended = limitation.field === 'endDate' ? offence.endDate : offence.date;
  return [{
    path: `data.offence.${limitation.field}`,
    message: `time-barred (art. 36): an offence that ended on ${ended} is penalised only when discovered within ${years} years, by ${limitation.lastDay}; it was discovered on ${discoveredOn}`,
  }];
}

/** Investigation rounds until a decision: a legal review that fails, before the notice or after a hearing, sends the case back. */
async function investigateAndDecide(parts: Case): Promise<TaskDecision | 'referred'> {
  for (;;) {
    const conclusion = await investigate(parts);
    const finding = String(conclusion.data.finding);
    if (finding === 'refer') return 'referred';
    const proposal = finding === 'penalize' ? conclusion.data.proposedPenalty as Penalty : null;
    const decision = await noticeRounds(parts, proposal, finding);
    if (decision !== 'reinvestigate') return decision;
  }
}

/**
 * Notice, defence and decision, repeated when the agency head wants a heavier penalty than notified (renotify): the
 * decision is bound to the last notice (arts. 44, 62). A major proposal is reviewed before it is notified; a hearing
 * is followed by legal review (art. 58(二)); the party's statements are reviewed (复核, art. 45) before the decision.
 */
async function noticeRounds(parts: Case, firstProposal: Penalty | null, finding: string): Promise<TaskDecision | 'reinvestigate'> {
  const { rules } = parts.args;
  let proposal = firstProposal;
  let reviewed: Penalty | null = null;
  let notice: Notice | null = null;
  for (;;) {
    if (proposal) {
      if (isMajor(proposal, rules) && !(reviewed && !heavierThan(proposal, reviewed))) {
        if (!(await legalReview(parts, proposal, 'beforeNotice'))) return 'reinvestigate';
        reviewed = proposal;
      }
      notice = await giveNotice(parts, proposal);
      const defence = await defencePeriod(parts, notice);
      if (defence.hearing) await hearing(parts);
      if (defence.statements.length > 0) {
        await parts.decide(PenaltyStep.StatementReview, parts.departmentId, { guard: parts.byOfficers, context: { statements: defence.statements } });
      }
      if (defence.hearing && !(await legalReview(parts, notice.penalty, 'afterHearing'))) return 'reinvestigate';
    }
    const decision = await decideCase(parts, notice, finding);
    if (decision.action !== 'renotify') return decision;
    proposal = decision.data.proposedPenalty as Penalty;
  }
}

async function legalReview(parts: Case, penalty: Penalty, stage: 'beforeNotice' | 'afterHearing'): Promise<boolean> {
  const review = await parts.decide(PenaltyStep.LegalReview, parts.departmentId, {
    guard: all(parts.notInspector('review its penalty'), never(parts.officers, 'an investigator', 'review its penalty')),
    context: { proposedPenalty: penalty, stage },
  });
  return review.action === 'pass';
}

async function giveNotice(parts: Case, proposal: Penalty): Promise<Notice> {
  const { input, rules } = parts.args;
  const subject = subjectKind(input);
  const notified = await parts.decide(PenaltyStep.Notify, parts.departmentId, {
    guard: parts.byOfficers,
    context: { proposedPenalty: proposal },
    check: (_action, data) => {
      const penalty = data.proposedPenalty as Penalty;
      if (heavierThan(penalty, proposal)) return [{ path: 'data.proposedPenalty', message: 'the notice may not propose more than the penalty this case proposes (and legal review passed)' }];
      if (carriesHearingRight(penalty, rules, subject) && data.hearingEligible !== true) {
        return [{ path: 'data.hearingEligible', message: 'this penalty carries the right to a hearing (art. 63): the notice must say so' }];
      }
      return null;
    },
  });
  const penalty = notified.data.proposedPenalty as Penalty;
  return { penalty, at: new Date(), hearingRight: carriesHearingRight(penalty, rules, subject) };
}

/**
 * The defence period: statements are recorded; a hearing may be requested within the hearing-request period (5
 * working days, arts. 64, 85). The task lasts for the longer of that and the statement period.
 */
async function defencePeriod(parts: Case, notice: Notice): Promise<{ hearing: boolean; statements: string[] }> {
  const { ctx, rules } = parts.args;
  const statementEndsAt = periodEnd(notice.at, rules.statement, ctx.officeHours);
  const hearingRequestEndsAt = periodEnd(notice.at, rules.hearingRequest, ctx.officeHours);
  const byHearingRequest = notice.hearingRight && hearingRequestEndsAt > statementEndsAt;
  const statements: string[] = [];
  const outcome = await humanTask(ctx, {
    stepId: PenaltyStep.Defence, step: penaltySteps[PenaltyStep.Defence],
    orgUnitId: parts.departmentId, limit: byHearingRequest ? rules.hearingRequest : rules.statement, onDeadline: 'escalate', guard: parts.byOfficers,
    context: { proposedPenalty: notice.penalty, statementEndsAt: statementEndsAt.toISOString(), hearingRequestEndsAt: notice.hearingRight ? hearingRequestEndsAt.toISOString() : null },
    allows: (action) => {
      if (action !== 'requestHearing') return null;
      if (!notice.hearingRight) return 'this penalty carries no right to a hearing (art. 63)';
      if (Date.now() > hearingRequestEndsAt.getTime()) {
        return `a hearing must be requested within ${describePeriod(rules.hearingRequest)} of the notice (arts. 64, 85); that period ended at ${hearingRequestEndsAt.toISOString()}`;
      }
      return null;
    },
    onOpenAction: (d) => { if (d.action === 'statement') statements.push(String(d.data.text)); },
  });
  if (outcome.kind === 'completed' && outcome.decision.action === 'requestHearing') return { hearing: true, statements };
  if (outcome.kind === 'timeout') await recordEvent(ctx, { stepId: PenaltyStep.Defence, action: 'defencePeriodEnded', data: {} });
  return { hearing: false, statements };
}

/** The hearing: the case clock stands still until it is held, no sooner than the notice period after the party is told (arts. 64, 85). */
async function hearing(parts: Case): Promise<void> {
  const { ctx, rules } = parts.args;
  await parts.clock.stop('hearing', PenaltyStep.Hearing);
  const notifiedAt = new Date();
  const from = earliestHearing(notifiedAt, rules.hearingNotice, ctx.officeHours);
  const earliestOn = shanghaiDay(from);
  await recordEvent(ctx, { stepId: PenaltyStep.Hearing, action: 'hearingNotice', data: { notifiedAt: notifiedAt.toISOString(), earliestHearingOn: earliestOn, noticePeriod: rules.hearingNotice } });
  await parts.decide(PenaltyStep.Hearing, parts.departmentId, {
    guard: all(parts.notInspector('host its hearing'), never(parts.officers, 'an investigator', 'host its hearing')),
    context: { earliestHearingOn: earliestOn },
    allows: () => (Date.now() < from.getTime()
      ? `the party must be notified ${describePeriod(rules.hearingNotice)} ahead (arts. 64, 85): the hearing may be held from ${earliestOn}` : null),
  });
  await parts.clock.resume(PenaltyStep.Hearing);
}

/** The agency head's decision, bound to the last notice; serious cases need their collective discussion (art. 57). */
function decideCase(parts: Case, notice: Notice | null, finding: string): Promise<TaskDecision> {
  const { rules } = parts.args;
  return parts.decide(PenaltyStep.Decide, parts.departmentId, {
    guard: parts.notInspector('decide its penalty'),
    context: { finding, notice: notice ? { proposedPenalty: notice.penalty, notifiedAt: notice.at.toISOString() } : null },
    allows: (action) => (action === 'decide' && !notice
      ? 'no penalty without a notice of it and the party\'s defence period (art. 44): give notice first (renotify)' : null),
    check: (action, data) => {
      if (action !== 'decide' || !notice) return null;
      const penalty = data.penalty as Penalty;
      if (heavierThan(penalty, notice.penalty)) {
        return [{ path: 'data.penalty', message: 'heavier than the notified penalty (arts. 44, 62): a heavier penalty needs a new notice and defence period (renotify)' }];
      }
      const discussion = data.collectiveDiscussion as { date: string } | undefined;
      if (!discussion && isMajor(penalty, rules)) {
        return [{ path: 'data.collectiveDiscussion', message: 'a serious case is decided after the agency\'s leaders discuss it collectively (art. 57): record its date, participants and conclusion' }];
      }
      if (discussion && discussion.date > shanghaiDay(new Date())) return [{ path: 'data.collectiveDiscussion.date', message: 'the collective discussion must already have taken place' }];
      return null;
    },
  });
}

async function serveAndEnforce(parts: Case, decision: TaskDecision): Promise<DistrictResult> {
  const { ctx, rules } = parts.args;
  const penalty = decision.data.penalty as Penalty;
  await parts.decide(PenaltyStep.Serve, parts.departmentId, { guard: parts.byOfficers, limit: rules.service });
  const servedAt = new Date();
  const result: DistrictResult = { result: 'penalized', departmentId: parts.departmentId, penalty, publish: decision.data.publish === true };
  if (!penalty.amountFen) return result;

  // Arts. 67, 72: the payment period ends at 24:00 of its last day, moved past rest days; each whole day after it adds the surcharge.
  const fineFen = penalty.amountFen;
  const dueAt = periodEnd(servedAt, rules.payment, ctx.officeHours);
  const owed = () => amountOwed(fineFen, dueAt, rules.surchargePercentPerDay, new Date());
  const enforcement = await parts.decide(PenaltyStep.Enforce, parts.departmentId, {
    guard: parts.byOfficers,
    limit: rules.payment,
    context: { fineFen, dueAt: dueAt.toISOString(), surchargePercentPerDay: rules.surchargePercentPerDay },
    allows: (action) => (action === 'courtEnforcement' && Date.now() < dueAt.getTime()
      ? `court enforcement comes only after the payment period, which ends at ${dueAt.toISOString()} (arts. 67, 72)` : null),
    check: (action, data) => {
      if (action !== 'paid') return null;
      const today = owed();
      return data.amountFen === today.owedFen ? null : [{
        path: 'data.amountFen',
        message: `the amount owed today is ${today.owedFen} fen (fine ${fineFen} plus ${today.surchargeFen} late surcharge for ${today.lateDays} days)`,
      }];
    },
  });
  if (enforcement.action === 'courtEnforcement') return { ...result, courtEnforcement: true };
  const paidFen = Number(enforcement.data.amountFen);
  return { ...result, paidFen, surchargeFen: paidFen - fineFen };
}

/**
 * Investigation by the registered officers. Keep-open requests on the task: evidence preservation (the agency head
 * approves; the decision on the preserved evidence is due within the preservation period, art. 56) and stops of the
 * case clock for testing or expert appraisal (art. 60).
 */
async function investigate(parts: Case): Promise<TaskDecision> {
  const { ctx, rules } = parts.args;
  let preservation: 'none' | 'pending' | 'approved' = 'none';
  let preservedDecided = false;
  let stopped = false;
  const requests: TaskDecision[] = [];
  const conclusion = parts.decide(PenaltyStep.Investigate, parts.departmentId, {
    guard: parts.byOfficers,
    allows: (action) => {
      if (action === 'requestPreservation' && preservation !== 'none') return 'evidence preservation was already requested';
      if (action === 'decidePreserved' && preservation !== 'approved') return 'there is no approved preservation to decide on';
      if (action === 'suspendClock' && stopped) return 'the case clock already stands still for testing or appraisal';
      if (action === 'resumeClock' && !stopped) return 'the case clock is not stopped for testing or appraisal';
      if (action === 'conclude' && preservation !== 'none') return 'decide on the preserved evidence first';
      if (action === 'conclude' && stopped) return 'end the testing or appraisal stop of the case clock first';
      return null;
    },
    onOpenAction: (d) => {
      // State changes here, synchronously with the accepted Update, so the next request is judged on it.
      if (d.action === 'requestPreservation') preservation = 'pending';
      if (d.action === 'decidePreserved') { preservation = 'none'; preservedDecided = true; }
      if (d.action === 'suspendClock') stopped = true;
      if (d.action === 'resumeClock') stopped = false;
      requests.push(d);
    },
  });
  let concluded = false;
  const done = conclusion.then((d) => { concluded = true; return d; });
  const preservations: Promise<void>[] = [];
  while (!concluded) {
    await condition(() => concluded || requests.length > 0);
    if (concluded) break;
    const request = requests.shift()!;
    if (request.action === 'requestPreservation') {
      preservedDecided = false;
      preservations.push((async () => {
        const approval = await parts.decide(PenaltyStep.PreservationApproval, parts.departmentId, {
          guard: parts.notInspector('approve evidence preservation in its case'), context: { items: request.data.items },
        });
        if (approval.action !== 'approve') { preservation = 'none'; return; }
        preservation = 'approved';
        const decideBy = periodEnd(new Date(), rules.preservationDecision, ctx.officeHours);
        await recordEvent(ctx, { stepId: PenaltyStep.Investigate, action: 'preservationStarted', data: { decideBy: decideBy.toISOString(), period: rules.preservationDecision } });
        if (!(await condition(() => preservedDecided, Math.max(1, decideBy.getTime() - Date.now())))) {
          await recordEvent(ctx, { stepId: PenaltyStep.Investigate, action: 'supervise', data: { reason: 'preservationDecisionOverdue', dueAt: decideBy.toISOString() } });
        }
      })());
    } else if (request.action === 'suspendClock') {
      await parts.clock.stop(request.data.reason as ClockStop, PenaltyStep.Investigate, { note: request.data.note });
    } else if (request.action === 'resumeClock') {
      await parts.clock.resume(PenaltyStep.Investigate, { note: request.data.note ?? null });
    }
  }
  await Promise.all(preservations);
  return done;
}
