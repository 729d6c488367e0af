// A first `npm start` on an empty demo database opens a few cases in every process, through the API as the demo
// users would, so the inbox, the dashboards and the case pages show work at once instead of empty states. They
// are ordinary cases (validated, audited, with their deadlines running); production never gets them.
import { count, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { DEMO_PASSWORD, DEMO_PORTAL_SUBJECTS } from '../db/demo-org';
import { instances, users } from '../db/schema';

interface DemoCase {
  /** What the log line calls it. */
  label: string;
  processKey: string;
  as: string;
  input: (ids: Record<string, string>) => Record<string, unknown>;
}

const applicant = DEMO_PORTAL_SUBJECTS.find((s) => s.username === 'applicant')!;

/** One case in each process a clerk meets first (a double-random plan needs a registry and officers chosen by the street). */
export const DEMO_CASES: DemoCase[] = [
  {
    label: '网格上报：人行道地砖松动', processKey: 'whistle-escalation', as: 'grid_worker',
    input: () => ({ source: 'grid', category: 'road-damage', gridCode: 'G-A1-01', location: '东湖路12号', description: '人行道地砖松动，老人易绊倒' }),
  },
  {
    label: '网格上报：井盖缺失', processKey: 'whistle-escalation', as: 'grid_worker',
    input: () => ({ source: 'grid', category: 'road-damage', gridCode: 'G-A1-01', location: '东湖路与园区路口', description: '雨水井盖缺失，已临时围挡' }),
  },
  {
    label: '12345 工单：餐馆油烟扰民', processKey: 'hotline-order', as: 'hotline_operator',
    input: () => ({
      caller: { name: '周女士', phone: '13800000000' }, content: '小区门口餐馆油烟扰民，晚上尤其严重', kind: 'complaint', category: 'urban-management',
      location: '东湖路12号',
    }),
  },
  {
    label: `告知承诺制申请：${applicant.name}`, processKey: 'commitment-licensing', as: 'applicant',
    input: () => ({ applicant: { name: applicant.name, creditCode: applicant.creditCode }, itemCode: 'food-business', route: 'commitment' }),
  },
  {
    label: '巡查：占道经营', processKey: 'inspection-penalty', as: 'enforcement_officer',
    input: (ids) => ({
      subject: { name: '张三烧烤店', address: '东湖路18号' }, matter: 'urban-vending', origin: 'patrol',
      inspectors: [ids.enforcement_officer, ids.enforcement_officer2],
    }),
  },
];

export interface DemoCasesResult {
  started: Array<{ label: string; processKey: string; instanceId: string }>;
  failed: string[];
}

/**
 * Starts the demo cases over the API at `baseUrl` when no case exists yet; a database that has any case is left as
 * it is (a restart, or a district that began its own work). A case the API refuses is reported and skipped: the
 * demo is a convenience and never stops the system from starting.
 */
export async function seedDemoCases(db: Db, baseUrl: string, cases: DemoCase[] = DEMO_CASES): Promise<DemoCasesResult> {
  const [{ n }] = await db.select({ n: count() }).from(instances);
  if (n > 0) return { started: [], failed: [] };
  const people = await db.select({ id: users.id, username: users.username }).from(users)
    .where(inArray(users.username, ['enforcement_officer', 'enforcement_officer2']));
  const ids = Object.fromEntries(people.map((u) => [u.username, u.id]));
  const tokens = new Map<string, string>();
  const result: DemoCasesResult = { started: [], failed: [] };
  for (const demo of cases) {
    try {
      const token = tokens.get(demo.as) ?? await login(baseUrl, demo.as);
      tokens.set(demo.as, token);
      const res = await post(baseUrl, `/api/processes/${demo.processKey}/instances`, { input: demo.input(ids) }, token);
      if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      result.started.push({ label: demo.label, processKey: demo.processKey, instanceId: (res.body as { instanceId: string }).instanceId });
    } catch (error) {
      result.failed.push(`${demo.label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}

async function login(baseUrl: string, username: string): Promise<string> {
  const res = await post(baseUrl, '/api/auth/login', { username, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status}`);
  return (res.body as { token: string }).token;
}

async function post(baseUrl: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}
