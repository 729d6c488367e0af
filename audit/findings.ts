// What a verification can find, shared by the API's per-instance check and the external auditor's verifier, so
// both name a break the same way. Each finding names the instance and, where there is one, the seq or the task.
export type FindingKind =
  /** A row's content does not match its hash, or a row was rewritten so its successor no longer links to it. */
  | 'altered'
  /** Rows are missing from the middle of a chain. */
  | 'missing'
  /** A row links to another row than its predecessor. */
  | 'reordered'
  /** The chain ends before the seq the checkpoint recorded: its newest events were cut off. */
  | 'truncated'
  /** The event at the checkpointed seq is not the one the checkpoint signed: the chain was re-hashed. */
  | 'differsFromCheckpoint'
  /** An instance in the checkpoint has no rows in the database, and no purge of it was recorded. */
  | 'deletedInstance'
  /** A task in the inbox whose opening or closing audit event is missing. */
  | 'taskEventMissing'
  /** An instance row whose start (or, once closed, end) audit event is missing. */
  | 'instanceEventMissing'
  /** The checkpoint itself was forged or edited. */
  | 'badSignature'
  | 'badRoot';

export interface Finding {
  kind: FindingKind;
  instanceId?: string;
  seq?: number;
  taskId?: string;
  message: string;
}
