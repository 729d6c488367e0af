// The shapes the API answers with, under the names the app has always used: each is the generated type of the
// OpenAPI document (./generated.ts, from the server's zod schemas by `npm run gen:client`), never written by hand.
import type { components } from './generated';

type S = components['schemas'];

export type User = S['User'];
export type TimeLimit = S['TimeLimit'];
export type Task = S['Task'];
export type TaskDetail = Omit<S['TaskDetail'], 'forms'> & { forms: ActionForm[] };
export type TaskCounts = S['TaskCounts'];
export type PaymentFacts = S['PaymentFacts'];
export type CaseClock = S['CaseClock'];
export type WhistleFacts = S['WhistleFacts'];
export type PenaltyFacts = S['PenaltyFacts'];
export type LicensingFacts = S['LicensingFacts'];
export type HotlineFacts = S['HotlineFacts'];
export type InstanceSummary = S['InstanceSummary'];
export type CurrentStep = S['CurrentStep'];
export type Waiting = S['Waiting'];
export type InstanceDetail = S['InstanceDetail'];
/** The case file (案卷) of an instance: one shape per process, told apart by `kind`. */
export type CaseFacts = NonNullable<InstanceDetail['facts']>;
export type AuditActor = S['AuditActor'];
export type AuditEvent = S['AuditEvent'];
export type InstanceConformance = S['InstanceConformance'];
export type ChainVerification = S['ChainVerification'];
export type AuditBreak = ChainVerification['breaks'][number];
export type AuditBreakKind = AuditBreak['kind'];
export type ProcessSummary = S['ProcessSummary'];
export type ProcessVersionInfo = S['ProcessVersionInfo'];
export type ProcessDefinition = S['ProcessDefinition'];
export type ProcessVersion = S['ProcessVersion'];
export type Conformance = S['Conformance'];
export type OrgUnit = S['OrgUnit'];
export type Clock = S['Clock'];
export type Rates = S['Kpis']['trend'][number] extends infer T ? Omit<T, 'period'> : never;
export type Kpis = S['Kpis'];
export type HotlineRates = S['HotlineRates'];
export type HotlineRateOrders = S['HotlineRateOrders'];
export type HotlineQueues = S['HotlineQueues'];
export type HotlineQueueItem = S['HotlineQueueItem'];
export type DispatchSuggestion = S['DispatchSuggestion'];

/** A keyset-paged list (TaskPage, InstancePage) over any item. */
export interface Page<T> { items: T[]; nextCursor: string | null }

/** An event category of the catalog: the document types a catalog entry's own fields as open, this one names them. */
export type EventCategory = Pick<S['CatalogEntry'], 'code' | 'name'> & { suggestedDepartments?: string[] };

/**
 * The JSON Schema (draft 2020-12) vocabulary the action forms are drawn from. It describes JSON Schema itself, not an
 * answer of this API, which types an action's schema as an open object.
 */
export interface JsonSchema {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema | false;
  enum?: unknown[]; minLength?: number; maxLength?: number; minItems?: number; maxItems?: number;
  minimum?: number; maximum?: number; format?: string; description?: string; anyOf?: JsonSchema[];
}

export type ActionForm = Omit<S['ActionForm'], 'schema'> & { schema: JsonSchema };

// Issue 14 (start forms and the applicant portal): a start form's schema is the JSON Schema the form generator reads.
export type StartChoice = S['StartChoice'];
export type StartForm = Omit<S['StartForm'], 'schema'> & { schema: JsonSchema };
export type ClaimCode = S['ClaimCode'];
export type Started = S['Started'];
export type PortalNotice = S['PortalNotice'];
export type PortalApplication = S['PortalApplication'];
