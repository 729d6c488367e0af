// The case file (案卷) of every process: one pure reducer per process folds each audit event into the facts the
// API, lists and exports read (ARCHITECTURE principle 9), so nothing on the read path asks a workflow.
import { z } from 'zod';
import { LICENSING_KEY } from '../processes/commitment-licensing';
import { PENALTY_KEY } from '../processes/inspection-penalty';
import { WHISTLE_KEY } from '../processes/whistle-escalation';
import type { CaseEvent } from './event';
import { emptyLicensingFacts, foldLicensing, licensingFactsSchema, type LicensingFacts } from './licensing';
import { emptyPenaltyFacts, foldPenalty, penaltyFactsSchema, type PenaltyFacts } from './penalty';
import { emptyWhistleFacts, foldWhistle, whistleFactsSchema, type WhistleFacts } from './whistle';

export type { CaseEvent } from './event';
export type CaseFacts = WhistleFacts | PenaltyFacts | LicensingFacts;
export const storedFactsSchema = z.discriminatedUnion('kind', [whistleFactsSchema, penaltyFactsSchema, licensingFactsSchema]);

/** The facts of a case before its first event; null for a process without a case file. */
export function emptyFacts(processKey: string): CaseFacts | null {
  if (processKey === WHISTLE_KEY) return emptyWhistleFacts();
  if (processKey === PENALTY_KEY) return emptyPenaltyFacts();
  if (processKey === LICENSING_KEY) return emptyLicensingFacts();
  return null;
}

/** The facts after one more event. A stored file of an older shape is completed by the empty one first. */
export function foldFacts(processKey: string, facts: CaseFacts | null, event: CaseEvent): CaseFacts | null {
  const empty = emptyFacts(processKey);
  if (!empty) return null;
  const current = { ...empty, ...(facts ?? {}) } as CaseFacts;
  switch (current.kind) {
    case 'whistle-escalation': return foldWhistle(current, event);
    case 'inspection-penalty': return foldPenalty(current, event);
    case 'commitment-licensing': return foldLicensing(current, event);
  }
}

/** The facts of a case from all its events, oldest first (backfill of cases older than the case file). */
export function factsOf(processKey: string, events: CaseEvent[]): CaseFacts | null {
  return events.reduce<CaseFacts | null>((facts, e) => foldFacts(processKey, facts, e), emptyFacts(processKey));
}
