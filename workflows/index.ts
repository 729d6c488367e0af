// Every workflow the worker registers.
export { whistleEscalation } from './whistle-escalation';
export { auditCheckpoints } from './audit-checkpoints';
