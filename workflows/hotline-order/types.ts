// Shapes shared by the hotline-order workflow's parts: its arguments, the receiving unit, its outcome.
import type { HotlineInput } from '../../domain/processes/hotline-order';
import type { Satisfaction } from '../../domain/processes/steps/hotline-order';
export type { ReceivingUnit } from '../../domain/processes/steps/hotline-order';
import type { TimeLimit } from '../../domain/time-limit';
import type { InstanceContext } from '../lib/instance';

/** The order's own limits, fixed at intake from the hotline-limits catalog by kind, urgency and complexity (art. 13). */
export interface HotlineLimits {
  contact: TimeLimit;
  handle: TimeLimit;
  /** Limits of the centre's own steps, from the diagram version. */
  steps: Partial<Record<string, TimeLimit>>;
}

export interface HotlineArgs {
  ctx: InstanceContext;
  input: HotlineInput;
  /** The district whose 12345 centre took the call. */
  districtId: string;
  limits: HotlineLimits;
  /** The unit the dispatch catalog suggests (shown on the intake task), or null when only the area is known. */
  suggestedUnitId: string | null;
  /** The event category a street's linked whistle case is filed under. */
  eventCategory: string;
}

export interface HotlineOutcome {
  status: 'closed';
  answered: boolean;
  unitId: string | null;
  dispatches: number;
  /** Reported by the unit (or its linked case closed) before the limit ended. */
  handledInTime: boolean | null;
  reopened: boolean;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
  linkedCases: string[];
}
