// Helpers for commitment-licensing scenarios: a stack whose enforcement platform the test controls (injected into
// the activities, as the worker does in production), and applications started over the API.
import request from 'supertest';
import type { EnforcementPlatform } from '../../activities/enforcement-platform';
import { creditCodeCheckChar } from '../../domain/identifiers';
import { createTestStack, type TestStack } from './test-stack';

/** The test stack with the enforcement platform given by the test. */
export function createLicensingStack(enforcement: EnforcementPlatform): Promise<TestStack> {
  return createTestStack({ enforcement });
}

let codes = 0;
/**
 * A fresh, valid unified social credit code per applicant (its GB 32100 check character computed by the shared
 * module, whose own tests check it against hand-worked examples), so credit records of one scenario do not leak
 * into another.
 */
export function newCreditCode(): string {
  codes++;
  const first17 = `91330106MA${String(codes).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
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
