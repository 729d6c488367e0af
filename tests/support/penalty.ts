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

/** Inspection → transfer → routed to the urban management bureau → registered by its two case officers. */
export async function registered(stack: TestStack, overrides: Record<string, unknown> = {}, as = 'enforcement_officer', officers = ['case_officer', 'case_officer2']): Promise<string> {
  const id = await startInspection(stack, overrides, as);
  await complete(stack, id, PenaltyStep.Inspect, as, 'transfer', { matterCode: 'urban-vending', evidence: ['现场照片1.jpg', '询问笔录.pdf'] });
  await complete(stack, id, PenaltyStep.Route, 'platform_operator', 'route', { departmentId: 'dept-urban' });
  await complete(stack, id, PenaltyStep.Register, 'case_officer', 'register', { caseOfficers: [await userId(stack, officers[0]), await userId(stack, officers[1])] });
  return id;
}

export const fine = (amountFen: number) => ({ kind: 'fine', amountFen });
