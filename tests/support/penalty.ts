// Helpers for inspection–penalty scenarios: user ids, starting an inspection, and moving a case to investigation.
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { PenaltyStep } from '../../domain/processes/inspection-penalty';
import type { TestStack } from './test-stack';
import { complete } from './whistle';

export async function userId(stack: TestStack, username: string): Promise<string> {
  const [row] = await stack.database.db.select().from(users).where(eq(users.username, username));
  return row.id;
}

export async function inspectionInput(stack: TestStack, overrides: Record<string, unknown> = {}) {
  return {
    subject: { name: '张三烧烤店', address: '东湖路18号' },
    matter: 'urban-vending',
    inspectors: [await userId(stack, 'enforcement_officer'), await userId(stack, 'enforcement_officer2')],
    origin: 'patrol',
    ...overrides,
  };
}

export async function startInspection(stack: TestStack, overrides: Record<string, unknown> = {}, as = 'enforcement_officer'): Promise<string> {
  const res = await request(stack.app).post('/api/processes/inspection-penalty/instances')
    .set('authorization', await stack.login(as)).send({ input: await inspectionInput(stack, overrides) });
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.instanceId as string;
}

/** The Shanghai day Temporal's clock shows now. */
export async function today(stack: TestStack): Promise<string> {
  return new Date((await stack.temporal.clock.now()).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Inspection → transfer → routed to the urban management bureau, with its registration task open. */
export async function routed(stack: TestStack, overrides: Record<string, unknown> = {}, as = 'enforcement_officer'): Promise<string> {
  const id = await startInspection(stack, overrides, as);
  await complete(stack, id, PenaltyStep.Inspect, as, 'transfer', { matterCode: 'urban-vending', evidence: ['现场照片1.jpg', '询问笔录.pdf'] });
  await complete(stack, id, PenaltyStep.Route, 'platform_operator', 'route', { departmentId: 'dept-urban' });
  return id;
}

/** …then registered by its two case officers (the offence committed on the day of the inspection unless given), its investigation open. */
export async function registered(stack: TestStack, overrides: Record<string, unknown> = {}, as = 'enforcement_officer', officers = ['case_officer', 'case_officer2'], offence?: Record<string, unknown>): Promise<string> {
  const id = await routed(stack, overrides, as);
  await complete(stack, id, PenaltyStep.Register, 'case_officer', 'register', {
    caseOfficers: [await userId(stack, officers[0]), await userId(stack, officers[1])], offence: offence ?? { date: await today(stack) },
  });
  // The case clock is recorded before the investigation opens: once it is open, the case reads as registered.
  await stack.openTask(id, PenaltyStep.Investigate);
  return id;
}

export const fine = (amountFen: number) => ({ kind: 'fine', amountFen });
