// The whistle case file (吹哨报到案卷): what was reported where, who was whistled in and who leads, the extensions
// and parkings granted, reworks, the resolution and the requester's satisfaction — folded from the audit trail.
import { z } from 'zod';
import { WhistleStep } from '../processes/whistle-escalation';
import { byName, num, obj, str, strs, when, type CaseEvent } from './event';

const grant = z.object({ at: z.string(), approvedBy: z.string().nullable(), reason: z.string().nullable() });

export const whistleFactsSchema = z.object({
  kind: z.literal('whistle-escalation'),
  category: z.string().nullable(),
  gridCode: z.string().nullable(),
  location: z.string().nullable(),
  source: z.enum(['grid', 'hotline']).nullable(),
  /** The departments whistled in (报到), the lead among them, by whom and when. */
  departments: z.array(z.string()),
  lead: z.string().nullable(),
  dispatchedBy: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  escalations: z.array(z.object({ at: z.string(), reason: z.string().nullable(), to: z.string().nullable() })),
  extensions: z.array(grant.extend({ duration: z.string().nullable(), dueAt: z.string().nullable() })),
  parkings: z.array(grant.extend({ resumedAt: z.string().nullable() })),
  reworks: z.number().int(),
  resolution: z.object({ at: z.string(), by: z.string().nullable(), stepId: z.string().nullable(), result: z.string().nullable() }).nullable(),
  rejection: z.object({ at: z.string(), reason: z.string().nullable() }).nullable(),
  satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']).nullable(),
  closedAt: z.string().nullable(),
});
export type WhistleFacts = z.infer<typeof whistleFactsSchema>;

export function emptyWhistleFacts(): WhistleFacts {
  return {
    kind: 'whistle-escalation', category: null, gridCode: null, location: null, source: null, departments: [], lead: null,
    dispatchedBy: null, dispatchedAt: null, escalations: [], extensions: [], parkings: [], reworks: 0, resolution: null,
    rejection: null, satisfaction: null, closedAt: null,
  };
}

const SATISFACTION = new Set(['satisfied', 'basically_satisfied', 'dissatisfied']);

export function foldWhistle(f: WhistleFacts, e: CaseEvent): WhistleFacts {
  const d = e.data;
  const resolved = (result: unknown): WhistleFacts => ({ ...f, resolution: { at: when(e), by: byName(e), stepId: e.stepId, result: str(result) } });
  switch (e.action) {
    case 'start': {
      const input = obj(d.input);
      const source = str(input.source);
      return { ...f, category: str(input.category), gridCode: str(input.gridCode), location: str(input.location),
        source: source === 'grid' || source === 'hotline' ? source : null };
    }
    case 'selfResolve': return resolved(d.result);
    case 'dispatch': case 'direct':
      return { ...f, departments: strs(d.departments), lead: str(d.lead), dispatchedBy: byName(e), dispatchedAt: when(e) };
    case 'escalate':
      return { ...f, escalations: [...f.escalations, { at: when(e), reason: str(d.reason), to: str(d.to) }] };
    case 'extend':
      return { ...f, extensions: [...f.extensions, { at: when(e), approvedBy: str(d.approvedBy), reason: str(d.reason), duration: str(d.duration), dueAt: str(d.dueAt) }] };
    case 'park':
      return { ...f, parkings: [...f.parkings, { at: when(e), approvedBy: str(d.approvedBy), reason: str(d.reason), resumedAt: null }] };
    case 'unpark':
      return { ...f, parkings: f.parkings.map((p, i) => (i === f.parkings.length - 1 && !p.resumedAt ? { ...p, resumedAt: when(e) } : p)) };
    case 'rework': return { ...f, reworks: num(d.reworks) ?? f.reworks + 1, resolution: null };
    case 'resolve': case 'complete': return e.actor ? resolved(d.result) : f;
    case 'reject': return e.stepId === WhistleStep.Dispatch ? { ...f, rejection: { at: when(e), reason: str(d.reason) } } : f;
    case 'record': {
      const s = str(d.satisfaction);
      return e.stepId === WhistleStep.FollowUp && s && SATISFACTION.has(s) ? { ...f, satisfaction: s as WhistleFacts['satisfaction'] } : f;
    }
    case 'close': return { ...f, closedAt: when(e) };
    default: return f;
  }
}
