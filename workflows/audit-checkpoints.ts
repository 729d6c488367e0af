// Periodic audit checkpoints: a Temporal timer loop (no home-made scheduler) that signs the heads of all
// audit chains at a fixed interval, continuing as new now and then to keep its history short.
import { continueAsNew, sleep } from '@temporalio/workflow';
import { records } from './lib/activities';

const ROUNDS_PER_RUN = 100;

export async function auditCheckpoints(args: { intervalMinutes: number }): Promise<void> {
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    await records.writeAuditCheckpoint({ at: new Date().toISOString() });
    await sleep(args.intervalMinutes * 60_000);
  }
  await continueAsNew<typeof auditCheckpoints>(args);
}
