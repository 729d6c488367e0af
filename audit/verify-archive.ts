// What an external auditor runs: every chain re-hashed row by row, the database compared with a signed checkpoint,
// and the task and instance rows compared with the log. Each finding names the instance and the seq or task.
import { chainAlgorithm, verifyChainDetailed, type AuditRow } from '../db/audit-log';
import type { HashAlgorithm } from '../db/chain-hash';
import { checkpointFindings, headFindings, type TrustedCheckpoint } from './against-checkpoint';
import type { Finding, FindingKind } from './findings';
import { projectionFindings, type Projections } from './projections';

export type { Finding, FindingKind };

/** A whole instance removed through the recorded purge (db/audit-purge.ts), with its chain's head at the time. */
export interface PurgeRecord {
  instanceId: string;
  headSeq: number;
  headHash: string;
  reason: string;
  purgedBy: string;
  purgedAt: Date;
}

export interface ArchiveVerdict {
  ok: boolean;
  instances: number;
  events: number;
  /** How many chains were verified with each hash (the algorithm each case row records). */
  chainsByHash: Record<HashAlgorithm, number>;
  findings: Finding[];
  /** Instances the checkpoint recorded that left through the explicit purge: not a break, but reported. */
  purged: PurgeRecord[];
}

export interface ArchiveEvidence {
  checkpoint?: TrustedCheckpoint;
  /** The instance and task rows of the same database; each must have its audit events. */
  projections?: Projections;
  purges?: PurgeRecord[];
  /** When the database was read (for the grace an instance row has before its start event must exist). */
  now?: Date;
}

export function verifyArchive(rows: AuditRow[], evidence: ArchiveEvidence = {}): ArchiveVerdict {
  const { checkpoint, projections, purges = [], now = new Date() } = evidence;
  const byInstance = new Map<string, AuditRow[]>();
  for (const row of rows) {
    const chain = byInstance.get(row.instanceId);
    if (chain) chain.push(row); else byInstance.set(row.instanceId, [row]);
  }
  const findings: Finding[] = [];
  // Each chain with the algorithm its case row records (SHA-256 or SM3); the rows come with the projections.
  const recorded = new Map((projections?.instances ?? []).map((i) => [i.id, i.hashAlgorithm]));
  const chainsByHash: Record<HashAlgorithm, number> = { sha256: 0, sm3: 0 };
  for (const [instanceId, chain] of byInstance) {
    chain.sort((a, b) => a.seq - b.seq);
    const algorithm = chainAlgorithm(chain, recorded.get(instanceId));
    chainsByHash[algorithm] += 1;
    findings.push(...verifyChainDetailed(chain, algorithm).map((f) => ({ ...f, instanceId })));
  }
  const purged: PurgeRecord[] = [];
  if (checkpoint) {
    findings.push(...checkpointFindings(checkpoint));
    const purgeOf = new Map(purges.map((p) => [p.instanceId, p]));
    for (const head of checkpoint.checkpoint.heads) {
      const chain = byInstance.get(head.instanceId) ?? [];
      const purge = purgeOf.get(head.instanceId);
      // A recorded purge accounts for a missing chain only if it removed at least what the checkpoint signed.
      if (chain.length === 0 && purge && purge.headSeq >= head.seq) {
        purged.push(purge);
        continue;
      }
      findings.push(...headFindings(head.instanceId, chain, head));
    }
  }
  if (projections) {
    // Rows of an instance purged while the database was being read are not evidence of anything.
    const purgedIds = new Set(purges.map((p) => p.instanceId));
    const live = {
      instances: projections.instances.filter((i) => !purgedIds.has(i.id)),
      tasks: projections.tasks.filter((t) => !purgedIds.has(t.instanceId)),
    };
    findings.push(...projectionFindings(live, new Set(rows.map((r) => r.eventKey)), now));
  }
  return { ok: findings.length === 0, instances: byInstance.size, events: rows.length, chainsByHash, findings, purged };
}
