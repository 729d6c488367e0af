// How penalties compare (arts. 44, 58, 62, 63): which are major (legal review, collective discussion), which give a
// right to a hearing, and when a decision goes beyond its notice.
import { HEAVY_KINDS } from '../processes/steps/inspection-penalty';
import type { Penalty } from '../processes/inspection-penalty';
import type { PenaltyRules } from './rules';

/** Rough weight of each kind. Kinds of one weight are still different penalties: one is never "within" another's notice. */
const WEIGHT: Record<Penalty['kind'], number> = {
  warning: 0, fine: 1, confiscation: 1, suspendLicence: 2, suspendBusiness: 2, revokeLicence: 3, closure: 3,
};

/**
 * Whether `decided` is heavier than `notified`, so it needs a new notice and a new defence period (art. 62): a larger
 * amount of the same kind, or another kind that is not lighter. A lighter kind or a smaller amount stays within the notice.
 */
export function heavierThan(decided: Penalty, notified: Penalty): boolean {
  if (decided.kind === notified.kind) return (decided.amountFen ?? 0) > (notified.amountFen ?? 0);
  return WEIGHT[decided.kind] >= WEIGHT[notified.kind];
}

/** Art. 58 (and art. 57's serious cases): heavy kinds, or a fine at or above the local threshold. */
export function isMajor(penalty: Penalty, rules: Pick<PenaltyRules, 'majorFineFen'>): boolean {
  return HEAVY_KINDS.includes(penalty.kind) || (penalty.amountFen ?? 0) >= rules.majorFineFen;
}

/** Art. 63: heavy kinds, or a fine at or above "较大数额" for this kind of subject. */
export function carriesHearingRight(penalty: Penalty, rules: Pick<PenaltyRules, 'hearingFineIndividualFen' | 'hearingFineOrganisationFen'>, subject: 'individual' | 'organisation'): boolean {
  const threshold = subject === 'organisation' ? rules.hearingFineOrganisationFen : rules.hearingFineIndividualFen;
  return HEAVY_KINDS.includes(penalty.kind) || (penalty.amountFen ?? 0) >= threshold;
}
