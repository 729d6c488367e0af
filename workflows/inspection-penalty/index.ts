// The inspection–penalty separation process (查处分离).
export { inspectionPenalty } from './workflow';
export type { PenaltyArgs, PenaltyOutcome } from './types';
