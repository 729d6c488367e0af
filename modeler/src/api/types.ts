// The shapes the API answers with (see the shared API contract), as the web app reads them.
export interface User { id: string; username: string; name: string; roles: string[]; orgUnitId: string }

export interface TimeLimit { unit: 'minutes' | 'workingHours' | 'workingDays' | 'calendarDays'; amount: number }

export interface Task {
  taskId: string; instanceId: string; processKey: string; stepId: string; name: string; title: string;
  role: string; orgUnitId: string; assigneeId: string | null; status: 'open' | 'completed' | 'timedOut' | 'cancelled';
  actions: string[]; timeLimit: TimeLimit | null; createdAt: string; dueAt: string; overdue: boolean;
  reminded: boolean; supervised: boolean; provisionalDeadline: boolean; completedAt: string | null;
  completedBy: string | null; outcomeAction: string | null;
}

export interface JsonSchema {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema | false;
  enum?: unknown[]; minLength?: number; maxLength?: number; minItems?: number; maxItems?: number;
  minimum?: number; maximum?: number; format?: string; description?: string; anyOf?: JsonSchema[];
}

export interface ActionForm { action: string; label: string; keepsOpen: boolean; schema: JsonSchema }

/** What a penalty fine comes to today (arts. 67, 72), computed by the API when read. */
export interface PaymentFacts { fineFen: number; dueAt: string; surchargePercentPerDay: number; lateDays: number; surchargeFen: number; owedFen: number; asOf: string }

/** The 90-day limit of a penalty case (art. 60). */
export interface CaseClock {
  startedAt: string; limit: TimeLimit; dueAt: string; paused: boolean; pausedSince: string | null;
  pausedFor: 'hearing' | 'testing' | 'appraisal' | null; pausedDays: number; daysRemaining: number;
}

export interface TaskDetail extends Task { forms: ActionForm[]; context?: { payment?: PaymentFacts } }

export interface Page<T> { items: T[]; nextCursor: string | null }

export interface TaskCounts { mine: number; available: number; overdue: number }

export interface InstanceSummary {
  instanceId: string; processKey: string; title: string; status: string; startedAt: string; closedAt: string | null;
  currentSteps: string[]; overdue?: boolean;
}

export interface CurrentStep { stepId: string; taskId: string; name: string; orgUnitId: string; assigneeId: string | null; dueAt: string; overdue: boolean }

export interface InstanceDetail {
  instanceId: string; processKey: string; processVersion: number; title: string; status: string;
  input: Record<string, unknown>; orgUnitId: string; currentSteps: CurrentStep[]; completedSteps: string[];
  startedAt: string; closedAt: string | null; outcome: unknown;
  clock?: CaseClock | null; facts?: { payment?: PaymentFacts | null } | null;
  /** What the case waits for from the party (a 容缺 filing), with its date. */
  waiting?: Array<{ stepId: string; taskId: string; kind: 'missingMaterial' | 'rectification'; missing: string[]; deadline: string; overdue: boolean }>;
}

export interface AuditActor { id: string; name: string; role: string; orgUnitId: string }

export interface AuditEvent {
  seq: number; at: string; actor: AuditActor | null; stepId: string | null; action: string;
  data: Record<string, unknown>; prevHash: string; hash: string;
}

export interface InstanceConformance { instanceId: string; fitness: number; deviations: Array<{ from: string; to: string }> }

export type AuditBreakKind = 'altered' | 'missing' | 'reordered' | 'truncated' | 'differsFromCheckpoint' | 'deletedInstance'
  | 'taskEventMissing' | 'instanceEventMissing' | 'badSignature' | 'badRoot';

export interface AuditBreak { kind: AuditBreakKind; instanceId?: string; seq?: number; taskId?: string; message: string }

export interface ChainVerification {
  ok: boolean; events: number; firstBrokenSeq: number | null;
  verifiedUpTo: { checkpointAt: string; events: number } | null; eventsAfterCheckpoint: number; breaks: AuditBreak[];
}

export interface ProcessSummary { key: string; name: string; version: number; description: string }

export interface ProcessVersionInfo { version: number; createdAt: string; createdBy: string }

export interface ProcessDefinition {
  key: string; name: string; description: string; version: number; bpmnXml: string;
  parameters: Record<string, { role?: string; timeLimit?: TimeLimit }>; versions: ProcessVersionInfo[];
}

export interface ProcessVersion { key: string; version: number; bpmnXml: string; createdAt: string; createdBy: string }

export interface Conformance {
  static: { missingInDiagram: string[]; missingInCode: string[] };
  fitness: number | null; instancesChecked: number;
  deviations: Array<{ instanceId: string; from: string; to: string }>;
}

export interface OrgUnit { id: string; kind: 'district' | 'street' | 'community' | 'grid' | 'department'; name: string; parentId: string | null; code: string | null }

export interface EventCategory { code: string; name: string; suggestedDepartments?: string[] }

export interface Clock { now: string; simulation: boolean }

export interface Rates {
  cases: number; closureRate: number | null; onTimeRate: number | null; selfResolutionRate: number | null;
  satisfactionRate: number | null; reworkRate: number | null; overdueRate: number | null;
}

export interface Kpis extends Rates {
  from: string; to: string;
  byUnit: Array<Rates & { orgUnitId: string; name: string; kind: 'street' | 'department' }>;
  trend: Array<Rates & { period: string }>;
}

// Issue 14 (start forms and the applicant portal), kept together at the end for the generated-types merge.
/** One choice of a start-form field; `fill` sets the fields of an object field at once (a bound subject). */
export interface StartChoice { value: string; label: string; fill?: Record<string, string> }

export interface StartForm {
  key: string; name: string; description: string; schema: JsonSchema;
  choices: Record<string, StartChoice[]>; defaults: Record<string, unknown>;
}

export interface ClaimCode { code: string; expiresAt: string }

export interface Started { instanceId: string; claim?: ClaimCode | null }

export interface PortalNotice { version: string; text: string; sha256: string }

export interface PortalApplication {
  instanceId: string; title: string; status: string; itemCode: string | null; route: string | null;
  applicant: { name: string; creditCode: string }; startedAt: string; closedAt: string | null;
  steps: Array<{ taskId: string; stepId: string; name: string; role: string; dueAt: string; overdue: boolean; yours: boolean; notice: PortalNotice | null }>;
  licence: {
    licenceNo: string; itemCode: string; holderName: string; creditCode: string; route: string; status: 'issued' | 'revoked';
    issuedAt: string; revokedAt: string | null; revocationReason: string | null;
  } | null;
}
