// The licensing case file (许可案卷): the route and why, the notice version and the hash of the commitment signed,
// the licence and its status, each push with its receipt, post-issue verification, the correction order, the
// revocation and the credit entries — folded from the audit trail.
import { z } from 'zod';
import { LicensingStep } from '../processes/commitment-licensing';
import { byName, num, obj, shanghai, str, strs, when, type CaseEvent } from './event';

const push = z.object({
  target: z.enum(['enforcement', 'credit']),
  requestedAt: z.string(),
  receiptId: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  attempts: z.number().int().nullable(),
  alert: z.string().nullable(),
});

export const licensingFactsSchema = z.object({
  kind: z.literal('commitment-licensing'),
  applicant: z.object({ name: z.string().nullable(), creditCode: z.string().nullable() }),
  itemCode: z.string().nullable(),
  requestedRoute: z.enum(['commitment', 'normal']).nullable(),
  route: z.enum(['commitment', 'normal']).nullable(),
  /** Why the case left the commitment route (itemExcluded, badCredit, pastFalseCommitment, withdrawn, notSigned, …). */
  routeReason: z.string().nullable(),
  commitment: z.object({ at: z.string(), signedBy: z.string().nullable(), noticeVersion: z.string().nullable(), sha256: z.string().nullable() }).nullable(),
  acceptance: z.object({ at: z.string(), kind: z.string(), missing: z.array(z.string()), deadline: z.string().nullable() }).nullable(),
  licence: z.object({
    licenceNo: z.string(), issuedAt: z.string(), status: z.enum(['issued', 'revoked']),
    revokedAt: z.string().nullable(), revocationReason: z.string().nullable(),
  }).nullable(),
  pushes: z.array(push),
  verification: z.object({
    method: z.string().nullable(), dueAt: z.string().nullable(), result: z.enum(['match', 'mismatch']).nullable(), at: z.string().nullable(), by: z.string().nullable(),
  }).nullable(),
  correctionOrder: z.object({ at: z.string(), findings: z.string().nullable(), limit: z.object({ amount: z.number(), unit: z.string() }).nullable(), result: z.string().nullable() }).nullable(),
  creditEntries: z.array(z.object({ at: z.string(), kind: z.string().nullable(), reason: z.string().nullable() })),
});
export type LicensingFacts = z.infer<typeof licensingFactsSchema>;

export function emptyLicensingFacts(): LicensingFacts {
  return {
    kind: 'commitment-licensing', applicant: { name: null, creditCode: null }, itemCode: null, requestedRoute: null, route: null,
    routeReason: null, commitment: null, acceptance: null, licence: null, pushes: [], verification: null, correctionOrder: null, creditEntries: [],
  };
}

const routeOf = (v: unknown) => (v === 'commitment' || v === 'normal' ? v : null);
const targetOf = (v: unknown) => (v === 'enforcement' || v === 'credit' ? v : null);

function updatePush(f: LicensingFacts, target: unknown, change: Partial<LicensingFacts['pushes'][number]>): LicensingFacts {
  const t = targetOf(target);
  return t ? { ...f, pushes: f.pushes.map((p) => (p.target === t ? { ...p, ...change } : p)) } : f;
}

export function foldLicensing(f: LicensingFacts, e: CaseEvent): LicensingFacts {
  const d = e.data;
  const step = e.stepId;
  switch (e.action) {
    case 'start': {
      const input = obj(d.input);
      const applicant = obj(input.applicant);
      const route = routeOf(input.route);
      return { ...f, applicant: { name: str(applicant.name), creditCode: str(applicant.creditCode) }, itemCode: str(input.itemCode), requestedRoute: route, route };
    }
    case 'creditCheck': return { ...f, requestedRoute: routeOf(d.requestedRoute) ?? f.requestedRoute, route: routeOf(d.route), routeReason: str(d.reason) };
    case 'fallBack': return { ...f, route: routeOf(d.route) ?? 'normal', routeReason: str(d.reason) };
    case 'commitmentSigned':
      return { ...f, commitment: { at: when(e), signedBy: byName(e), noticeVersion: str(d.noticeVersion), sha256: str(d.sha256) } };
    case 'accept': case 'acceptWithMissing':
      return step === LicensingStep.Accept
        ? { ...f, acceptance: { at: when(e), kind: e.action, missing: strs(d.missing), deadline: shanghai(d.deadline) } } : f;
    case 'deemedAccepted': return { ...f, acceptance: { at: when(e), kind: 'deemed', missing: [], deadline: null } };
    case 'issue': {
      const licenceNo = str(d.licenceNo);
      return licenceNo ? { ...f, licence: { licenceNo, issuedAt: when(e), status: 'issued', revokedAt: null, revocationReason: null } } : f;
    }
    case 'push': {
      const target = targetOf(d.target);
      if (!target || f.pushes.some((p) => p.target === target)) return f;
      return { ...f, pushes: [...f.pushes, { target, requestedAt: when(e), receiptId: null, acknowledgedAt: null, attempts: null, alert: null }] };
    }
    case 'acknowledged':
      return updatePush(f, d.target, { receiptId: str(d.receiptId), acknowledgedAt: when(e), attempts: num(d.attempts), alert: null });
    case 'alert': case 'alertCleared': {
      // The alert key is push:<licenceId>:<target>.
      const target = str(d.alert)?.split(':').pop();
      return updatePush(f, target, e.action === 'alert' ? { alert: str(d.lastError) ?? '推送失败', attempts: num(d.attempts) } : { alert: null });
    }
    case 'open':
      return step === LicensingStep.Verify
        ? { ...f, verification: { method: str(d.method), dueAt: shanghai(d.dueAt), result: null, at: null, by: null } } : f;
    case 'match': case 'mismatch':
      return step === LicensingStep.Verify
        ? { ...f, verification: { method: str(d.method), dueAt: f.verification?.dueAt ?? null, result: e.action, at: when(e), by: byName(e) } } : f;
    case 'correctionOrder': {
      const limit = obj(d.correctionLimit);
      const amount = num(limit.amount);
      const unit = str(limit.unit);
      return { ...f, correctionOrder: { at: when(e), findings: str(d.findings), limit: amount !== null && unit ? { amount, unit } : null, result: null } };
    }
    case 'corrected': case 'notCorrected':
      return step === LicensingStep.Rectify && f.correctionOrder ? { ...f, correctionOrder: { ...f.correctionOrder, result: e.action } } : f;
    case 'revoke':
      return f.licence ? { ...f, licence: { ...f.licence, status: 'revoked', revokedAt: when(e), revocationReason: str(d.reason) } } : f;
    case 'creditRecorded': return { ...f, creditEntries: [...f.creditEntries, { at: when(e), kind: str(d.kind), reason: str(d.reason) }] };
    default: return f;
  }
}
