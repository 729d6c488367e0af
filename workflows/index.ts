// Every process workflow the worker registers.
export { whistleEscalation } from './whistle-escalation';
