// Shapes shared by the inspection–penalty workflow's parts.
import type { Penalty, PenaltyInput } from '../../domain/processes/inspection-penalty';
import type { PenaltyRules } from '../../domain/penalty/rules';
import type { TimeLimit } from '../../domain/time-limit';
import type { HumanTaskSpec, TaskDecision } from '../lib/human-task';
import type { InstanceContext } from '../lib/instance';

export interface PenaltyRouting {
  streetId: string;
  districtId: string;
}

export interface PenaltyArgs {
  ctx: InstanceContext;
  input: PenaltyInput;
  routing: PenaltyRouting;
  /** Limits per step id, fixed at start from the diagram. */
  limits: Partial<Record<string, TimeLimit>>;
  /** Statutory and local numbers, fixed at start from the penalty-rules catalog. */
  rules: PenaltyRules;
  /** Flags of the case's matter in the `matters` catalog, fixed at start (absent on cases started before they existed). */
  matter?: { lifeHealthOrFinancialSafety: boolean };
}

export type PenaltyResult = 'compliant' | 'rectified' | 'simplePenalty' | 'penalized' | 'noPenalty' | 'referred';

export interface PenaltyOutcome {
  status: 'closed';
  result: PenaltyResult;
  penalty?: Penalty;
  departmentId?: string;
  paidFen?: number;
  surchargeFen?: number;
  courtEnforcement?: boolean;
  published?: boolean;
  /** Inspection resolved on the street side without a penalty case (counts as 自处置). */
  selfResolved: boolean;
}

/** Opens a supervised task of the process at a step in an org unit and waits for its decision. */
export type Decide = (stepId: string, orgUnitId: string, extra?: Partial<HumanTaskSpec>) => Promise<TaskDecision>;
