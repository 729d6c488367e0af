// Every workflow the worker registers.
export { whistleEscalation } from './whistle-escalation';
export { commitmentLicensing } from './commitment-licensing';
export { inspectionPenalty } from './inspection-penalty';
export { hotlineOrder } from './hotline-order';
export { auditCheckpoints } from './audit-checkpoints';
