// Shapes of the commitment-licensing workflow: its arguments (item terms and limits fixed at start) and outcome.
import type { ReapplicationBar, YearPeriod } from '../../domain/licensing/reapplication-bar';
import type { LicensingInput } from '../../domain/processes/commitment-licensing';
import type { TimeLimit } from '../../domain/time-limit';
import type { InstanceContext } from '../lib/instance';

/** The licence-item catalog entry as it stood at start: later catalog edits never change a running case. */
export interface LicenceItemTerms {
  code: string;
  name: string;
  commitmentAllowed: boolean;
  noticeVersion: string | null;
  verificationMethod: 'written' | 'online' | 'onSite';
  missingMaterialAllowed: boolean;
  safetyRelated: boolean;
}

/**
 * Limits per step id (diagram, then catalog), plus the on-the-spot decision limit, the statutory extension (art. 42)
 * and the bar on a new application after a false-commitment revocation of a safety-related item (art. 79).
 */
export interface LicensingLimits {
  steps: Partial<Record<string, TimeLimit>>;
  onSpot: TimeLimit;
  extension: TimeLimit;
  reapplicationBar: YearPeriod;
  /**
   * The latest filing deadline a 容缺 acceptance may set, counted from the acceptance: the item's
   * `missingMaterialLimit`, else the diagram's Task_FileMissing limit. Absent in cases started before it existed.
   */
  missingMaterial?: TimeLimit;
}

export interface LicensingArgs {
  ctx: InstanceContext;
  input: LicensingInput;
  /** The street that handles the application: the starting user's street. */
  streetId: string;
  item: LicenceItemTerms;
  limits: LicensingLimits;
}

export type Route = 'commitment' | 'normal';

/** Why a commitment application went the normal route. */
export type RouteReason = 'itemExcluded' | 'badCredit' | 'pastFalseCommitment' | 'withdrawn' | 'notSigned';

/** The art. 42 extension as granted: asked by the approver with a reason, approved by the agency head, told to the applicant. */
export interface ExtensionGrant {
  reason: string;
  requestedBy: string;
  approvedBy: string;
  approvedAt: string;
}

/**
 * When the decision fell: within the limit, within an approved extension (normal route), or late. The limit runs
 * from acceptance, which is the receipt itself when the application was deemed accepted (art. 32).
 */
export interface DecisionTiming {
  decidedAt: string;
  countedFrom: string;
  dueAt: string;
  extendedDueAt: string | null;
  extension: ExtensionGrant | null;
  within: 'limit' | 'extension' | 'late';
}

/** Acceptance (受理): by the window clerk, or deemed on receipt when neither acceptance nor a one-time notice came in time (art. 32). */
export interface Acceptance {
  receivedAt: string;
  acceptedAt: string;
  deemed: boolean;
  oneTimeNotice: boolean;
}

export interface LicensingOutcome {
  status: 'closed' | 'rejected' | 'revoked' | 'cancelled';
  route: Route;
  routeReason: RouteReason | null;
  licenceNo: string | null;
  acceptance: Acceptance | null;
  decision: DecisionTiming | null;
  verification: 'matched' | 'notCorrected' | null;
  revocationReason: string | null;
  /** An application refused outright: the art. 79 bar after a false-commitment revocation. */
  refusal: ReapplicationBar | null;
}
