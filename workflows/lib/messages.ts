// Messages shared by workflows, the API and tests: the task-queue name, the completion Update and queries.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/actor';

export const TASK_QUEUE = 'shanzhi';

/** The one checkpoint loop per namespace. */
export const AUDIT_CHECKPOINTS_WORKFLOW_ID = 'shanzhi-audit-checkpoints';

export interface TaskActionRequest {
  taskId: string;
  action: string;
  data: Record<string, unknown>;
  actor: Actor;
}

export interface TaskActionResult {
  taskId: string;
  status: 'completed' | 'open';
}

/** A clerk's decision on an open task; the validator rejects stale, duplicate, unauthorised and invalid ones. */
export const taskActionUpdate = defineUpdate<TaskActionResult, [TaskActionRequest]>('taskAction');

export interface OpenTaskView {
  taskId: string;
  stepId: string;
  orgUnitId: string;
  dueAt: string;
}

export const openTasksQuery = defineQuery<OpenTaskView[]>('openTasks');
