// Every workflow the worker registers.
export { whistleEscalation } from './whistle-escalation';
export { inspectionPenalty } from './inspection-penalty';
export { auditCheckpoints } from './audit-checkpoints';
