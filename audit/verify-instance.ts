// One instance's verification, as the API answers it: the chain re-hashed, compared with the latest signed
// checkpoint, and the instance's task and instance rows compared with the log. The answer says how far the
// checkpoint vouches for the chain, and how many newer events only the chain and the projections vouch for.
import type { Db } from '../db/client';
import { chainAlgorithm, readAudit, verifyChainDetailed } from '../db/audit-log';
import { checkpointFindings, headFindings, type TrustedCheckpoint } from './against-checkpoint';
import type { Finding } from './findings';
import { loadProjections, projectionFindings } from './projections';
import type { HashAlgorithm } from '../db/chain-hash';
import type { SignatureAlgorithm } from './signature';

export interface InstanceVerdict {
  ok: boolean;
  /** Events in the chain. */
  events: number;
  /** The lowest seq a break names, or null (also when only the projections or the checkpoint itself are broken). */
  firstBrokenSeq: number | null;
  /** The hash the chain records (and was verified with). */
  hashAlgorithm: HashAlgorithm;
  /** The checkpoint compared with, how it is signed, and how many of this instance's events it covers; null without a checkpoint. */
  verifiedUpTo: { checkpointAt: string; signatureAlgorithm: SignatureAlgorithm; events: number } | null;
  /** Events newer than the checkpoint: checked by the chain and the projections only. */
  eventsAfterCheckpoint: number;
  breaks: Finding[];
}

export async function verifyInstance(db: Db, instanceId: string, checkpoint: TrustedCheckpoint | null, now: Date): Promise<InstanceVerdict> {
  // Projections first, then the log: a row and its event commit together, so every row read has its event in a
  // later read. Read in parallel (or the other way round), a task completed in between looks like a missing event.
  const projections = await loadProjections(db, instanceId);
  const chain = await readAudit(db, instanceId);
  const algorithm = chainAlgorithm(chain, projections.instances.find((i) => i.id === instanceId)?.hashAlgorithm);
  const breaks: Finding[] = verifyChainDetailed(chain, algorithm).map((f) => ({ ...f, instanceId }));
  let verifiedUpTo: InstanceVerdict['verifiedUpTo'] = null;
  if (checkpoint) {
    breaks.push(...checkpointFindings(checkpoint));
    const head = checkpoint.checkpoint.heads.find((h) => h.instanceId === instanceId);
    if (head) breaks.push(...headFindings(instanceId, chain, head));
    verifiedUpTo = {
      checkpointAt: checkpoint.checkpoint.createdAt, signatureAlgorithm: checkpoint.checkpoint.signatureAlgorithm ?? 'ed25519',
      events: Math.min(head?.seq ?? 0, chain.length),
    };
  }
  breaks.push(...projectionFindings(projections, new Set(chain.map((r) => r.eventKey)), now));
  const seqs = breaks.flatMap((b) => (b.seq === undefined ? [] : [b.seq]));
  return {
    ok: breaks.length === 0,
    events: chain.length,
    firstBrokenSeq: seqs.length > 0 ? Math.min(...seqs) : null,
    hashAlgorithm: algorithm,
    verifiedUpTo,
    eventsAfterCheckpoint: chain.length - (verifiedUpTo?.events ?? 0),
    breaks,
  };
}
