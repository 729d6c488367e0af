// Shapes shared by the whistle-escalation workflow's parts: its arguments, routing, handlers and assessment.
import type { WhistleInput } from '../../domain/processes/whistle-escalation';
import type { TimeLimit } from '../../domain/time-limit';
import type { AssessmentRecord } from '../../domain/instance-records';
import type { InstanceContext } from '../lib/instance';
import type { TaskDecision } from '../lib/human-task';

export interface WhistleRouting {
  gridId: string;
  communityId: string;
  streetId: string;
  districtId: string;
}

/** Limits per step id, plus `acknowledge` for the department's report-in, fixed at start from diagram and catalog. */
export type WhistleLimits = Partial<Record<string, TimeLimit>>;

export type Level = AssessmentRecord['levelReached'];
export type WhistleAssessment = Omit<AssessmentRecord, 'streetId' | 'communityId'>;

/** Who handles the case now: the community, departments dispatched by the street, or the district leader. */
export type Handler = { level: 'community' } | { level: 'street'; departments: string[]; lead: string } | { level: 'district' };

/** Where a continued run picks up: the handler whose work the last field check or follow-up sent back. */
export interface WhistleResume {
  handler: Handler;
  assessment: WhistleAssessment;
}

export interface WhistleArgs {
  ctx: InstanceContext;
  input: WhistleInput;
  routing: WhistleRouting;
  limits: WhistleLimits;
  /** History length after which a rework cycle continues as a new run (Temporal also suggests it). */
  historyLimit?: number;
  resume?: WhistleResume;
}

export interface WhistleOutcome {
  status: 'closed' | 'rejected';
  assessment: WhistleAssessment;
}

export type Decider = (stepId: string, orgUnitId: string, context?: Record<string, unknown>) => Promise<TaskDecision>;

/** Everything the handling parts need about the running case. */
export interface Case {
  ctx: InstanceContext;
  routing: WhistleRouting;
  limits: WhistleLimits;
  assessment: WhistleAssessment;
  decide: Decider;
  noteTime(unit: string, onTime: boolean): void;
}
