// What every endpoint answers, as zod schemas: the OpenAPI document names them (api/openapi/document.ts) and the web
// app's types are generated from that document (npm run gen:client), so the client cannot drift from the server.
import { z } from 'zod';
import { TIME_UNITS } from '../../domain/time-units';
import { HASH_ALGORITHMS } from '../../db/chain-hash';
import { clockStateSchema, penaltyFactsSchema } from '../../domain/case-file/penalty';
import { licensingFactsSchema } from '../../domain/case-file/licensing';
import { whistleFactsSchema } from '../../domain/case-file/whistle';
import { auditVerificationSchema } from '../instances/audit-verification';
import { taskActionResponseSchema } from '../tasks/act-on-task';

const instant = z.string().describe('ISO-8601 instant, Asia/Shanghai offset');
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
/** A named schema (a component of the document, a type of the generated client). */
const named = <T extends z.ZodType>(id: string, schema: T): T => schema.meta({ id }) as T;
/** A named schema or null: a union, so the generated type reads `Name | null`. */
const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

export const userSchema = named('User', z.object({ id: z.string(), username: z.string(), name: z.string(), roles: z.array(z.string()), orgUnitId: z.string() }));
export const loginAnswerSchema = named('LoginAnswer', z.object({
  token: z.string(), user: userSchema, expiresAt: instant.describe('the session\'s absolute limit'),
  mustChangePassword: z.boolean().describe('change the password before anything else'),
  totpRequired: z.boolean().describe('an administrator enrols a second factor before anything else (production)'),
}));
export const meSchema = named('Me', userSchema.extend({ mustChangePassword: z.boolean(), totpRequired: z.boolean(), totpEnrolled: z.boolean() }));
export const signInOptionsSchema = named('SignInOptions', z.object({
  password: z.boolean(),
  oidc: z.object({
    enabled: z.boolean(), loginUrl: z.string().optional().describe('open in the browser: the identity platform, then back to /login#sso=<token>'),
    label: z.string().optional().describe('the installation\'s own label of the button; 统一身份认证登录 when absent'),
  }),
}));
export const passwordChangedSchema = named('PasswordChanged', z.object({ changed: z.literal(true) }));
export const signedOutSchema = named('SignedOut', z.object({ signedOut: z.literal(true) }));
export const totpEnrolmentSchema = named('TotpEnrolment', z.object({ secret: z.string().describe('base32'), otpauthUrl: z.string() }));
export const totpEnrolledSchema = named('TotpEnrolled', z.object({ enrolled: z.literal(true) }));
export const signInHistorySchema = named('SignInHistory', z.object({
  items: z.array(z.object({ at: instant, event: z.string(), address: nullable(z.string()), data: z.record(z.string(), z.unknown()) })),
}));
export const adminUserSchema = named('AdminUser', z.object({
  id: z.string(), username: z.string(), name: z.string(), roles: z.array(z.string()), orgUnitId: z.string(), active: z.boolean(),
  mustChangePassword: z.boolean(), totpEnrolled: z.boolean(),
}));
export const adminUserListSchema = named('AdminUserList', z.object({ items: z.array(adminUserSchema) }));
export const adminUserChangeSchema = named('AdminUserChange', adminUserSchema.extend({
  tasksReturnedToPool: z.array(z.string()).describe('open tasks the user held that went back to their pool'),
}));
export const unlockedSchema = named('Unlocked', z.object({ lifted: z.number().int() }));
export const importResultSchema = named('ImportResult', z.object({
  kind: z.enum(['units', 'users']), created: z.number().int(), updated: z.number().int(), dryRun: z.boolean(),
  errors: z.array(z.object({ row: z.number().int().describe('as a spreadsheet counts: the header is row 1'), field: z.string(), message: z.string() })),
}));
export const securityEventSchema = named('SecurityEvent', z.object({
  seq: z.number().int(), at: instant, actor: orNull(z.object({ id: z.string(), name: nullable(z.string()) })), event: z.string(),
  target: orNull(z.object({ kind: nullable(z.string()), id: z.string() })), data: z.record(z.string(), z.unknown()), address: nullable(z.string()),
  prevHash: z.string(), hash: z.string(),
}));
export const securityLogPageSchema = named('SecurityLogPage', z.object({ items: z.array(securityEventSchema), nextCursor: nullable(z.string()) }));
export const securityLogVerdictSchema = named('SecurityLogVerdict', z.object({
  ok: z.boolean(), events: z.number().int(), firstBrokenSeq: nullable(z.number().int()), headSeq: z.number().int(),
  hashAlgorithm: z.enum(HASH_ALGORITHMS),
}));
export const timeLimitAnswerSchema = named('TimeLimit', z.object({ unit: z.enum(TIME_UNITS), amount: z.number() }));

export const taskSchema = named('Task', z.object({
  taskId: z.string(), instanceId: z.string(), processKey: z.string(), stepId: z.string(), name: z.string(), title: z.string(),
  role: z.string(), orgUnitId: z.string(),
  assigneeId: nullable(z.string()), assigneeName: nullable(z.string()).describe('the assignee by name'),
  status: z.enum(['open', 'completed', 'timedOut', 'cancelled']), actions: z.array(z.string()), timeLimit: orNull(timeLimitAnswerSchema),
  createdAt: instant, dueAt: instant, parked: z.boolean(), acknowledgeBy: nullable(instant), acknowledgedAt: nullable(instant),
  overdue: z.boolean(), reminded: z.boolean(), supervised: z.boolean(), provisionalDeadline: z.boolean(), calendarVersion: z.string(),
  completedAt: nullable(instant), completedBy: nullable(z.string()), completedByName: nullable(z.string()).describe('who completed it, by name'),
  outcomeAction: nullable(z.string()),
}));

/** A JSON Schema (draft 2020-12) of an action's data, from the action's zod contract. */
export const jsonSchemaSchema = z.record(z.string(), z.unknown()).describe('JSON Schema of the action data');
export const actionFormSchema = named('ActionForm', z.object({ action: z.string(), label: z.string(), keepsOpen: z.boolean(), schema: jsonSchemaSchema }));

export const caseClockSchema = named('CaseClock', z.object({
  startedAt: instant, limit: timeLimitAnswerSchema, dueAt: instant, paused: z.boolean(), pausedSince: nullable(instant),
  pausedFor: clockStateSchema.shape.pausedFor, pausedDays: z.number().int(), daysRemaining: z.number().int(),
  finishedAt: nullable(instant).describe('when the clock finished (the decision); days remaining are then as of that day'),
}).describe('the 90-day limit of a penalty case (行政处罚法 art. 60)'));

export const paymentFactsSchema = named('PaymentFacts', z.object({
  fineFen: z.number().int(), dueAt: instant, surchargePercentPerDay: z.number(), lateDays: z.number().int(), surchargeFen: z.number().int(),
  owedFen: z.number().int(), asOf: instant, paidFen: nullable(z.number().int()), paidAt: nullable(instant), courtEnforcementAt: nullable(instant),
}).describe('the fine and what it comes to as of today, or as of its payment (arts. 67, 72)'));

export const penaltyFactsViewSchema = named('PenaltyFacts', penaltyFactsSchema.extend({ clock: orNull(caseClockSchema), payment: orNull(paymentFactsSchema) }));
export const linkedWorkOrderSchema = named('LinkedWorkOrder', z.object({
  orderNumber: z.string().describe('the 12345 order\'s instance id'), status: z.string().describe('the order\'s instance status'),
  stage: z.enum(['received', 'dispatched', 'reported', 'visited']), kind: z.string(), urgent: z.boolean(),
  receivedAt: nullable(instant), handleDueAt: nullable(instant), reportedAt: nullable(instant),
  satisfaction: nullable(z.string()),
}).describe('the 12345 work order a whistle case was filed for (接诉即办), from the order\'s row'));
const whistleFacts = named('WhistleFacts', whistleFactsSchema.extend({
  hotlineOrderId: z.string().optional().describe('the linked order\'s number (as workOrder.orderNumber)'),
  workOrder: orNull(linkedWorkOrderSchema).optional().describe('the linked 12345 work order; null for a case reported from the grid'),
}));
const licensingFacts = named('LicensingFacts', licensingFactsSchema);
export const hotlineFactsSchema = named('HotlineFacts', z.object({
  kind: z.literal('hotline-order'), callKind: z.string().describe('consultation, request, complaint, report or suggestion'), category: z.string(), urgent: z.boolean(),
  receivedAt: nullable(instant), answeredAt: nullable(instant), unitId: nullable(z.string()).describe('the unit responsible now (the last dispatch)'),
  linkedCaseId: nullable(z.string()).describe('a street\'s linked whistle case'), handleDueAt: nullable(instant), reportedAt: nullable(instant),
  extensions: z.number().int(), reopened: z.boolean(), visitedAt: nullable(instant), resolved: nullable(z.boolean()), satisfaction: nullable(z.string()),
  dispatches: z.array(z.object({
    seq: z.number().int(), unitId: z.string(), dispatchedAt: instant, contactDueAt: instant, contactedAt: nullable(instant),
    contactedInTime: nullable(z.boolean()), objection: nullable(z.string()), ruling: nullable(z.enum(['upheld', 'refused'])),
  })),
}).describe('a 12345 work order\'s file (接诉即办): its dispatches with contact deadlines, objections and rulings, handling and return visit'));
export const caseFactsSchema = named('CaseFacts', z.discriminatedUnion('kind', [whistleFacts, penaltyFactsViewSchema, licensingFacts, hotlineFactsSchema])
  .describe('the case file (案卷): one schema per process, told apart by kind (the process key)'));

export const taskDetailSchema = named('TaskDetail', taskSchema.extend({
  forms: z.array(actionFormSchema),
  context: z.object({ payment: paymentFactsSchema.optional(), clock: caseClockSchema.optional() }),
}));

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: nullable(z.string()) });
export const taskPageSchema = named('TaskPage', page(taskSchema));
export const taskCountsSchema = named('TaskCounts', z.object({ mine: z.number().int(), available: z.number().int(), overdue: z.number().int() }));

export const instanceSummarySchema = named('InstanceSummary', z.object({
  instanceId: z.string(), processKey: z.string(), title: z.string(), status: z.string(), startedAt: instant, closedAt: nullable(instant),
  currentSteps: z.array(z.string()), overdue: z.boolean(),
}));
export const instancePageSchema = named('InstancePage', page(instanceSummarySchema));

export const currentStepSchema = named('CurrentStep', z.object({
  stepId: z.string(), taskId: z.string(), name: z.string(), orgUnitId: z.string(), assigneeId: nullable(z.string()),
  assigneeName: nullable(z.string()), dueAt: instant, overdue: z.boolean(),
}));
export const waitingSchema = named('Waiting', z.object({
  stepId: z.string(), taskId: z.string(), kind: z.enum(['missingMaterial', 'rectification']), missing: z.array(z.string()), deadline: instant, overdue: z.boolean(),
}));
export const instanceDetailSchema = named('InstanceDetail', z.object({
  instanceId: z.string(), processKey: z.string(), processVersion: z.number().int(), title: z.string(), status: z.string(),
  input: z.record(z.string(), z.unknown()), orgUnitId: z.string(), currentSteps: z.array(currentStepSchema), completedSteps: z.array(z.string()),
  waiting: z.array(waitingSchema), startedAt: instant, closedAt: nullable(instant), outcome: nullable(z.record(z.string(), z.unknown())),
  clock: orNull(caseClockSchema).describe('a running penalty case\'s 90-day clock'),
  facts: orNull(caseFactsSchema),
}));

export const auditActorSchema = named('AuditActor', z.object({ id: z.string(), name: z.string(), role: z.string(), orgUnitId: z.string() }));
export const auditEventSchema = named('AuditEvent', z.object({
  seq: z.number().int(), at: instant, actor: orNull(auditActorSchema), stepId: nullable(z.string()), action: z.string(),
  data: z.record(z.string(), z.unknown()), prevHash: z.string(), hash: z.string(),
}));
export const auditTrailSchema = named('AuditTrail', z.object({ events: z.array(auditEventSchema) }));
export const chainVerificationSchema = named('ChainVerification', auditVerificationSchema);

const deviation = z.object({ from: z.string(), to: z.string() });
export const instanceConformanceSchema = named('InstanceConformance', z.object({
  instanceId: z.string(), fitness: z.number(), moves: z.array(deviation.extend({ ok: z.boolean() })), deviations: z.array(deviation),
}));
export const conformanceSchema = named('Conformance', z.object({
  static: z.object({ version: z.number().int(), missingInDiagram: z.array(z.string()), missingInCode: z.array(z.string()) }),
  fitness: nullable(z.number()), instancesChecked: z.number().int(), deviations: z.array(deviation.extend({ instanceId: z.string() })),
  mostCommonDeviations: z.array(deviation.extend({ count: z.number().int() })),
}));

export const processSummarySchema = named('ProcessSummary', z.object({ key: z.string(), name: z.string(), version: z.number().int(), description: z.string() }));
export const processVersionInfoSchema = named('ProcessVersionInfo', z.object({ version: z.number().int(), createdAt: instant, createdBy: z.string() }));
const stepParameters = z.record(z.string(), z.object({ role: z.string().optional(), timeLimit: timeLimitAnswerSchema.optional() }));
export const processDefinitionSchema = named('ProcessDefinition', processSummarySchema.extend({ bpmnXml: z.string(), parameters: stepParameters, versions: z.array(processVersionInfoSchema) }));
export const processVersionSchema = named('ProcessVersion', z.object({ key: z.string(), version: z.number().int(), bpmnXml: z.string(), parameters: stepParameters, createdAt: instant, createdBy: z.string() }));
export const publishedSchema = named('Published', z.object({ version: z.number().int() }));
export const claimCodeSchema = named('ClaimCode', z.object({ code: z.string(), expiresAt: instant }));
export const startedSchema = named('Started', z.object({
  instanceId: z.string(),
  next: taskActionResponseSchema.shape.next.describe('the tasks the case opened with its first step, to act on without polling the inbox; empty when none opened at once'),
  claim: orNull(claimCodeSchema).optional(),
}));
export const claimedSchema = named('Claimed', z.object({ instanceId: z.string() }));

export const startChoiceSchema = named('StartChoice', z.object({
  value: z.string(), label: z.string(),
  fill: z.record(z.string(), z.string()).optional().describe('the fields of an object field set at once by this choice (a bound subject\'s name and code)'),
}));
export const startFormSchema = named('StartForm', z.object({
  key: z.string(), name: z.string(), description: z.string(),
  schema: jsonSchemaSchema.describe('JSON Schema (2020-12) of the start body\'s input'),
  choices: z.record(z.string(), z.array(startChoiceSchema)).describe('choices by dotted field path (matter, inspectors, applicant), scoped as the start checks them'),
  defaults: z.record(z.string(), z.unknown()).describe('values the form starts with, by dotted field path'),
}));

export const portalNoticeSchema = named('PortalNotice', z.object({
  version: z.string(), text: z.string().describe('the exact notice text the applicant signs'), sha256: z.string().describe('sha256 of the text, as recorded when signed'),
}));
export const portalApplicationSchema = named('PortalApplication', z.object({
  instanceId: z.string(), title: z.string(), status: z.string(), itemCode: nullable(z.string()), route: nullable(z.string()),
  applicant: z.object({ name: z.string(), creditCode: z.string() }), startedAt: instant, closedAt: nullable(instant),
  steps: z.array(z.object({
    taskId: z.string(), stepId: z.string(), name: z.string(), role: z.string(), dueAt: instant, overdue: z.boolean(),
    yours: z.boolean().describe('the applicant\'s own step (signing the commitment)'), notice: orNull(portalNoticeSchema),
  })),
  licence: orNull(z.object({
    licenceNo: z.string(), itemCode: z.string(), holderName: z.string(), creditCode: z.string(), route: z.string(), status: z.enum(['issued', 'revoked']),
    issuedAt: instant, revokedAt: nullable(instant), revocationReason: nullable(z.string()),
  })),
}));
export const portalApplicationsSchema = named('PortalApplications', z.object({ items: z.array(portalApplicationSchema) }));

export const orgUnitSchema = named('OrgUnit', z.object({
  id: z.string(), kind: z.enum(['district', 'street', 'community', 'grid', 'department']), name: z.string(), parentId: nullable(z.string()), code: nullable(z.string()),
  active: z.boolean().optional(),
}));
export const catalogEntrySchema = named('CatalogEntry', z.object({ code: z.string(), name: z.string(), updatedAt: instant, updatedBy: nullable(z.string()) })
  .catchall(z.unknown()).describe('one catalog entry: its code, name and the catalog\'s own fields'));

export const alertSchema = named('Alert', z.object({
  key: z.string(), kind: z.string(), instanceId: nullable(z.string()), message: z.string(), data: z.record(z.string(), z.unknown()),
  raisedAt: instant, clearedAt: nullable(instant),
}));
export const creditRecordSchema = named('CreditRecord', z.object({
  id: z.string(), creditCode: z.string(), kind: z.string(), reason: z.string(), instanceId: nullable(z.string()), licenceNo: nullable(z.string()),
  itemCode: nullable(z.string()), recordedAt: instant,
}));
export const licenceSchema = named('Licence', z.object({
  id: z.string(), licenceNo: z.string(), instanceId: z.string(), itemCode: z.string(), holderName: z.string(), creditCode: z.string(),
  route: z.string(), status: z.string(), issuedAt: instant, revokedAt: nullable(instant), revocationReason: nullable(z.string()),
}));
export const portalSubjectSchema = named('PortalSubject', z.object({
  id: z.string(), username: z.string(), name: z.string(), creditCode: nullable(z.string()), idNumber: nullable(z.string()), verifiedVia: z.unknown(),
}));

export const ratesSchema = named('Rates', z.object({
  cases: z.number().int(), closureRate: nullable(z.number()), onTimeRate: nullable(z.number()), selfResolutionRate: nullable(z.number()),
  satisfactionRate: nullable(z.number()), reworkRate: nullable(z.number()), overdueRate: nullable(z.number()),
}));
export const kpisSchema = named('Kpis', ratesSchema.extend({
  from: instant, to: instant, processKey: z.string().optional(), granularity: z.enum(['day', 'week']),
  byUnit: z.array(ratesSchema.extend({ orgUnitId: z.string(), name: z.string(), kind: z.enum(['street', 'department']) })),
  trend: z.array(ratesSchema.extend({ period: z.string() })),
}));
const hotlineRates = { responseRate: nullable(z.number()), resolutionRate: nullable(z.number()), satisfactionRate: nullable(z.number()) };
export const hotlineRatesSchema = named('HotlineRates', z.object({
  from: instant, to: instant, granularity: z.enum(['day', 'week']), unitId: z.string().optional(), ...hotlineRates,
  byUnit: z.array(z.object({ unitId: z.string(), name: z.string(), orders: z.number().int(), contacts: z.number().int(), visits: z.number().int(), ...hotlineRates })),
  trend: z.array(z.object({ period: z.string(), ...hotlineRates })),
}));
export const hotlineRateOrdersSchema = named('HotlineRateOrders', z.object({
  rate: z.enum(['response', 'resolution', 'satisfaction']), from: instant, to: instant, granularity: z.enum(['day', 'week']),
  items: z.array(z.object({
    instanceId: z.string(), title: z.string(), status: nullable(z.string()), unitId: z.string(), unitName: z.string(),
    period: z.string(), at: instant.describe('the dispatch (response) or the return visit'), met: z.boolean().describe('counted in the numerator'),
    contactDueAt: nullable(instant), contactedAt: nullable(instant), resolved: nullable(z.boolean()), satisfaction: nullable(z.string()),
  })),
  truncated: z.boolean(),
}));
const hotlineQueueItemSchema = named('HotlineQueueItem', z.object({
  taskId: z.string(), instanceId: z.string(), stepId: z.string(), title: z.string(), createdAt: instant, dueAt: instant, overdue: z.boolean(),
  urgent: z.boolean(), kind: z.string(), category: z.string(),
  caller: z.object({ name: z.string(), phone: z.string() }).describe('in full to the centre and auditors'),
  content: z.string(), location: nullable(z.string()), gridCode: nullable(z.string()),
  suggestedUnitId: nullable(z.string()), suggestedUnitName: nullable(z.string()), unitId: nullable(z.string()), unitName: nullable(z.string()),
  objection: nullable(z.string()), reported: nullable(z.boolean()), result: nullable(z.string()), linkedCaseId: nullable(z.string()), reopened: z.boolean(),
}));
export const hotlineQueuesSchema = named('HotlineQueues', z.object({
  intake: z.array(hotlineQueueItemSchema), objections: z.array(hotlineQueueItemSchema), returnVisits: z.array(hotlineQueueItemSchema),
}));
export const dispatchSuggestionSchema = named('DispatchSuggestion', z.object({
  unitId: z.string(), name: z.string(), kind: nullable(z.string()), basis: z.enum(['department', 'street', 'district']),
  complex: z.boolean(), eventCategory: z.string(),
}));
export const clockSchema = named('Clock', z.object({ now: instant, simulation: z.boolean() }));
export const advancedSchema = named('Advanced', z.object({ now: instant }));
export const healthSchema = named('Health', z.record(z.string(), z.unknown()).describe('each part and whether it answers'));
