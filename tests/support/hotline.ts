// Helpers for hotline-order scenarios: a call as the 12345 centre takes it, and the order's case file.
import request from 'supertest';
import type { TestStack } from './test-stack';
import { audit, instance } from './whistle';

export function call(overrides: Record<string, unknown> = {}) {
  return {
    caller: { name: '周女士', phone: '13800000000' }, content: '小区门口餐馆油烟扰民', kind: 'complaint', category: 'urban-management',
    location: '东湖路12号', ...overrides,
  };
}

export async function startOrder(stack: TestStack, input: Record<string, unknown>): Promise<string> {
  const res = await request(stack.app).post('/api/processes/hotline-order/instances')
    .set('authorization', await stack.login('hotline_operator')).send({ input });
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.instanceId as string;
}

export interface DispatchFacts { seq: number; unitId: string; dispatchedAt: string; contactDueAt: string; contactedAt: string | null; contactedInTime: boolean | null; objection: string | null; ruling: string | null }

export async function facts(stack: TestStack, instanceId: string, as = 'auditor') {
  return (await instance(stack, instanceId, as)).facts as {
    unitId: string | null; linkedCaseId: string | null; handleDueAt: string | null; extensions: number; reopened: boolean;
    resolved: boolean | null; satisfaction: string | null; answeredAt: string | null; dispatches: DispatchFacts[];
  };
}

/** What a task was opened with (its context is recorded on the audit trail's `open` event). */
export async function openedWith(stack: TestStack, instanceId: string, taskId: string): Promise<Record<string, unknown>> {
  const events = await audit(stack, instanceId);
  return events.find((e) => e.action === 'open' && e.data.taskId === taskId)?.data ?? {};
}
