// Writes a signed checkpoint of every audit chain's head to a file outside the database (the periodic loop's
// activity; the writer also signs after each batch of appends by itself).
import type { CheckpointWriter } from '../audit/checkpoint-writer';

export function checkpointActivities(writer: CheckpointWriter | undefined) {
  return {
    async writeAuditCheckpoint(args: { at: string }): Promise<{ count: number; merkleRoot: string } | null> {
      if (!writer) return null;
      const checkpoint = await writer.writeFull(new Date(args.at));
      return { count: checkpoint.count, merkleRoot: checkpoint.merkleRoot };
    },
  };
}
