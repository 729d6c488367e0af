// What a case file is folded from: one audit event as the reducers see it (the row's content without its hash
// chain), and small readers for the loosely typed event data, so each reducer states only what it takes.
import { toShanghaiIso } from '../calendar/deadline';
import type { AuditActor } from '../instance-records';

export interface CaseEvent {
  at: Date;
  actor: AuditActor | null;
  stepId: string | null;
  action: string;
  data: Record<string, unknown>;
}

/** The instant of an event as the API shows every time: Asia/Shanghai with its offset. */
export const when = (e: CaseEvent): string => toShanghaiIso(e.at);

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {});

/** A stored instant (UTC ISO from event data) shown in Shanghai time, or null when absent. */
export function shanghai(v: unknown): string | null {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? toShanghaiIso(new Date(v)) : null;
}

/** Who acted, by name: what a case file shows of a person. */
export const byName = (e: CaseEvent): string | null => e.actor?.name ?? null;
