// Every workflow the worker registers.
export { whistleEscalation } from './whistle-escalation';
export { commitmentLicensing } from './commitment-licensing';
export { inspectionPenalty } from './inspection-penalty';
export { randomInspection } from './random-inspection';
export { auditCheckpoints } from './audit-checkpoints';
