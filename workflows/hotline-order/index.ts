// The 12345 hotline work order (接诉即办).
export { hotlineOrder } from './workflow';
export type { HotlineArgs, HotlineLimits, HotlineOutcome } from './types';
