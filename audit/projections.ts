// The projections as witnesses for the audit log: every task in the inbox and every instance row was written in
// the same transaction as an audit event, so a task or an instance whose events are gone shows that events were
// removed — also the newest ones after the last checkpoint, which the checkpoint cannot vouch for.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { instances, tasks } from '../db/schema';
import type { HashAlgorithm } from '../db/chain-hash';
import type { Finding } from './findings';

export interface InstanceFacts {
  id: string;
  status: string;
  startedAt: Date;
  /** The hash its audit chain records (verification reads the algorithm from here). */
  hashAlgorithm?: HashAlgorithm;
}

export interface TaskFacts {
  id: string;
  instanceId: string;
  status: string;
}

export interface Projections {
  instances: InstanceFacts[];
  tasks: TaskFacts[];
}

/**
 * The API writes an instance row a moment before its workflow records the start event; a row without one is a
 * break once it has tasks, is closed, or is older than this.
 */
export const START_GRACE_MS = 10 * 60_000;

/** The event key each task status is closed by (activities/tasks.ts); an open task has only its opening event. */
const CLOSING_KEY: Record<string, string> = { completed: 'done', timedOut: 'timeout', cancelled: 'withdraw' };

/** Reads the instance and task rows to compare with the audit log: one instance's, or every one. */
export async function loadProjections(db: Db, instanceId?: string): Promise<Projections> {
  const [instanceRows, taskRows] = await Promise.all([
    db.select({ id: instances.id, status: instances.status, startedAt: instances.startedAt, hashAlgorithm: instances.auditHashAlgorithm }).from(instances)
      .where(instanceId === undefined ? undefined : eq(instances.id, instanceId)),
    db.select({ id: tasks.id, instanceId: tasks.instanceId, status: tasks.status }).from(tasks)
      .where(instanceId === undefined ? undefined : eq(tasks.instanceId, instanceId)),
  ]);
  return { instances: instanceRows, tasks: taskRows };
}

/** Every task and instance row whose audit events are missing from `eventKeys`, the keys present in the log. */
export function projectionFindings(projections: Projections, eventKeys: ReadonlySet<string>, now: Date): Finding[] {
  const findings: Finding[] = [];
  const withTasks = new Set<string>();
  for (const task of projections.tasks) {
    withTasks.add(task.instanceId);
    const missing: string[] = [];
    if (!eventKeys.has(`${task.id}:open`)) missing.push('opening');
    const closing = CLOSING_KEY[task.status];
    if (closing && !eventKeys.has(`${task.id}:${closing}`)) missing.push(`closing (${task.status})`);
    if (missing.length > 0) {
      findings.push({
        kind: 'taskEventMissing', instanceId: task.instanceId, taskId: task.id,
        message: `task ${task.id} (${task.status}) is in the inbox but its ${missing.join(' and ')} audit event is missing`,
      });
    }
  }
  for (const instance of projections.instances) {
    const started = eventKeys.has(`${instance.id}:start`);
    const running = instance.status === 'running';
    if (!started && (!running || withTasks.has(instance.id) || now.getTime() - instance.startedAt.getTime() > START_GRACE_MS)) {
      findings.push({ kind: 'instanceEventMissing', instanceId: instance.id, message: `instance ${instance.id} (${instance.status}) has no start event in the audit log` });
    }
    if (!running && !eventKeys.has(`${instance.id}:end`)) {
      findings.push({ kind: 'instanceEventMissing', instanceId: instance.id, message: `instance ${instance.id} is ${instance.status} but its closing audit event is missing` });
    }
  }
  return findings;
}
