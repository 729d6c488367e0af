// Activities are factories over injected dependencies, so the worker, tests and benchmarks wire their own.
import type { Db } from '../db/client';
import { instanceActivities } from './instances';
import type { Notifier } from './notifier';
import { taskActivities } from './tasks';
import { checkpointActivities, type CheckpointConfig } from './checkpoints';

export interface ActivityDeps {
  db: Db;
  notifier: Notifier;
  checkpoints?: CheckpointConfig;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...instanceActivities(deps.db),
    ...taskActivities(deps.db, deps.notifier),
    ...checkpointActivities(deps.db, deps.checkpoints),
  };
}

export type Activities = ReturnType<typeof createActivities>;
