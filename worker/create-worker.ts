// Builds a worker for the shanzhi task queue: every process workflow plus activities over injected deps.
import { getHeapStatistics } from 'node:v8';
import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Configuration } from 'webpack';
import { createActivities, type ActivityDeps } from '../activities';
import { TASK_QUEUE } from '../workflows/lib/messages';
import { withoutPromiseStacks } from './promise-stacks';

export const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * Evaluated once per worker thread and shared by every workflow instead of once per workflow: the official holiday
 * table (most of the 2.1 MB bundle), and the working-day calendar over it, which indexes that table when it loads
 * (each workflow start evaluated it anew: about 1 % of the workflow thread in benchmark 1). Only stateless modules
 * belong here: the SDK freezes what they export (the calendar's memo of statutory holidays is a pure cache).
 */
export const PRELOADED_MODULES = ['chinese-days/dist/chinese-days.json', require.resolve('../domain/calendar/official-days')];

/** Bundles Shanzhi's workflows (or, for a benchmark, another entry point) the way the worker runs them. */
export async function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    // Shared by every workflow of a worker thread (bench/worker-memory.ts). Workflow code loads no zod at all
    // (domain/process-steps.ts).
    preloadModules: PRELOADED_MODULES,
    webpackConfigHook: productionBundle,
    logger: { log: () => undefined, info: () => undefined, warn: () => undefined, error: console.error, debug: () => undefined, trace: () => undefined },
  });
}

/**
 * The SDK bundles in development mode; production mode drops unused exports and sets NODE_ENV for libraries.
 * Dynamic imports (one per process, workflows/index.ts) stay in the one chunk the sandbox can load, and the code
 * is not minified, so workflow stack traces keep their names.
 */
function productionBundle(config: Configuration): Configuration {
  return {
    ...config,
    mode: 'production',
    optimization: { ...config.optimization, minimize: false },
    output: { ...config.output, asyncChunks: false },
  };
}

export interface WorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  workflowBundle?: WorkflowBundleWithSourceMap | { codePath: string };
  /** Workflow cache size (WORKER_MAX_CACHED_WORKFLOWS); evicted workflows replay their history on their next task. */
  maxCachedWorkflows?: number;
  /**
   * Whether workflow threads record a stack trace per promise, for the Temporal UI's stack trace view of a running
   * workflow (WORKER_STACK_TRACES=1). Off unless asked: it costs a quarter of the worker's CPU per step
   * (worker/promise-stacks.ts).
   */
  promiseStackTraces?: boolean;
}

/**
 * A cached Shanzhi workflow costs about 0.3 MiB of RSS (bench/worker-memory.ts, 2026-12-04, 300 open: 293 KiB each;
 * 1.4 MiB before the workflows stopped loading zod and every process's modules). The SDK's default cache size
 * assumes less than it cost then, so the default was half the heap at 2 MiB each; now half the heap counted at
 * 0.5 MiB each, still with headroom. An evicted workflow only costs a replay on its next task.
 */
export function defaultCacheSize(): number {
  const heapMiB = getHeapStatistics().heap_size_limit / 2 ** 20;
  return Math.max(100, Math.floor(heapMiB / 2 / MIB_PER_CACHED_WORKFLOW));
}
const MIB_PER_CACHED_WORKFLOW = 0.5;

export async function createWorker(options: WorkerOptions): Promise<Worker> {
  const workflowBundle = options.workflowBundle ?? (await bundleWorkflows());
  const create = () => Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    workflowBundle,
    activities: createActivities(options),
    maxCachedWorkflows: options.maxCachedWorkflows ?? defaultCacheSize(),
  });
  return options.promiseStackTraces ? create() : withoutPromiseStacks(create);
}
