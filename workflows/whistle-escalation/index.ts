// The whistle-and-report escalation process (吹哨报到).
export { whistleEscalation } from './workflow';
export type { WhistleArgs, WhistleOutcome, WhistleRouting, WhistleAssessment } from './types';
