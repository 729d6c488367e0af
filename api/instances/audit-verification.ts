// The answer of GET /api/instances/:id/audit/verify, as a schema for the OpenAPI document: what was verified
// (the chain, up to which signed checkpoint, and the projections) and every break found, with its reason.
import { z } from 'zod';

const FINDING_KINDS = [
  'altered', 'missing', 'reordered', 'truncated', 'differsFromCheckpoint', 'deletedInstance',
  'taskEventMissing', 'instanceEventMissing', 'badSignature', 'badRoot',
] as const;

export const auditVerificationSchema = z.object({
  ok: z.boolean().describe('no break found by any of the checks'),
  events: z.number().int().describe('events in the chain'),
  firstBrokenSeq: z.number().int().nullable().describe('the lowest seq a break names; null when none does'),
  hashAlgorithm: z.enum(['sha256', 'sm3']).describe('the hash the chain records and was verified with (sm3: 商用密码)'),
  verifiedUpTo: z.object({
    checkpointAt: z.string().describe('when the signed checkpoint compared with was written'),
    signatureAlgorithm: z.enum(['ed25519', 'sm2']).describe('how that checkpoint is signed (sm2: 商用密码, over an SM3 Merkle tree)'),
    events: z.number().int().describe('events of this instance the checkpoint covers'),
  }).nullable().describe('null when no checkpoint has been written yet (then only the chain and the projections are checked)'),
  eventsAfterCheckpoint: z.number().int().describe('newer events, checked by the chain and the projections only'),
  breaks: z.array(z.object({
    kind: z.enum(FINDING_KINDS),
    instanceId: z.string().optional(),
    seq: z.number().int().optional(),
    taskId: z.string().optional(),
    message: z.string(),
  })).describe('every break found, with its reason; see docs/audit.md'),
});
