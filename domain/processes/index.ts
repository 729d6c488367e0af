// Every process the system runs, by key.
import type { ProcessContract, StepContract } from '../process-contract';
import { whistleContract } from './whistle-escalation';
import { licensingContract } from './commitment-licensing';
import { penaltyContract } from './inspection-penalty';
import { randomContract } from './random-inspection';
import { hotlineContract } from './hotline-order';

export const PROCESS_CONTRACTS: Record<string, ProcessContract<never>> = {
  [whistleContract.key]: whistleContract as ProcessContract<never>,
  [licensingContract.key]: licensingContract as ProcessContract<never>,
  [penaltyContract.key]: penaltyContract as ProcessContract<never>,
  [randomContract.key]: randomContract as ProcessContract<never>,
  [hotlineContract.key]: hotlineContract as ProcessContract<never>,
};

/** A step of a process, by keys that may come from a request or a row (never read from Object.prototype). */
export function stepOf(processKey: string, stepId: string): StepContract | undefined {
  const steps = contractOf(processKey)?.steps;
  return steps && Object.hasOwn(steps, stepId) ? steps[stepId] : undefined;
}

/** The contract of a process key; a key from a request such as `constructor` never reads Object.prototype. */
export function contractOf(key: string): ProcessContract<unknown> | undefined {
  return Object.hasOwn(PROCESS_CONTRACTS, key) ? PROCESS_CONTRACTS[key] as ProcessContract<unknown> : undefined;
}
