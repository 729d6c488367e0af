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

/** A task the accepted action's step opened, so the client can act on it without polling the inbox. */
export interface NextTaskView {
  taskId: string;
  stepId: string;
  name: string;
  role: string;
  orgUnitId: string;
  dueAt: string;
}

export interface TaskActionResult {
  taskId: string;
  status: 'completed' | 'open';
  /** The tasks opened in the same transaction as this completion; empty when the process opened none at once. */
  next: NextTaskView[];
}

/**
 * The tasks a new case opened with its first step. The API asks it together with the start (Update-with-Start), in
 * the start's first workflow task, so the starter's answer names the task to act on and nobody polls the inbox for it.
 */
export const caseOpenedUpdate = defineUpdate<NextTaskView[], []>('caseOpened');

/** A clerk's decision on an open task; the validator rejects stale, duplicate, unauthorised and invalid ones. */
export const taskActionUpdate = defineUpdate<TaskActionResult, [TaskActionRequest]>('taskAction');

export interface OpenTaskView {
  taskId: string;
  stepId: string;
  orgUnitId: string;
  dueAt: string;
}

export const openTasksQuery = defineQuery<OpenTaskView[]>('openTasks');
