// Shapes shared by the double-random workflow's parts: everything is fixed at the plan's start.
import type { RandomInput } from '../../domain/processes/random-inspection';
import type { CreditWeights } from '../../domain/random-inspection/weights';
import type { PenaltyRules } from '../../domain/penalty/rules';
import type { TimeLimit } from '../../domain/time-limit';
import type { InstanceContext } from '../lib/instance';

export interface RandomArgs {
  ctx: InstanceContext;
  input: RandomInput;
  /** Where the plan's approval task opens: the first department taking part, or the first street. */
  approvalUnitId: string;
  /** Limits per step id from the diagram; `Service_Publish` holds the publication period. */
  limits: Partial<Record<string, TimeLimit>>;
  /** The grids whose subjects may be drawn, each with its street (where the inspection task opens). */
  grids: Record<string, string>;
  /** The units whose enforcement officers may be drawn. */
  inspectorUnitIds: string[];
  weights: CreditWeights;
  /** Names of the plan's matters, by code (what the public page shows). */
  matters: Record<string, string>;
  /** What a linked inspection–penalty case is started with. */
  penalty: {
    processVersion: number;
    districtId: string;
    limits: Partial<Record<string, TimeLimit>>;
    rules: PenaltyRules;
    matterFlags: Record<string, { lifeHealthOrFinancialSafety: boolean }>;
  };
}

export interface SubjectOutcome {
  creditCode: string;
  outcome: 'compliant' | 'problem' | 'notFound';
  penaltyInstanceId: string | null;
  publishedOnTime: boolean;
}

export interface RandomOutcome {
  status: 'closed' | 'rejected';
  drawn: number;
  results: SubjectOutcome[];
}
