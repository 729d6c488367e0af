// Helpers for double-random scenarios: valid credit codes, a subjects registry imported through the API, extra
// street officers (the demo street has two), and starting and approving a plan.
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { creditCodeCheckChar } from '../../domain/identifiers';
import { RandomStep } from '../../domain/processes/random-inspection';
import type { TestStack } from './test-stack';
import { complete } from './whistle';

/** A valid unified social credit code: 91 (enterprise), division 320100, subject code MA + 7 digits, check char. */
export function creditCode(n: number): string {
  const first17 = `91320100MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

export function subjectsCsv(rows: Array<{ n: number; name: string; grid: string; grade?: string }>): string {
  return ['creditCode,name,address,gridCode,creditGrade', ...rows.map((r) => `${creditCode(r.n)},${r.name},东湖路${r.n}号,${r.grid},${r.grade ?? 'B'}`)].join('\n');
}

export async function importSubjects(stack: TestStack, csv: string, dryRun = false) {
  return request(stack.app).post(`/api/registries/subjects/import${dryRun ? '?dryRun=true' : ''}`)
    .set('authorization', await stack.login('admin')).set('content-type', 'text/csv').send(csv);
}

/** Adds enforcement officers to a street (same demo password), returning their ids by username. */
export async function addOfficers(stack: TestStack, street: string, usernames: string[]): Promise<Record<string, string>> {
  const [model] = await stack.database.db.select().from(users).where(eq(users.username, 'enforcement_officer'));
  const ids: Record<string, string> = {};
  for (const username of usernames) {
    const id = `user-${username}`;
    await stack.database.db.insert(users).values({ id, username, name: `${username}执法`, passwordHash: model.passwordHash, roles: ['enforcement_officer'], orgUnitId: street }).onConflictDoNothing();
    ids[username] = id;
  }
  return ids;
}

export async function startPlan(stack: TestStack, input: Record<string, unknown>, as = 'platform_operator') {
  return request(stack.app).post('/api/processes/random-inspection/instances').set('authorization', await stack.login(as)).send({ input });
}

/** Starts a plan of street A, has the street's head approve it, and returns the plan's id once it is drawn. */
export async function approvedPlan(stack: TestStack, input: Record<string, unknown>): Promise<string> {
  const res = await startPlan(stack, { title: '2026年第三季度占道经营双随机抽查', matterCodes: ['urban-vending'], departmentIds: ['street-a'], sample: { count: 2 }, inspectorsPerSubject: 2, ...input });
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
  await complete(stack, res.body.instanceId, RandomStep.ApprovePlan, 'street_head', 'approve');
  return res.body.instanceId as string;
}

export async function drawOf(stack: TestStack, instanceId: string, as = 'auditor') {
  return request(stack.app).get(`/api/instances/${instanceId}/draw`).set('authorization', await stack.login(as));
}
