// One workflow step's writes in one transaction (ARCHITECTURE principle 4): the completion of task k, the opening of
// task k+1, a missed deadline and the events that follow it, each with its audit event, commit together or not at all.
// Run as a local activity within the workflow task that decided them; every write is idempotent by its event key, so
// a retry, or a worker that dies mid-task and replays, writes nothing twice.
import type { Db } from '../db/client';
import { appendAudit, withChainHeads, type AuditActor } from '../db/audit-log';
import {
  writeExpiry, writeOpenTask, writeReminder, writeReschedule, writeSupervision, writeTaskAction, writeWithdrawal,
  type ExpireTaskArgs, type OpenTaskArgs, type RemindArgs, type RescheduleArgs, type SuperviseArgs, type TaskActionArgs, type WithdrawArgs,
} from './tasks';
import type { Notifier, Reminder } from './notifier';
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
  | { kind: 'close'; args: CloseArgs }
  | { kind: 'remind'; args: RemindArgs }
  | { kind: 'supervise'; args: SuperviseArgs }
  | { kind: 'reschedule'; args: RescheduleArgs }
  | { kind: 'withdraw'; args: WithdrawArgs };

export function stepActivities(db: Db, notifier: Notifier) {
  return {
    async recordStep(args: { writes: StepWrite[] }): Promise<void> {
      const messages: Reminder[] = [];
      const notify = (message: Reminder | null) => { if (message) messages.push(message); };
      // One lock and one head update per case for all of the step's events (db/audit-log.ts).
      await db.transaction((tx) => withChainHeads(tx, async () => {
        messages.length = 0;
        for (const write of args.writes) {
          switch (write.kind) {
            case 'register': await writeRegistration(tx, write.args); break;
            case 'action': await writeTaskAction(tx, write.args); break;
            case 'open': await writeOpenTask(tx, write.args); break;
            case 'expire': await writeExpiry(tx, write.args); break;
            case 'event': await appendAudit(tx, { ...write.args, at: new Date(write.args.at) }); break;
            case 'close': await writeClose(tx, write.args); break;
            case 'remind': notify(await writeReminder(tx, write.args)); break;
            case 'supervise': notify(await writeSupervision(tx, write.args)); break;
            case 'reschedule': await writeReschedule(tx, write.args); break;
            case 'withdraw': await writeWithdrawal(tx, write.args); break;
          }
        }
      }));
      // Reminders and supervision notices go out once their rows committed, best effort as before (an SMS gateway
      // that is down does not hold the step): a step retried after its commit finds them written and sends nothing.
      for (const message of messages) {
        await notifier.remind(message).catch((error: unknown) => {
          console.warn(`reminder for task ${message.taskId} not sent: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
    },
  };
}
