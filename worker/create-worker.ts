// Builds a worker for the shanzhi task queue: every process workflow plus activities over injected deps.
import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { TASK_QUEUE } from '../workflows/lib/messages';

export const WORKFLOWS_PATH = require.resolve('../workflows');

export async function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    // chinese-days' "module" build is ESM in a package without "type": "module"; take its CommonJS build.
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), 'chinese-days$': require.resolve('chinese-days') } },
    }),
    logger: { log: () => undefined, info: () => undefined, warn: () => undefined, error: console.error, debug: () => undefined, trace: () => undefined },
  });
}

export interface WorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  workflowBundle?: WorkflowBundleWithSourceMap | { codePath: string };
}

export async function createWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    workflowBundle: options.workflowBundle ?? (await bundleWorkflows()),
    activities: createActivities(options),
  });
}
