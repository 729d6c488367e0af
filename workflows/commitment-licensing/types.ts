// Shapes of the commitment-licensing workflow: its arguments (item terms and limits fixed at start) and outcome.
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

/** Limits per step id (diagram, then catalog), plus the on-the-spot decision limit and the statutory extension. */
export interface LicensingLimits {
  steps: Partial<Record<string, TimeLimit>>;
  onSpot: TimeLimit;
  extension: TimeLimit;
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

/** When the decision fell: within the limit, within the statutory extension (normal route), or late. */
export interface DecisionTiming {
  decidedAt: string;
  dueAt: string;
  extendedDueAt: string | null;
  within: 'limit' | 'extension' | 'late';
}

export interface LicensingOutcome {
  status: 'closed' | 'rejected' | 'revoked' | 'cancelled';
  route: Route;
  routeReason: RouteReason | null;
  licenceNo: string | null;
  decision: DecisionTiming | null;
  verification: 'matched' | 'notCorrected' | null;
  revocationReason: string | null;
}
