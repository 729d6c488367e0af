// The inspection–penalty separation process (查处分离).
export { inspectionPenalty } from './workflow';
export { caseClockQuery } from './messages';
export type { PenaltyArgs, PenaltyOutcome } from './types';
