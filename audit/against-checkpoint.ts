// A chain compared with what a signed checkpoint recorded of it. The chain alone proves only that its rows link
// up; someone who can write to the database can cut its newest rows off or re-hash it from an edited row onwards,
// and it still links. The checkpoint's head (seq and hash, signed with a key outside the database) pins it: the
// chain must still reach that seq, with the very event the checkpoint signed there.
import { readFileSync } from 'node:fs';
import type { AuditRow } from '../db/audit-log';
import { checkpointIntact, type Checkpoint } from './checkpoint';
import type { Finding } from './findings';
import type { ChainHead } from './merkle';

/** A checkpoint with the public key it is to be checked against (one the verifier trusts, not the file's own). */
export interface TrustedCheckpoint {
  checkpoint: Checkpoint;
  trustedPublicKeyPem: string;
}

export function readTrustedCheckpoint(checkpointFile: string, publicKeyFile: string): TrustedCheckpoint {
  return { checkpoint: JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoint, trustedPublicKeyPem: readFileSync(publicKeyFile, 'utf8') };
}

/** The checkpoint's own integrity: signed by the trusted key, and its heads hash to the signed root. */
export function checkpointFindings({ checkpoint, trustedPublicKeyPem }: TrustedCheckpoint): Finding[] {
  let intact: { signature: boolean; root: boolean };
  try {
    intact = checkpointIntact(checkpoint, trustedPublicKeyPem);
  } catch {
    // A mangled signature or key is as good as a forged one.
    intact = { signature: false, root: false };
  }
  const findings: Finding[] = [];
  if (!intact.signature) findings.push({ kind: 'badSignature', message: `checkpoint of ${checkpoint.createdAt}: the signature does not verify with the trusted key` });
  if (!intact.root) findings.push({ kind: 'badRoot', message: `checkpoint of ${checkpoint.createdAt}: its heads do not hash to its Merkle root` });
  return findings;
}

/** One instance's chain (in seq order) against its checkpointed head. */
export function headFindings(instanceId: string, chain: AuditRow[], head: ChainHead): Finding[] {
  if (chain.length === 0) {
    return [{ kind: 'deletedInstance', instanceId, message: `instance ${instanceId} had ${head.seq} events at the checkpoint and is gone from the database` }];
  }
  const last = chain[chain.length - 1].seq;
  if (last < head.seq) {
    return [{ kind: 'truncated', instanceId, seq: last + 1, message: `chain of ${instanceId} truncated: the checkpoint recorded seq ${head.seq}, the database ends at seq ${last}` }];
  }
  const row = chain.find((r) => r.seq === head.seq);
  if (row && row.hash !== head.hash) {
    return [{ kind: 'differsFromCheckpoint', instanceId, seq: head.seq, message: `event ${instanceId}#${head.seq} is not the one the checkpoint signed: the chain was rewritten up to there` }];
  }
  return [];
}
