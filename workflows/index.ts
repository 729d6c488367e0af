// Every workflow the worker registers. A process's modules are loaded on its workflow's first call, so each
// workflow's sandbox evaluates only the process it runs, not all of them (bench/worker-memory.ts); the bundle keeps
// them in one chunk (worker/create-worker.ts), and the import resolves deterministically on a microtask.
import type { LicensingArgs, LicensingOutcome } from './commitment-licensing';
import type { HotlineArgs, HotlineOutcome } from './hotline-order';
import type { PenaltyArgs, PenaltyOutcome } from './inspection-penalty';
import type { RandomArgs, RandomOutcome } from './random-inspection';
import type { WhistleArgs, WhistleOutcome } from './whistle-escalation';

export { auditCheckpoints } from './audit-checkpoints';

export async function whistleEscalation(args: WhistleArgs): Promise<WhistleOutcome> {
  return (await import('./whistle-escalation/index.js')).whistleEscalation(args);
}

export async function commitmentLicensing(args: LicensingArgs): Promise<LicensingOutcome> {
  return (await import('./commitment-licensing/index.js')).commitmentLicensing(args);
}

export async function inspectionPenalty(args: PenaltyArgs): Promise<PenaltyOutcome> {
  return (await import('./inspection-penalty/index.js')).inspectionPenalty(args);
}

export async function randomInspection(args: RandomArgs): Promise<RandomOutcome> {
  return (await import('./random-inspection/index.js')).randomInspection(args);
}

export async function hotlineOrder(args: HotlineArgs): Promise<HotlineOutcome> {
  return (await import('./hotline-order/index.js')).hotlineOrder(args);
}
