// The double-random inspection process (双随机、一公开).
export { randomInspection } from './workflow';
export type { RandomArgs, RandomOutcome } from './types';
