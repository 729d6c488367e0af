// The embedded stack as `npm start` runs it — Temporal dev server persisted to a folder, PGlite, worker, API — is
// stopped and started again: the running case carries on, its audit is intact, and it stays readable after
// Temporal has deleted its history.
import request from 'supertest';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../runtime/config';
import { startParts, type RunningParts } from '../../runtime/stack';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { waitFor } from '../support/test-stack';
import { checkpointIntact } from '../../audit/checkpoint';
import { gridReport } from '../support/whistle';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-embedded-'));
let running: RunningParts | undefined;
afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a case survives a restart of the embedded stack and outlives its Temporal history', async () => {
  const env = {
    SHANZHI_DATA_DIR: dataDir, PORT: '0', TEMPORAL_PORT: String(await freePort()), TEMPORAL_UI_PORT: String(await freePort()),
  };
  const config = loadConfig(env, []);
  const start = async () => startParts(config, { worker: true, api: true }, () => undefined);
  const api = () => `http://127.0.0.1:${(running!.server!.address() as { port: number }).port}`;
  const login = async (username: string) => `Bearer ${(await request(api()).post('/api/auth/login').send({ username, password: 'demo123' })).body.token}`;
  const openTask = (id: string, stepId: string, as: string) => waitFor(async () => {
    const res = await request(api()).get(`/api/tasks?scope=available`).set('authorization', await login(as));
    return res.body.items.find((t: { instanceId: string; stepId: string }) => t.instanceId === id && t.stepId === stepId);
  }, `${stepId} in the inbox of ${as}`);

  running = await start();
  expect((await request(api()).get('/api/health')).body).toMatchObject({ status: 'ok', simulation: false });
  const started = await request(api()).post('/api/processes/whistle-escalation/instances').set('authorization', await login('grid_worker')).send({ input: gridReport() });
  expect(started.status).toBe(201);
  const id = started.body.instanceId as string;
  const community = await openTask(id, WhistleStep.CommunityHandle, 'community_staff');
  expect(community.dueAt).toMatch(/T17:30:00\.000\+08:00$/);
  const resolved = await request(api()).post(`/api/tasks/${community.taskId}/actions`).set('authorization', await login('community_staff')).send({ action: 'resolve', data: { result: '已修复', photos: ['after.jpg'] } });
  expect(resolved.status).toBe(200);
  await running.stop();

  running = await start();
  const check = await openTask(id, WhistleStep.FieldCheck, 'grid_worker');
  expect((await request(api()).post(`/api/tasks/${check.taskId}/actions`).set('authorization', await login('grid_worker')).send({ action: 'pass', data: {} })).status).toBe(200);
  const close = await openTask(id, WhistleStep.Close, 'shift_chief');
  expect((await request(api()).post(`/api/tasks/${close.taskId}/actions`).set('authorization', await login('shift_chief')).send({ action: 'close', data: {} })).status).toBe(200);
  const auditor = await login('auditor');
  await waitFor(async () => (await request(api()).get(`/api/instances/${id}`).set('authorization', auditor)).body.status === 'closed', 'the case to close');

  await running.temporal.client.workflowService.deleteWorkflowExecution({ namespace: running.temporal.namespace, workflowExecution: { workflowId: id } });
  await waitFor(async () => running!.temporal.client.workflow.getHandle(id).describe().then(() => false, () => true), 'Temporal to forget the case', 120_000);
  const events = (await request(api()).get(`/api/instances/${id}/audit`).set('authorization', auditor)).body.events as Array<{ stepId: string; action: string }>;
  expect(events.filter((e) => e.action === 'open').map((e) => e.stepId)).toEqual([WhistleStep.CommunityHandle, WhistleStep.FieldCheck, WhistleStep.Close]);
  // Within the debounce a checkpoint covers the whole closed case, and the verification says so.
  const verified = await waitFor(async () => {
    const body = (await request(api()).get(`/api/instances/${id}/audit/verify`).set('authorization', auditor)).body;
    return body.ok && body.verifiedUpTo && body.eventsAfterCheckpoint === 0 ? body : undefined;
  }, 'a checkpoint covering the closed case');
  expect(verified.verifiedUpTo.events).toBe(events.length);
  // Checkpoints were archived at each start and kept signing across the restart.
  const publicKey = readFileSync(join(dataDir, 'keys', 'checkpoint-ed25519.pem.pub'), 'utf8');
  const files = readdirSync(join(dataDir, 'checkpoints'));
  expect(files.filter((f) => /^checkpoint-\d{4}-/.test(f)).length).toBeGreaterThanOrEqual(2);
  for (const file of files) {
    const checkpoint = JSON.parse(readFileSync(join(dataDir, 'checkpoints', file), 'utf8'));
    expect(checkpointIntact(checkpoint, publicKey)).toEqual({ signature: true, root: true });
  }
}, 240_000);
