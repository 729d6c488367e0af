// Helpers for commitment-licensing scenarios: a stack whose enforcement platform the test controls (injected into
// the activities, as the worker does in production), and applications started over the API.
import request from 'supertest';
import { Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { createApp } from '../../api/app';
import { createActivities } from '../../activities';
import { LogNotifier } from '../../activities/notifier';
import type { EnforcementPlatform } from '../../activities/enforcement-platform';
import { tasks } from '../../db/schema';
import { DEMO_PASSWORD } from '../../db/demo-org';
import { startTimeSkipping } from '../../runtime/temporal';
import { TASK_QUEUE } from '../../workflows/lib/messages';
import { createTestDatabase } from './test-database';
import { BUNDLE_PATH } from './paths';
import { waitFor, type TestStack } from './test-stack';

/** The test stack of test-stack.ts, with the enforcement platform given by the test. */
export async function createLicensingStack(enforcement: EnforcementPlatform): Promise<TestStack> {
  const [temporal, database] = await Promise.all([startTimeSkipping(), createTestDatabase()]);
  const notifier = new LogNotifier();
  const worker = await Worker.create({
    connection: temporal.nativeConnection, namespace: temporal.namespace, taskQueue: TASK_QUEUE,
    workflowBundle: { codePath: BUNDLE_PATH },
    activities: createActivities({ db: database.db, notifier, enforcement }),
  });
  const workerRun = worker.run();
  const app = createApp({
    db: database.db, temporal: temporal.client, clock: temporal.clock, simulation: temporal.simulation,
    jwtSecret: 'test-secret-test-secret-test-secret-00', log: () => undefined,
    ping: { db: () => database.ping(), temporal: () => temporal.ping() },
  });
  const tokens = new Map<string, string>();
  return {
    app, database, temporal, notifier,
    async login(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await request(app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(username, `Bearer ${res.body.token}`);
      return tokens.get(username)!;
    },
    async advance(ms) {
      await temporal.simulation!.advance(ms);
    },
    openTask(instanceId, stepId) {
      return waitFor(async () => {
        const [row] = await database.db.select().from(tasks)
          .where(and(eq(tasks.instanceId, instanceId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));
        return row;
      }, `an open ${stepId} task on ${instanceId}`);
    },
    async close() {
      worker.shutdown();
      await workerRun;
      await temporal.close();
      await database.close();
    },
  };
}

let codes = 0;
/** A fresh unified social credit code per applicant, so credit records of one scenario do not leak into another. */
export function newCreditCode(): string {
  codes++;
  return `91330106MA${String(codes).padStart(8, '0')}`;
}

export function application(overrides: Record<string, unknown> = {}) {
  return { applicant: { name: '东湖便利店', creditCode: newCreditCode() }, itemCode: 'food-business', route: 'commitment', ...overrides };
}

export async function apply(stack: TestStack, input: Record<string, unknown>, as = 'applicant') {
  return request(stack.app).post('/api/processes/commitment-licensing/instances').set('authorization', await stack.login(as)).send({ input });
}

export async function startApplication(stack: TestStack, input: Record<string, unknown>, as = 'applicant'): Promise<string> {
  const res = await apply(stack, input, as);
  if (res.status !== 201) throw new Error(`apply failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.instanceId as string;
}

/** Moves the clock to just after the open task's deadline (plus `extraMs`). */
export async function passDeadline(stack: TestStack, task: { dueAt: Date }, extraMs = 60_000): Promise<void> {
  await stack.advance(task.dueAt.getTime() - (await stack.temporal.clock.now()).getTime() + extraMs);
}
