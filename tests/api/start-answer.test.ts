// A start answers with the tasks the case opened (`next`), asked of the workflow together with the start
// (Update-with-Start), so the starter acts on the first task without polling the inbox. Without a worker to answer,
// the start still succeeds within its deadline, without `next`, and the case is there.
import request from 'supertest';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { HotlineStep } from '../../domain/processes/steps/hotline-order';
import { createTestStack, type TestStack } from '../support/test-stack';
import { gridReport } from '../support/whistle';
import { call } from '../support/hotline';

jest.setTimeout(120_000);

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

const start = async (processKey: string, input: Record<string, unknown>, as: string) =>
  request(stack.app).post(`/api/processes/${processKey}/instances`).set('authorization', await stack.login(as)).send({ input });

test('a grid report is answered with the community task its first step opened, as the inbox row has it', async () => {
  const res = await start('whistle-escalation', gridReport(), 'grid_worker');
  expect(res.status).toBe(201);
  const task = await stack.openTask(res.body.instanceId, WhistleStep.CommunityHandle);
  expect(res.body).toEqual({
    instanceId: res.body.instanceId,
    next: [{ taskId: task.id, stepId: WhistleStep.CommunityHandle, name: task.name, role: 'community_staff', orgUnitId: task.orgUnitId, dueAt: task.dueAt.toISOString() }],
  });
  // The named task is the one to act on: the community resolves it straight from the answer.
  const acted = await request(stack.app).post(`/api/tasks/${res.body.next[0].taskId}/actions`).set('authorization', await stack.login('community_staff'))
    .send({ action: 'resolve', data: { result: '已修复', photos: ['after.jpg'] } });
  expect(acted.status).toBe(200);
});

test('a 12345 order, whose intake opens after activities of its own, is answered with the intake task', async () => {
  const res = await start('hotline-order', call(), 'hotline_operator');
  expect(res.status).toBe(201);
  const task = await stack.openTask(res.body.instanceId, HotlineStep.Intake);
  expect(res.body.next).toEqual([expect.objectContaining({ taskId: task.id, stepId: HotlineStep.Intake, orgUnitId: task.orgUnitId })]);
});

test('with no worker to answer, the start is still 201 within its deadline, without next, and the case is running', async () => {
  await stack.stopWorker();
  const res = await start('whistle-escalation', gridReport(), 'grid_worker');
  expect(res.status).toBe(201);
  expect(res.body.next).toEqual([]);
  const detail = await request(stack.app).get(`/api/instances/${res.body.instanceId}`).set('authorization', await stack.login('auditor'));
  expect(detail.status).toBe(200);
  expect(detail.body.status).toBe('running');
  expect((await stack.temporal.client.workflow.getHandle(res.body.instanceId).describe()).status.name).toBe('RUNNING');
});
