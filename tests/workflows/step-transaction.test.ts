// One human step, one workflow task, one transaction (ARCHITECTURE principle 4): what the history and the database
// show of a completion and the task it opens, a retried Update, a case's start, a missed deadline and its
// escalation, and a deadline racing a completion.
import { sql } from 'drizzle-orm';
import type { temporal } from '@temporalio/proto';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { computeDeadline } from '../../domain/calendar/deadline';
import type { TimeLimit } from '../../domain/time-limit';
import { readAudit, verifyChain } from '../../db/audit-log';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import request from 'supertest';
import { gridReport, startCase } from '../support/whistle';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

/** The transaction each audit event was written in, by event key (xmin: the id of the writing transaction). */
async function writtenBy(instanceId: string): Promise<Map<string, string>> {
  const result = await stack.database.db.execute(sql`select event_key as "eventKey", xmin::text as tx from audit_events where instance_id = ${instanceId}`);
  const rows = (result as unknown as { rows: Array<{ eventKey: string; tx: string }> }).rows;
  return new Map(rows.map((r) => [r.eventKey, r.tx]));
}

async function history(instanceId: string): Promise<HistoryEvent[]> {
  return (await stack.temporal.client.workflow.getHandle(instanceId).fetchHistory()).events ?? [];
}

/** The events from the case's first Update's acceptance to its completion: what the workflow did for it. */
function firstUpdateSpan(events: HistoryEvent[]): HistoryEvent[] {
  const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  const completed = events.findIndex((e) => e.workflowExecutionUpdateCompletedEventAttributes);
  expect(accepted).toBeGreaterThanOrEqual(0);
  expect(completed).toBeGreaterThan(accepted);
  return events.slice(accepted, completed + 1);
}

async function resolveKeyed(taskId: string, key: string) {
  return request(stack.app).post(`/api/tasks/${taskId}/actions`).set('authorization', await stack.login('community_staff'))
    .set('idempotency-key', key).send({ action: 'resolve', data: { result: '已修复', photos: ['after.jpg'] } });
}

test('a completion and the task it opens are written in one transaction, within the Update\'s one workflow task', async () => {
  // Given a case at the community
  const id = await startCase(stack, gridReport());
  const community = await stack.openTask(id, WhistleStep.CommunityHandle);
  // When the community resolves it (the Idempotency-Key fixes the Update id)
  const key = `step-key-${community.id}`;
  const first = await resolveKeyed(community.id, key);
  expect(first.status).toBe(200);
  const result = first.body as { next: Array<{ taskId: string }> };
  // Then the answer names the field check, and its row and open event committed in the completion's transaction
  const check = await stack.openTask(id, WhistleStep.FieldCheck);
  expect(result.next.map((t) => t.taskId)).toEqual([check.id]);
  const tx = await writtenBy(id);
  expect(tx.get(`${community.id}:done`)).toBeDefined();
  expect(tx.get(`${check.id}:open`)).toBe(tx.get(`${community.id}:done`));
  // And so did the case's start with the first task
  expect(tx.get(`${id}:start`)).toBe(tx.get(`${community.id}:open`));
  expect(verifyChain(await readAudit(stack.database.db, id)).ok).toBe(true);
  // And the history shows one workflow task for the step: no second task, no normal activity, one local activity
  const span = firstUpdateSpan(await history(id));
  expect(span.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(0);
  expect(span.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(0);
  expect(span.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(1);

  // When the clerk's client sends it again with the same key (the same Update id)
  const again = await resolveKeyed(community.id, key);
  // Then it answers as the first did and nothing more is written
  expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
  const events = await readAudit(stack.database.db, id);
  expect(events.filter((e) => e.action === 'resolve')).toHaveLength(1);
  expect(events.filter((e) => e.action === 'open')).toHaveLength(2);
});

test('a missed deadline\'s timeout and escalation commit together, and the escalated task opens in the same workflow task', async () => {
  // Given a case at the community, whose deadline passes
  const id = await startCase(stack, gridReport());
  const community = await stack.openTask(id, WhistleStep.CommunityHandle);
  await stack.advance(community.dueAt.getTime() - (await stack.temporal.clock.now()).getTime() + 60_000);
  const dispatch = await stack.openTask(id, WhistleStep.Dispatch);
  // Then timeout and escalation share a transaction, and the chain is intact
  const events = await readAudit(stack.database.db, id);
  const tx = await writtenBy(id);
  const escalation = events.find((e) => e.action === 'escalate');
  expect(escalation).toBeDefined();
  expect(tx.get(`${community.id}:timeout`)).toBe(tx.get(escalation!.eventKey));
  expect(events.findIndex((e) => e.eventKey === `${dispatch.id}:open`)).toBeGreaterThan(events.indexOf(escalation!));
  expect(verifyChain(events).ok).toBe(true);
  // And no normal activity was scheduled for any of it: the timer's workflow task wrote everything
  const h = await history(id);
  // The deadline's timer is the last to fire: no time passed after it
  const fired = h.map((e) => Boolean(e.timerFiredEventAttributes)).lastIndexOf(true);
  const after = h.slice(fired);
  const nextTimer = after.findIndex((e) => e.timerStartedEventAttributes);
  expect(after.slice(0, nextTimer).filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
  expect(after.slice(0, nextTimer).filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(0);
  expect(after.slice(0, nextTimer).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(2);
});

test('a deadline racing a completion: exactly one of them is written, and the clerk hears which', async () => {
  // Given a case whose community task is a minute from its deadline
  const id = await startCase(stack, gridReport());
  const community = await stack.openTask(id, WhistleStep.CommunityHandle);
  await stack.advance(community.dueAt.getTime() - (await stack.temporal.clock.now()).getTime() - 60_000);
  // When the clerk resolves it while the clock passes the deadline (keyed: a client that hears 503, the worker too
  // busy to answer within the action's deadline, sends the same decision again with the same key, as the API asks)
  const key = `race-${community.id}`;
  const resolve = async () => {
    for (;;) {
      const answer = await resolveKeyed(community.id, key);
      if (answer.status !== 503) return answer;
    }
  };
  const [res] = await Promise.all([resolve(), stack.advance(120_000)]);
  // Then the task ends once: completed if the clerk got a 200, timed out (and escalated) if a 409
  const next = res.status === 200 ? WhistleStep.FieldCheck : WhistleStep.Dispatch;
  expect([200, 409]).toContain(res.status);
  await stack.openTask(id, next);
  const events = await waitFor(async () => {
    const rows = await readAudit(stack.database.db, id);
    return rows.some((e) => e.data.taskId !== community.id && e.action === 'open') ? rows : undefined;
  }, 'the next task\'s open event');
  const endings = events.filter((e) => e.eventKey === `${community.id}:done` || e.eventKey === `${community.id}:timeout`);
  expect(endings.map((e) => e.action)).toEqual([res.status === 200 ? 'resolve' : 'timeout']);
  expect(verifyChain(events).ok).toBe(true);
});

test('a reminder is written and sent within the timer\'s one workflow task, spread before its deadline, and sent once', async () => {
  // Given a case at the community: its deadline as the calendar counts it, its reminder up to 30 minutes before three quarters
  const id = await startCase(stack, gridReport());
  const community = await stack.openTask(id, WhistleStep.CommunityHandle);
  const limit = computeDeadline(community.createdAt, community.timeLimit as TimeLimit);
  expect(community.dueAt).toEqual(limit.dueAt);
  expect(community.remindAt.getTime()).toBeLessThanOrEqual(limit.remindAt.getTime());
  expect(community.remindAt.getTime()).toBeGreaterThanOrEqual(limit.remindAt.getTime() - 30 * 60_000);
  // When the reminder's time passes
  await stack.advance(community.remindAt.getTime() - (await stack.temporal.clock.now()).getTime() + 60_000);
  const events = await waitFor(async () => {
    const rows = await readAudit(stack.database.db, id);
    return rows.some((e) => e.action === 'remind') ? rows : undefined;
  }, 'the reminder\'s event');
  // Then it was sent once, its event is on an intact chain, and the timer's workflow task wrote it through one local activity
  expect(stack.notifier.sent.filter((r) => r.taskId === community.id)).toHaveLength(1);
  expect(verifyChain(events).ok).toBe(true);
  const h = await history(id);
  const fired = h.findIndex((e) => e.timerFiredEventAttributes);
  const after = h.slice(fired);
  const nextTimer = after.findIndex((e) => e.timerStartedEventAttributes);
  expect(after.slice(0, nextTimer).filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
  expect(after.slice(0, nextTimer).filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(0);
  expect(after.slice(0, nextTimer).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(1);
});
