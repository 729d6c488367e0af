// Activity proxies for workflow code: every call has a timeout and an explicit retry policy.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { ErrorType } from '../../domain/errors';

/**
 * Projection and audit writes: idempotent, so they retry until the database answers. Each is a few queries, so
 * a short timeout: when a worker dies mid-write, Temporal hands the write to another worker after 10 s.
 */
export const records = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [ErrorType.Validation, ErrorType.NotFound],
  },
});

/** Notifications (SMS, app push) are best effort: a few attempts, then the process goes on. */
export const notifications = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', maximumAttempts: 3, nonRetryableErrorTypes: [ErrorType.Validation] },
});

/** Pushes to outside platforms (批管同步): retried until acknowledged, backing off to one attempt an hour. */
export const pushes = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/** One write of a human step, as the step's transaction takes it (see step-writes.ts). */
export type StepWrite = Parameters<Activities['recordStep']>[0]['writes'][number];

/**
 * A step's transaction, run as a local activity inside the workflow task that decided it: idempotent, so retried
 * until the database answers. A short timeout: a step is a few statements, and the workflow task waits for it.
 */
export const stepRecords = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [ErrorType.Validation, ErrorType.NotFound],
  },
});

/** The publicity system (一公开) is retried until it takes a result, backing off to once a day: its outages last days. */
export const publications = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 minute', backoffCoefficient: 2, maximumInterval: '1 day', nonRetryableErrorTypes: [ErrorType.Validation, ErrorType.NotFound] },
});
