// The edge of the world for the credit registry (信用库): credit checks, credit entries and licence publication.
// The database adapter is the embedded default; an external registry plugs in behind the same interface.
// Both normalise the credit code on the way in and out (case, spaces, full-width characters), so neither a record
// nor a lookup can miss an entry by spelling — also for cases started before the input schema normalised it.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { creditRecords } from '../db/schema';
import { normaliseIdentifier } from '../domain/identifiers';

export type CreditKind = 'licence' | 'good' | 'bad' | 'falseCommitment';

export interface CreditEntry {
  /** Deterministic id, so a retried write records the entry once. */
  id: string;
  creditCode: string;
  kind: CreditKind;
  reason: string;
  instanceId: string | null;
  licenceNo: string | null;
  /** The licence item the entry is about, when it is about one (a false commitment bars that item, art. 79). */
  itemCode: string | null;
  recordedAt: Date;
}

export interface LicenceView {
  licenceNo: string;
  itemCode: string;
  holderName: string;
  creditCode: string;
  route: 'commitment' | 'normal';
  issuedAt: string;
}

export interface CreditRegistry {
  /** Entries that bar the commitment route: bad credit and past false commitments. */
  adverseEntries(creditCode: string): Promise<CreditEntry[]>;
  record(entry: CreditEntry): Promise<void>;
  /** Publishes an issued licence (行政许可信息公示); resolves with the registry's receipt id once acknowledged. */
  publishLicence(licence: LicenceView): Promise<{ receiptId: string }>;
}

export class DbCreditRegistry implements CreditRegistry {
  constructor(private readonly db: Db) {}

  async adverseEntries(creditCode: string): Promise<CreditEntry[]> {
    return this.db.select().from(creditRecords)
      .where(and(eq(creditRecords.creditCode, normaliseIdentifier(creditCode)), inArray(creditRecords.kind, ['bad', 'falseCommitment'])));
  }

  async record(entry: CreditEntry): Promise<void> {
    await this.db.insert(creditRecords).values({ ...entry, creditCode: normaliseIdentifier(entry.creditCode) }).onConflictDoNothing();
  }

  async publishLicence(licence: LicenceView): Promise<{ receiptId: string }> {
    const id = `licence:${licence.licenceNo}`;
    await this.record({ id, creditCode: licence.creditCode, kind: 'licence', reason: `行政许可 ${licence.itemCode}`,
      instanceId: null, licenceNo: licence.licenceNo, itemCode: licence.itemCode, recordedAt: new Date() });
    return { receiptId: id };
  }
}

/** An external registry's HTTP API (configured by SHANZHI_CREDIT_URL); same contract as the database adapter. */
export class HttpCreditRegistry implements CreditRegistry {
  constructor(private readonly url: string) {}

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${this.url}${path}`, { ...init, headers: { 'content-type': 'application/json' } });
    if (!response.ok) throw new Error(`credit registry answered ${response.status}`);
    return response.json() as Promise<T>;
  }

  async adverseEntries(creditCode: string): Promise<CreditEntry[]> {
    const entries = await this.call<Array<Omit<CreditEntry, 'recordedAt' | 'itemCode'> & { recordedAt: string; itemCode?: string | null }>>(
      `/entries?creditCode=${encodeURIComponent(normaliseIdentifier(creditCode))}&adverse=1`);
    return entries.map((e) => ({ ...e, itemCode: e.itemCode ?? null, recordedAt: new Date(e.recordedAt) }));
  }

  async record(entry: CreditEntry): Promise<void> {
    await this.call('/entries', { method: 'POST', body: JSON.stringify({ ...entry, creditCode: normaliseIdentifier(entry.creditCode) }) });
  }

  async publishLicence(licence: LicenceView): Promise<{ receiptId: string }> {
    return this.call('/licences', { method: 'POST', body: JSON.stringify({ ...licence, creditCode: normaliseIdentifier(licence.creditCode) }) });
  }
}
