// Drives whistle-escalation cases over HTTP the way a patient clerk would while parts of the system fail: a request
// that meets a network error or a 503 is retried after a pause; every status seen is tallied, so a script can show
// that faults produced 503s and never a 500.
import { randomUUID } from 'node:crypto';
import { CASE_INPUT, STEPS } from '../whistle-load';
import { pool } from '../stats';
import { sleep } from './processes';

export interface Tally {
  requests: number;
  /** Status code → count, for every answer received. */
  statuses: Record<number, number>;
  networkErrors: number;
  /** The first few 5xx other than 503, with what was asked, for the report. */
  serverErrors: string[];
}

export const newTally = (): Tally => ({ requests: 0, statuses: {}, networkErrors: 0, serverErrors: [] });
export const count5xx = (t: Tally, exclude503 = false) =>
  Object.entries(t.statuses).filter(([s]) => Number(s) >= 500 && !(exclude503 && s === '503')).reduce((n, [, c]) => n + c, 0);

export interface Answer { status: number; body: Record<string, unknown> }

/** One client over several API processes (round robin), retrying what a dependency outage makes fail. */
export class ResilientClient {
  private next = 0;
  readonly tokens: Record<string, string> = {};

  constructor(private readonly bases: string[], readonly tally: Tally, private readonly patienceMs = 180_000) {}

  /** One request, retried on network errors and 503 until it gets another answer or patience runs out. */
  async call(method: 'GET' | 'POST', path: string, as: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Answer & { retried: boolean }> {
    const deadline = Date.now() + this.patienceMs;
    let retried = false;
    for (let pause = 100; ; pause = Math.min(pause * 2, 2_000)) {
      const base = this.bases[this.next++ % this.bases.length];
      this.tally.requests++;
      try {
        const res = await fetch(`${base}/api${path}`, {
          method, body: body === undefined ? undefined : JSON.stringify(body),
          headers: { 'content-type': 'application/json', ...headers, ...(as ? { authorization: `Bearer ${this.tokens[as]}` } : {}) },
          signal: AbortSignal.timeout(30_000),
        });
        const answer = { status: res.status, body: await res.json().catch(() => ({})) as Record<string, unknown> };
        this.tally.statuses[res.status] = (this.tally.statuses[res.status] ?? 0) + 1;
        if (res.status >= 500 && res.status !== 503 && this.tally.serverErrors.length < 10) {
          this.tally.serverErrors.push(`${method} ${path} → ${res.status} ${JSON.stringify(answer.body)}`);
        }
        if (res.status !== 503) return { ...answer, retried };
      } catch {
        this.tally.networkErrors++;
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer but 503/network errors for ${this.patienceMs} ms`);
      retried = true;
      await sleep(pause);
    }
  }

  async login(usernames: string[]): Promise<void> {
    for (const username of usernames) {
      const res = await this.call('POST', '/auth/login', null, { username, password: 'demo123' });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      this.tokens[username] = String(res.body.token);
    }
  }

  /** Polls the inbox of `as` until the instance has an available task at the step. */
  async waitForTask(instanceId: string, stepId: string, as: string, timeoutMs = 300_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.call('GET', `/tasks?scope=available&instanceId=${instanceId}`, as);
      const task = res.status === 200 ? (res.body.items as Array<{ taskId: string; stepId: string }>).find((t) => t.stepId === stepId) : undefined;
      if (task) return task.taskId;
      if (Date.now() > deadline) throw new Error(`${instanceId}: no ${stepId} task after ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /**
   * Completes a task with an Idempotency-Key, so a retry after a lost answer joins the first attempt: anything but
   * 200 is a failure.
   */
  async complete(taskId: string, as: string, action: string, data: Record<string, unknown>): Promise<void> {
    const key = `${taskId}-${action}-${randomUUID()}`;
    const res = await this.call('POST', `/tasks/${taskId}/actions`, as, { action, data }, { 'idempotency-key': key });
    if (res.status !== 200) throw new Error(`task ${taskId} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export interface DriveResult { instanceIds: string[]; failures: string[] }

/** Starts n cases and takes each through its three tasks to the close, at most `concurrency` in flight. */
export async function driveCases(client: ResilientClient, n: number, concurrency: number, onCaseDone?: () => void): Promise<DriveResult> {
  await client.login(['grid_worker', 'community_staff', 'shift_chief']);
  const instanceIds: string[] = [];
  const failures: string[] = [];
  await pool(n, concurrency, async () => {
    try {
      const start = await client.call('POST', '/processes/whistle-escalation/instances', 'grid_worker', { input: CASE_INPUT });
      if (start.status !== 201 && start.status !== 200) throw new Error(`start: ${start.status} ${JSON.stringify(start.body)}`);
      const instanceId = String(start.body.instanceId);
      instanceIds.push(instanceId);
      let taskId = await client.waitForTask(instanceId, 'Task_CommunityHandle', 'community_staff');
      for (const step of STEPS) {
        await client.complete(taskId, step.by, step.action, step.data);
        taskId = await client.waitForTask(instanceId, step.next, step.nextBy);
      }
      await client.complete(taskId, 'shift_chief', 'close', {});
      onCaseDone?.();
    } catch (error) {
      failures.push((error as Error).message);
    }
  });
  return { instanceIds, failures };
}
