// An auditor's verification of one case over the API: it names the signed checkpoint it compared the chain with
// and how many newer events only the chain and the projections vouch for, and it catches what a bare hash chain
// cannot — a chain re-hashed after forging who acted, a chain whose newest events were cut off, a task whose
// events were removed.
import request from 'supertest';
import { and, eq, gt } from 'drizzle-orm';
import { auditEvents } from '../../db/schema';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { act, gridReport, startCase } from '../support/whistle';
import { asSuperuserBypassingTriggers, forgeActorAndRehash } from '../support/tamper';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack({ checkpoints: true }); });
afterAll(async () => { await stack?.close(); });

async function verify(instanceId: string) {
  const res = await request(stack.app).get(`/api/instances/${instanceId}/audit/verify`).set('authorization', await stack.login('auditor'));
  expect(res.status).toBe(200);
  return res.body;
}

/** A case whose community task is open, with both of its events covered by a checkpoint signed now. */
async function checkpointedCase() {
  const id = await startCase(stack, gridReport());
  const task = await stack.openTask(id, WhistleStep.CommunityHandle);
  const checkpoint = await stack.checkpoints!.writeFull(new Date());
  return { id, task, checkpoint };
}

test('the answer names the checkpoint it verified against, and a checkpoint follows new events within seconds', async () => {
  const { id, task, checkpoint } = await checkpointedCase();
  expect(await verify(id)).toEqual({
    ok: true, events: 2, firstBrokenSeq: null, hashAlgorithm: 'sha256', verifiedUpTo: { checkpointAt: checkpoint.createdAt, signatureAlgorithm: 'ed25519', events: 2 },
    eventsAfterCheckpoint: 0, breaks: [],
  });

  expect((await act(stack, 'community_staff', task.id, 'resolve', { result: '已修复', photos: ['after.jpg'] })).status).toBe(200);
  const after = await verify(id);
  expect(after.ok).toBe(true);
  expect(after.verifiedUpTo.events + after.eventsAfterCheckpoint).toBe(after.events);
  // No hourly wait: the writer signs the new events after its debounce.
  const caughtUp = await waitFor(async () => {
    const body = await verify(id);
    return body.eventsAfterCheckpoint === 0 && body.events > 2 ? body : undefined;
  }, 'a checkpoint covering the new events');
  expect(Date.parse(caughtUp.verifiedUpTo.checkpointAt)).toBeGreaterThan(Date.parse(checkpoint.createdAt));
});

test('a chain re-hashed after forging who acted links up, but the checkpoint shows it was rewritten', async () => {
  const { id } = await checkpointedCase();
  await forgeActorAndRehash(stack.database.db, id, 1, { id: 'u-someone-else', name: '张三', role: 'grid_worker', orgUnitId: 'grid-a1-01' });

  const body = await verify(id);
  expect(body.ok).toBe(false);
  expect(body.breaks).toEqual([expect.objectContaining({ kind: 'differsFromCheckpoint', seq: 2 })]);
  expect(body.verifiedUpTo).toMatchObject({ events: 2 });
});

test('a chain whose newest events were cut off is broken, against the checkpoint and the inbox', async () => {
  const { id, task } = await checkpointedCase();
  expect((await act(stack, 'community_staff', task.id, 'resolve', { result: '已修复', photos: ['after.jpg'] })).status).toBe(200);
  await stack.openTask(id, WhistleStep.FieldCheck);
  await stack.checkpoints!.writeFull(new Date());

  await asSuperuserBypassingTriggers(stack.database.db, (tx) => tx.delete(auditEvents).where(and(eq(auditEvents.instanceId, id), gt(auditEvents.seq, 2))));

  const body = await verify(id);
  expect(body.ok).toBe(false);
  expect(body.breaks).toEqual(expect.arrayContaining([
    expect.objectContaining({ kind: 'truncated', seq: 3 }),
    expect.objectContaining({ kind: 'taskEventMissing', taskId: task.id }),
  ]));
  expect(body.breaks.find((b: { kind: string }) => b.kind === 'taskEventMissing').message).toContain('closing (completed) audit event is missing');
});

test('a task whose opening event is gone is a break even where no checkpoint covers it', async () => {
  const id = await startCase(stack, gridReport());
  const task = await stack.openTask(id, WhistleStep.CommunityHandle);
  await asSuperuserBypassingTriggers(stack.database.db, (tx) => tx.delete(auditEvents).where(eq(auditEvents.eventKey, `${task.id}:open`)));

  const body = await verify(id);
  expect(body.ok).toBe(false);
  expect(body.breaks).toContainEqual(expect.objectContaining({ kind: 'taskEventMissing', taskId: task.id }));
});
