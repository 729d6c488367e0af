// Activities are factories over injected dependencies, so the worker, tests and benchmarks wire their own.
import type { Db } from '../db/client';
import { instanceActivities } from './instances';
import type { Notifier } from './notifier';
import { taskActivities } from './tasks';
import { stepActivities } from './steps';
import { checkpointActivities } from './checkpoints';
import type { CheckpointWriter } from '../audit/checkpoint-writer';
import { DbCreditRegistry, type CreditRegistry } from './credit-registry';
import { InProcessEnforcementPlatform, type EnforcementPlatform } from './enforcement-platform';
import { licensingActivities } from './licensing';
import { randomInspectionActivities } from './random-inspection';
import { InProcessResultPublisher, type ResultPublisher } from './result-publisher';
import { hotlineActivities } from './hotline';

export interface ActivityDeps {
  db: Db;
  notifier: Notifier;
  /** Signs audit checkpoints; without it the periodic loop's activity does nothing. */
  checkpoints?: CheckpointWriter;
  /** The credit registry; defaults to the database adapter. */
  creditRegistry?: CreditRegistry;
  /** The enforcement platform; defaults to the in-process adapter that acknowledges at once. */
  enforcement?: EnforcementPlatform;
  /** The outside publicity system random-inspection results go to; defaults to the in-process adapter. */
  publisher?: ResultPublisher;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...instanceActivities(deps.db),
    ...taskActivities(deps.db, deps.notifier),
    ...stepActivities(deps.db, deps.notifier),
    ...checkpointActivities(deps.checkpoints),
    ...licensingActivities(deps.db, deps.creditRegistry ?? new DbCreditRegistry(deps.db), deps.enforcement ?? new InProcessEnforcementPlatform(), deps.notifier),
    ...randomInspectionActivities(deps.db, deps.publisher ?? new InProcessResultPublisher()),
    ...hotlineActivities(deps.db, deps.notifier),
  };
}

export type Activities = ReturnType<typeof createActivities>;
