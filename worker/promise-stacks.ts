// Whether a worker's workflow threads record a stack trace for every promise. The SDK does so for the Temporal UI's
// "stack trace" view of a running workflow, and it is the largest single cost of a human step in the worker: 3.6 of
// its 15 ms of CPU per decision (benchmark 1, PostgreSQL, 2026-12-06). Shanzhi's case file and audit trail say where
// a case stands, so production workers leave it off; WORKER_STACK_TRACES=1 turns it on for debugging.
//
// The SDK has no option for it. Its workflow threads are created by `Worker.create` with `new Worker(file)` from
// node:worker_threads, inheriting this process's execArgv; while a worker without stacks is created, that class adds a
// preload (sandbox-without-promise-stacks.cjs) which makes the SDK find promise hooks unavailable, the case it
// already handles.
// The module object itself (a default import), whose `Worker` the SDK reads when it starts a thread.
import workerThreads, { type WorkerOptions } from 'node:worker_threads';

const PRELOAD = require.resolve('./sandbox-without-promise-stacks.cjs');
const Original = workerThreads.Worker;
let creating = 0;

class WorkerWithoutPromiseStacks extends Original {
  constructor(filename: string | URL, options: WorkerOptions = {}) {
    super(filename, { ...options, execArgv: [...(options.execArgv ?? process.execArgv), '--require', PRELOAD] });
  }
}

/** Runs `create` (a `Worker.create`) so that the workflow threads it starts record no promise stack traces. */
export async function withoutPromiseStacks<T>(create: () => Promise<T>): Promise<T> {
  if (creating++ === 0) workerThreads.Worker = WorkerWithoutPromiseStacks;
  try {
    return await create();
  } finally {
    if (--creating === 0) workerThreads.Worker = Original;
  }
}
