// One workflow step's writes in one transaction (ARCHITECTURE principle 4): the completion of task k, the opening of
// task k+1, a missed deadline and the events that follow it, each with its audit event, commit together or not at all.
// Run as a local activity within the workflow task that decided them; every write is idempotent by its event key, so
// a retry, or a worker that dies mid-task and replays, writes nothing twice.
import type { Db } from '../db/client';
import { appendAudit, type AuditActor } from '../db/audit-log';
import { writeExpiry, writeOpenTask, writeTaskAction, type ExpireTaskArgs, type OpenTaskArgs, type TaskActionArgs } from './tasks';
import { writeClose, writeRegistration, type CloseArgs, type RegisterArgs } from './instances';

export interface EventArgs {
  instanceId: string;
  eventKey: string;
  at: string;
  actor: AuditActor | null;
  stepId: string | null;
  action: string;
  data: Record<string, unknown>;
}

/** One write of a step, in the order the workflow decided it. */
export type StepWrite =
  | { kind: 'register'; args: RegisterArgs }
  | { kind: 'action'; args: TaskActionArgs }
  | { kind: 'open'; args: OpenTaskArgs }
  | { kind: 'expire'; args: ExpireTaskArgs }
  | { kind: 'event'; args: EventArgs }
  | { kind: 'close'; args: CloseArgs };

export function stepActivities(db: Db) {
  return {
    async recordStep(args: { writes: StepWrite[] }): Promise<void> {
      await db.transaction(async (tx) => {
        for (const write of args.writes) {
          switch (write.kind) {
            case 'register': await writeRegistration(tx, write.args); break;
            case 'action': await writeTaskAction(tx, write.args); break;
            case 'open': await writeOpenTask(tx, write.args); break;
            case 'expire': await writeExpiry(tx, write.args); break;
            case 'event': await appendAudit(tx, { ...write.args, at: new Date(write.args.at) }); break;
            case 'close': await writeClose(tx, write.args); break;
          }
        }
      });
    },
  };
}
