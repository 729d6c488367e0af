// Helpers for commitment-licensing scenarios: a stack whose enforcement platform the test controls (injected into
// the activities, as the worker does in production), and applications started over the API.
import request from 'supertest';
import type { EnforcementPlatform } from '../../activities/enforcement-platform';
import { toShanghaiIso } from '../../domain/calendar/deadline';
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

/**
 * Moves the clock forward to a Shanghai wall-clock time ('2030-11-14T10:00'), for scenarios whose dates are worked out
 * by hand. The time-skipping server starts at the real time and never goes back, so such a scenario needs a date
 * still ahead of the machine's clock.
 */
export async function moveClockTo(stack: TestStack, shanghai: string): Promise<Date> {
  const target = new Date(`${shanghai}+08:00`);
  const now = await stack.temporal.clock.now();
  if (target <= now) throw new Error(`the scenario date ${shanghai} is already past (${now.toISOString()}): work its dates out again for a later year`);
  await stack.advance(target.getTime() - now.getTime());
  return target;
}

/** The instant as a Shanghai wall-clock minute, 'YYYY-MM-DDTHH:MM', the way the law's dates are worked out. */
export const shanghaiMinute = (instant: Date | string) => toShanghaiIso(new Date(instant)).slice(0, 16);
