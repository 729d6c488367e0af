// The Shanzhi BPMN extension (shanzhi:role, shanzhi:timeLimit, shanzhi:timeUnit), the same descriptor the
// server reads, so the browser and the back end never disagree on the attribute names.
import shanzhi from '../../../domain/bpmn/shanzhi-moddle.json';

export const moddleExtensions = { shanzhi };

export { TIME_UNITS, MAX_AMOUNT } from '../../../domain/time-units';
