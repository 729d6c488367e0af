// What an external auditor runs: every chain re-hashed row by row, and the database compared with a signed
// checkpoint. Each finding names the instance and the seq, and what happened there.
import { verifyChainDetailed, type AuditRow } from '../db/audit-log';
import { checkpointIntact, type Checkpoint } from './checkpoint';

export type FindingKind = 'altered' | 'missing' | 'reordered' | 'deletedInstance' | 'truncated' | 'badSignature' | 'badRoot';

export interface Finding {
  kind: FindingKind;
  instanceId?: string;
  seq?: number;
  message: string;
}

export interface ArchiveVerdict {
  ok: boolean;
  instances: number;
  events: number;
  findings: Finding[];
}

export function verifyArchive(rows: AuditRow[], checkpoint?: { checkpoint: Checkpoint; trustedPublicKeyPem: string }): ArchiveVerdict {
  const byInstance = new Map<string, AuditRow[]>();
  for (const row of rows) byInstance.set(row.instanceId, [...(byInstance.get(row.instanceId) ?? []), row]);
  const findings: Finding[] = [];
  for (const [instanceId, chain] of byInstance) {
    chain.sort((a, b) => a.seq - b.seq);
    findings.push(...verifyChainDetailed(chain).map((f) => ({ ...f, instanceId })));
  }
  if (checkpoint) {
    const { checkpoint: cp, trustedPublicKeyPem } = checkpoint;
    const intact = checkpointIntact(cp, trustedPublicKeyPem);
    if (!intact.signature) findings.push({ kind: 'badSignature', message: `checkpoint of ${cp.createdAt}: the signature does not verify with the trusted key` });
    if (!intact.root) findings.push({ kind: 'badRoot', message: `checkpoint of ${cp.createdAt}: its heads do not hash to its Merkle root` });
    for (const head of cp.heads) {
      const chain = byInstance.get(head.instanceId);
      if (!chain) {
        findings.push({ kind: 'deletedInstance', instanceId: head.instanceId, message: `instance ${head.instanceId} had ${head.seq} events at the checkpoint and is gone from the database` });
        continue;
      }
      const last = chain[chain.length - 1].seq;
      const row = chain.find((r) => r.seq === head.seq);
      if (last < head.seq) {
        findings.push({ kind: 'truncated', instanceId: head.instanceId, seq: last + 1, message: `chain of ${head.instanceId} truncated: the checkpoint recorded seq ${head.seq}, the database ends at seq ${last}` });
      } else if (row && row.hash !== head.hash) {
        findings.push({ kind: 'altered', instanceId: head.instanceId, seq: head.seq, message: `event ${head.instanceId}#${head.seq} differs from the checkpointed head` });
      }
    }
  }
  return { ok: findings.length === 0, instances: byInstance.size, events: rows.length, findings };
}
