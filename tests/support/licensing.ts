// Helpers for commitment-licensing scenarios: a stack whose enforcement platform the test controls (injected into
// the activities, as the worker does in production), and applications started over the API.
import request from 'supertest';
import type { EnforcementPlatform } from '../../activities/enforcement-platform';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { creditCodeCheckChar } from '../../domain/identifiers';
import { DEMO_PORTAL_SUBJECTS } from '../../db/demo-org';
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

/** The subjects the demo seed binds to the demo portal accounts (db/demo-org.ts). */
export const DEMO_SUBJECTS = Object.fromEntries(DEMO_PORTAL_SUBJECTS.map((s) => [s.username, s.creditCode])) as Record<'applicant' | 'applicant_b', string>;

/** A window clerk of the account's street binds a subject to a portal account, as after checking papers at the counter. */
export async function bindSubject(stack: TestStack, username: string, creditCode: string, idNumber?: string) {
  const clerk = username.endsWith('_b') ? 'window_clerk_b' : 'window_clerk';
  return request(stack.app).post('/api/licensing/portal-subjects').set('authorization', await stack.login(clerk)).send({
    username, subject: { name: '测试主体', creditCode, ...(idNumber ? { idNumber } : {}) },
    verification: { document: 'businessLicence', reference: '测试核验' },
  });
}

/**
 * Applies over the API. A portal applicant first has the application's subject bound to their account (as a clerk
 * would after checking papers), so scenarios keep their fresh credit codes; a refused binding (a malformed code the
 * scenario means to be refused) leaves the application to be refused on its own.
 */
export async function apply(stack: TestStack, input: Record<string, unknown>, as = 'applicant') {
  const applicant = input.applicant as { creditCode?: unknown; idNumber?: unknown } | undefined;
  if (/^applicant/.test(as) && typeof applicant?.creditCode === 'string') {
    await bindSubject(stack, as, applicant.creditCode, typeof applicant.idNumber === 'string' ? applicant.idNumber : undefined);
  }
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
