// Helpers for whistle-escalation scenarios: start a case over the API and act on tasks as demo users.
import request from 'supertest';
import { waitFor, type TestStack } from './test-stack';

export const GRID = 'G-A1-01';

export function gridReport(overrides: Record<string, unknown> = {}) {
  return { category: 'road-damage', gridCode: GRID, location: '东湖路12号', description: '人行道地砖松动', source: 'grid', ...overrides };
}

export function hotlineOrder(overrides: Record<string, unknown> = {}) {
  return { ...gridReport({ source: 'hotline', category: 'hotline-general', description: '楼下餐馆油烟扰民' }), requester: { name: '周女士', phone: '13800000000' }, ...overrides };
}

export async function startCase(stack: TestStack, input: Record<string, unknown>, as = input.source === 'hotline' ? 'dispatcher' : 'grid_worker'): Promise<string> {
  const res = await request(stack.app).post('/api/processes/whistle-escalation/instances')
    .set('authorization', await stack.login(as)).send({ input });
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.instanceId as string;
}

export async function act(stack: TestStack, username: string, taskId: string, action: string, data: Record<string, unknown> = {}) {
  return request(stack.app).post(`/api/tasks/${taskId}/actions`).set('authorization', await stack.login(username)).send({ action, data });
}

/** Waits for the step's task and completes it, failing loudly if the API refuses. */
export async function complete(stack: TestStack, instanceId: string, stepId: string, username: string, action: string, data: Record<string, unknown> = {}) {
  const task = await stack.openTask(instanceId, stepId);
  const res = await act(stack, username, task.id, action, data);
  if (res.status !== 200) throw new Error(`${stepId}.${action} by ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return task;
}

export async function instance(stack: TestStack, instanceId: string, as = 'auditor') {
  const res = await request(stack.app).get(`/api/instances/${instanceId}`).set('authorization', await stack.login(as));
  return res.body;
}

export async function audit(stack: TestStack, instanceId: string, as = 'auditor') {
  const res = await request(stack.app).get(`/api/instances/${instanceId}/audit`).set('authorization', await stack.login(as));
  return res.body.events as Array<{ seq: number; stepId: string | null; action: string; actor: { id: string; role: string } | null; data: Record<string, unknown> }>;
}

export async function waitForStatus(stack: TestStack, instanceId: string, status: string) {
  return waitFor(async () => {
    const body = await instance(stack, instanceId);
    return body.status === status ? body : undefined;
  }, `instance ${instanceId} to be ${status}`);
}
