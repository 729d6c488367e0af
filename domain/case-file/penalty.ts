// The penalty case file (行政处罚案卷): party, matter and offence, what was proposed and decided, the legal reviews,
// the hearing, the 90-day clock as last recorded, service, the fine with its payment period, and publication —
// folded from the audit trail. What changes with the day (days left, surcharge, amount owed) is computed on reading.
import { z } from 'zod';
import type { ClockState } from '../penalty/clock';
import { TIME_UNITS } from '../time-units';
import { PenaltyStep } from '../processes/inspection-penalty';
import { byName, num, obj, shanghai, str, strs, when, type CaseEvent } from './event';

const penalty = z.object({ kind: z.string(), amountFen: z.number().int().optional() });
const timeLimit = z.object({ amount: z.number(), unit: z.enum(TIME_UNITS) });

export const clockStateSchema = z.object({
  startedAt: z.string(), limit: timeLimit, dueAt: z.string(), pausedSince: z.string().nullable(),
  pausedFor: z.enum(['hearing', 'testing', 'appraisal']).nullable(), pausedDays: z.number().int(),
});

export const penaltyFactsSchema = z.object({
  kind: z.literal('inspection-penalty'),
  party: z.object({ name: z.string().nullable(), kind: z.string().nullable(), creditCode: z.string().nullable() }),
  matter: z.string().nullable(),
  origin: z.string().nullable(),
  inspection: z.object({ at: z.string(), result: z.string(), rectificationDeadline: z.string().nullable() }).nullable(),
  departmentId: z.string().nullable(),
  registeredAt: z.string().nullable(),
  caseOfficers: z.array(z.string()),
  offence: z.object({ date: z.string().nullable(), continuing: z.boolean(), endDate: z.string().nullable() }).nullable(),
  limitationLastDay: z.string().nullable(),
  proposedPenalty: penalty.nullable(),
  legalReviews: z.array(z.object({ at: z.string(), by: z.string().nullable(), result: z.enum(['pass', 'reject']), reason: z.string().nullable() })),
  hearing: z.object({
    requestedAt: z.string().nullable(), notifiedAt: z.string().nullable(), earliestOn: z.string().nullable(), heldAt: z.string().nullable(),
  }).nullable(),
  decision: z.object({ at: z.string(), by: z.string().nullable(), penalty: penalty.nullable(), noPenaltyReason: z.string().nullable(), publish: z.boolean() }).nullable(),
  /** The 90-day clock (art. 60) as last recorded, and when it finished (the decision, or a referral). */
  clock: clockStateSchema.nullable(),
  clockFinishedAt: z.string().nullable(),
  service: z.object({ at: z.string(), method: z.string().nullable() }).nullable(),
  /** The fine's payment period (arts. 67, 72): `dueAt` and the rate as the enforcement step opened with them. */
  payment: z.object({
    fineFen: z.number().int(), dueAt: z.string(), surchargePercentPerDay: z.number(),
    paidFen: z.number().int().nullable(), paidAt: z.string().nullable(), courtEnforcementAt: z.string().nullable(),
  }).nullable(),
  publishedAt: z.string().nullable(),
  result: z.string().nullable(),
});
export type PenaltyFacts = z.infer<typeof penaltyFactsSchema>;

export function emptyPenaltyFacts(): PenaltyFacts {
  return {
    kind: 'inspection-penalty', party: { name: null, kind: null, creditCode: null }, matter: null, origin: null, inspection: null,
    departmentId: null, registeredAt: null, caseOfficers: [], offence: null, limitationLastDay: null, proposedPenalty: null,
    legalReviews: [], hearing: null, decision: null, clock: null, clockFinishedAt: null, service: null, payment: null, publishedAt: null, result: null,
  };
}

function penaltyOf(v: unknown): PenaltyFacts['proposedPenalty'] {
  const p = obj(v);
  const kind = str(p.kind);
  if (!kind) return null;
  const amountFen = num(p.amountFen);
  return amountFen === null ? { kind } : { kind, amountFen };
}

const noHearing = { requestedAt: null, notifiedAt: null, earliestOn: null, heldAt: null };

export function foldPenalty(f: PenaltyFacts, e: CaseEvent): PenaltyFacts {
  const d = e.data;
  const step = e.stepId;
  switch (e.action) {
    case 'start': {
      const input = obj(d.input);
      const subject = obj(input.subject);
      const creditCode = str(subject.creditCode);
      return { ...f, party: { name: str(subject.name), kind: str(subject.kind) ?? (creditCode ? 'organisation' : 'individual'), creditCode },
        matter: str(input.matter), origin: str(input.origin) };
    }
    case 'compliant': case 'orderRectification': case 'simplePenalty': case 'transfer':
      return step === PenaltyStep.Inspect ? { ...f, inspection: { at: when(e), result: e.action, rectificationDeadline: str(d.deadline) } } : f;
    case 'route': return step === PenaltyStep.Route ? { ...f, departmentId: str(d.departmentId) } : f;
    case 'register': {
      if (step !== PenaltyStep.Register) return f;
      const offence = obj(d.offence);
      return { ...f, registeredAt: when(e), caseOfficers: strs(d.caseOfficers),
        offence: { date: str(offence.date), continuing: offence.continuing === true, endDate: str(offence.endDate) } };
    }
    case 'limitationChecked': return { ...f, limitationLastDay: str(d.lastDay) };
    case 'conclude': return step === PenaltyStep.Investigate ? { ...f, proposedPenalty: penaltyOf(d.proposedPenalty) } : f;
    case 'notify': case 'renotify':
      return step === PenaltyStep.Notify || step === PenaltyStep.Decide ? { ...f, proposedPenalty: penaltyOf(d.proposedPenalty) ?? f.proposedPenalty } : f;
    case 'pass': case 'reject':
      return step === PenaltyStep.LegalReview
        ? { ...f, legalReviews: [...f.legalReviews, { at: when(e), by: byName(e), result: e.action, reason: str(d.reason) }] } : f;
    case 'requestHearing': return step === PenaltyStep.Defence ? { ...f, hearing: { ...noHearing, ...f.hearing, requestedAt: when(e) } } : f;
    case 'hearingNotice':
      return { ...f, hearing: { ...noHearing, ...f.hearing, notifiedAt: shanghai(d.notifiedAt), earliestOn: str(d.earliestHearingOn) } };
    case 'hold': return step === PenaltyStep.Hearing ? { ...f, hearing: { ...noHearing, ...f.hearing, heldAt: when(e) } } : f;
    case 'decide':
      return step === PenaltyStep.Decide
        ? { ...f, decision: { at: when(e), by: byName(e), penalty: penaltyOf(d.penalty), noPenaltyReason: null, publish: d.publish === true } } : f;
    case 'noPenalty':
      return step === PenaltyStep.Decide ? { ...f, decision: { at: when(e), by: byName(e), penalty: null, noPenaltyReason: str(d.reason), publish: false } } : f;
    case 'caseClockStarted': case 'caseClockStopped': case 'caseClockResumed':
      return d.clock ? { ...f, clock: d.clock as ClockState } : f;
    case 'caseClockFinished': return { ...f, clockFinishedAt: when(e) };
    case 'served': return step === PenaltyStep.Serve ? { ...f, service: { at: when(e), method: str(d.method) } } : f;
    case 'open': {
      const fineFen = num(d.fineFen);
      const dueAt = str(d.dueAt);
      const rate = num(d.surchargePercentPerDay);
      if (step !== PenaltyStep.Enforce || fineFen === null || !dueAt || rate === null) return f;
      return { ...f, payment: { fineFen, dueAt, surchargePercentPerDay: rate, paidFen: null, paidAt: null, courtEnforcementAt: null } };
    }
    case 'paid':
      return step === PenaltyStep.Enforce && f.payment ? { ...f, payment: { ...f.payment, paidFen: num(d.amountFen), paidAt: when(e) } } : f;
    case 'courtEnforcement':
      return step === PenaltyStep.Enforce && f.payment ? { ...f, payment: { ...f.payment, courtEnforcementAt: when(e) } } : f;
    case 'publish': return { ...f, publishedAt: when(e) };
    case 'close': case 'rejected': case 'cancelled': return { ...f, result: str(obj(d.outcome).result) };
    default: return f;
  }
}
