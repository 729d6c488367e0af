// Writes a signed checkpoint of every audit chain's head to a file outside the database.
import type { Db } from '../db/client';
import { loadSigningKey, makeCheckpoint, readHeads, writeCheckpointFile } from '../audit/checkpoint';

export interface CheckpointConfig {
  /** Folder outside the database where checkpoint files are kept. */
  dir: string;
  /** Ed25519 private key (PEM), kept outside the database; created on first use. */
  keyFile: string;
}

export function checkpointActivities(db: Db, config: CheckpointConfig | undefined) {
  return {
    async writeAuditCheckpoint(args: { at: string }): Promise<{ file: string; count: number; merkleRoot: string } | null> {
      if (!config) return null;
      const checkpoint = makeCheckpoint(await readHeads(db), loadSigningKey(config.keyFile), new Date(args.at));
      return { file: writeCheckpointFile(config.dir, checkpoint), count: checkpoint.count, merkleRoot: checkpoint.merkleRoot };
    },
  };
}
