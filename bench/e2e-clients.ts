// Benchmark 1's clients, one case each from start to close. A Shanzhi clerk acts on the task the action's answer
// says it opened (`next`, when the API returns it) and confirms it in the inbox once; without `next` it polls the
// inbox with a backing-off pause (10 ms doubling to 250 ms), as a web client would, never a tight loop. The bare
// peer's case is three Updates, either straight from a Temporal client or through the peer's own HTTP endpoint.
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { HttpError, type JsonCall } from './json-client';
import { bareStep } from './bare-workflow';
import { BARE_TASK_QUEUE } from './bare-peer';

/** The case's decisions in order: who acts, the action and its data, and the task it leads to (none after the close). */
export const CASE_STEPS = [
  { stepId: 'Task_CommunityHandle', by: 'community_staff', action: 'resolve', data: { result: '已修复', photos: ['after.jpg'] } },
  { stepId: 'Task_FieldCheck', by: 'grid_worker', action: 'pass', data: {} },
  { stepId: 'Task_Close', by: 'shift_chief', action: 'close', data: {} },
] as const;

export const CASE_INPUT = { category: 'road-damage', gridCode: 'G-A1-01', location: '基准测试路1号', description: '基准测试', source: 'grid' };

/** What the API says an action opened (the hot path's `next`); absent on APIs that do not say. */
interface NextTask { taskId: string; stepId: string }

export interface CaseTimings {
  /** Start over HTTP until the first task is in the inbox, ms. */
  visible: number;
  /** Per decision but the last: the action over HTTP until the next task is in the inbox, ms. */
  next: number[];
  /** Inbox reads this case needed (confirmations and polls). */
  inboxReads: number;
  /** Tasks learnt from `next` rather than found by polling. */
  fromNext: number;
  /** Decisions answered 503 (the workflow did not accept in time on a busy machine) and sent again with their key. */
  retried: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const POLL_LIMIT_MS = 120_000;
const RETRIES = 5;

export class ShanzhiClerks {
  constructor(private readonly call: JsonCall, private readonly tokens: Record<string, string>) {}

  /** Reads the clerk's inbox for the case's task at stepId, once. */
  private async inInbox(instanceId: string, stepId: string, as: string): Promise<string | undefined> {
    const page = await this.call(`/tasks?scope=available&instanceId=${instanceId}`, this.tokens[as]) as { items: Array<{ taskId: string; stepId: string }> };
    return page.items.find((t) => t.stepId === stepId)?.taskId;
  }

  /** The task at stepId: the one `next` names, confirmed in the inbox, or else the inbox polled until it shows. */
  private async find(instanceId: string, stepId: string, as: string, next: NextTask[] | undefined, timings: CaseTimings): Promise<string> {
    const named = next?.find((t) => t.stepId === stepId);
    for (let pause = 10, waited = 0; ; waited += pause, pause = Math.min(pause * 2, 250)) {
      timings.inboxReads++;
      const taskId = await this.inInbox(instanceId, stepId, as);
      if (taskId) {
        if (named && named.taskId === taskId && waited === 0) timings.fromNext++;
        return taskId;
      }
      if (waited > POLL_LIMIT_MS) throw new Error(`${instanceId}: no ${stepId} task in the inbox after ${POLL_LIMIT_MS} ms`);
      await sleep(pause);
    }
  }

  /**
   * A decision with an Idempotency-Key, sent again with the same key after a 503 (as the web app does), so a
   * decision the workflow accepted late is not made twice; anything else but 200 fails the case.
   */
  private async decide(taskId: string, as: string, action: string, data: unknown, timings: CaseTimings): Promise<{ next?: NextTask[] }> {
    const key = randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.call(`/tasks/${taskId}/actions`, this.tokens[as], { action, data }, { 'idempotency-key': key }) as { next?: NextTask[] };
      } catch (error) {
        if (!(error instanceof HttpError && error.status === 503) || attempt >= RETRIES) throw error;
        timings.retried++;
        await sleep(500);
      }
    }
  }

  async runCase(): Promise<CaseTimings> {
    const timings: CaseTimings = { visible: 0, next: [], inboxReads: 0, fromNext: 0, retried: 0 };
    const t0 = performance.now();
    const started = await this.call('/processes/whistle-escalation/instances', this.tokens.grid_worker, { input: CASE_INPUT }) as { instanceId: string; next?: NextTask[] };
    let taskId = await this.find(started.instanceId, CASE_STEPS[0].stepId, CASE_STEPS[0].by, started.next, timings);
    timings.visible = performance.now() - t0;
    for (let i = 0; i < CASE_STEPS.length; i++) {
      const step = CASE_STEPS[i];
      const t1 = performance.now();
      const answer = await this.decide(taskId, step.by, step.action, step.data, timings);
      const following = CASE_STEPS[i + 1];
      if (!following) break;
      taskId = await this.find(started.instanceId, following.stepId, following.by, answer.next, timings);
      timings.next.push(performance.now() - t1);
    }
    return timings;
  }
}

/** The bare peer through a Temporal client: start, three Updates, the result. */
export async function bareDirectCase(client: Client, id: string): Promise<void> {
  const handle = await client.workflow.start('bareThreeSteps', { taskQueue: BARE_TASK_QUEUE, workflowId: id });
  for (let s = 0; s < 3; s++) await handle.executeUpdate(bareStep);
  await handle.result();
}

/** The bare peer through its HTTP endpoint: start, then three Updates, each a request. */
export async function bareHttpCase(call: JsonCall): Promise<void> {
  const { id } = await call('/cases', null, {}) as { id: string };
  for (let s = 0; s < 3; s++) await call(`/cases/${id}/steps`, null, {});
}
