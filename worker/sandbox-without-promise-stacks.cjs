// Loaded (node --require) into each workflow thread of a worker created with promise stack traces off
// (worker/promise-stacks.ts). The SDK records, for every promise a workflow creates, a source-mapped stack trace
// (for the Temporal UI's "stack trace" view of a running workflow) through v8.promiseHooks; when the hook cannot be
// created it skips that bookkeeping, as it does on runtimes without promise hooks. Here it cannot be created. Errors
// thrown in workflows keep their source-mapped stacks: those come from the SDK's own prepareStackTrace, not the hook.
'use strict';
const { isMainThread } = require('node:worker_threads');
const v8 = require('node:v8');

if (!isMainThread) {
  const hooks = v8.promiseHooks;
  Object.defineProperty(v8, 'promiseHooks', {
    value: {
      ...hooks,
      createHook() {
        throw new Error('promise stack traces are off in this worker (WORKER_STACK_TRACES=1 turns them on)');
      },
    },
  });
}
