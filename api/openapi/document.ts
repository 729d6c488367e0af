// GET /api/openapi.json, generated from the same zod schemas the routes parse with.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { loginSchema } from '../auth/router';
import { taskActionBodySchema } from '../tasks/router';
import { taskQuerySchema } from '../tasks/inbox-query';
import { taskActionResponseSchema } from '../tasks/act-on-task';
import { instanceQuerySchema } from '../instances/router';
import { diagramBodySchema } from '../processes/router';
import { startBodySchema } from '../processes/start-instance';
import { catalogEntryBodySchema } from '../catalogs/router';
import { advanceBodySchema } from '../admin/router';
import { hotlineDrillDownQuerySchema, hotlineMetricsQuerySchema, kpiQuerySchema } from '../metrics/router';
import { dispatchSuggestionQuerySchema } from '../hotline/router';
import { claimBodySchema, reissueBodySchema } from '../licensing/claims';
import { bindSubjectBodySchema } from '../licensing/subjects';
import { PROCESS_CONTRACTS } from '../../domain/processes';
import * as R from './responses';
import { passwordChangeBodySchema, totpConfirmBodySchema, totpEnrolBodySchema } from '../auth/account-router';
import { orgUnitCreateBodySchema, orgUnitPatchBodySchema } from '../admin/org-admin-router';
import { passwordResetBodySchema, reasonBodySchema, userCreateBodySchema, userPatchBodySchema, userRolesBodySchema } from '../admin/user-admin-router';
import { securityLogExportQuerySchema, securityLogQuerySchema } from '../admin/security-log-router';
import { importQuerySchema } from '../admin/import-router';
import { registerRandomInspectionPaths } from './random-inspection';

const errorSchema = z.object({
  error: z.object({
    code: z.string(), message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string().describe('in the language of Accept-Language (zh-CN unless en is preferred)') })),
  }),
}).meta({ id: 'Error' });
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'invalid input; details name each bad field', ...json(errorSchema) },
  401: { description: 'missing or bad token', ...json(errorSchema) },
  403: { description: 'role, org scope or separation of duties', ...json(errorSchema) },
  404: { description: 'unknown id', ...json(errorSchema) },
  409: { description: 'stale, duplicate or already done', ...json(errorSchema) },
  503: { description: 'a dependency (database, Temporal, worker) is unavailable; retry', ...json(errorSchema) },
};
/** A 200 answer with its schema, and the errors every endpoint may answer. */
/** Answers added by the administration, start-form and hotline work whose schemas are still to be written (named so). */
const notYetDescribed = z.looseObject({}).meta({ id: 'NotYetDescribed' }).describe('answer schema not written yet; see the summary');
const ok = (description: string, schema: z.ZodType = notYetDescribed) => ({ 200: { description, ...json(schema) }, ...errors });

export function buildOpenApiDocument(): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const id = (name: string) => z.object({ [name]: z.string() });

  registry.registerPath({ method: 'get', path: '/api/health', summary: 'Health of the API, database and Temporal', security: [], responses: { 200: { description: 'all parts answer', ...json(R.healthSchema) }, 503: { description: 'a part is down', ...json(R.healthSchema) } } });
  registry.registerPath({
    method: 'post', path: '/api/auth/login', summary: 'Sign in', security: [], request: { body: json(loginSchema) },
    responses: { ...ok('token and user', R.loginAnswerSchema), 429: { description: 'too many failed sign-ins; see Retry-After', ...json(errorSchema) } },
  });
  registry.registerPath({ method: 'get', path: '/api/auth/options', summary: 'Which sign-in methods are on: passwords always, single sign-on (OpenID Connect) when configured', security: [], responses: ok('{ password, oidc }', R.signInOptionsSchema) });
  registry.registerPath({ method: 'get', path: '/api/me', summary: 'The signed-in user, and what they must do first', responses: ok('user', R.meSchema) });
  registry.registerPath({ method: 'get', path: '/api/processes', summary: 'Process definitions', responses: ok('list', z.array(R.processSummarySchema)) });
  registry.registerPath({ method: 'get', path: '/api/processes/{key}', summary: 'One process with its current BPMN and version history', request: { params: id('key') }, responses: ok('process', R.processDefinitionSchema) });
  registry.registerPath({ method: 'get', path: '/api/processes/{key}/versions/{version}', summary: 'One published diagram version', request: { params: z.object({ key: z.string(), version: z.string() }) }, responses: ok('version', R.processVersionSchema) });
  registry.registerPath({ method: 'get', path: '/api/processes/{key}/conformance', summary: 'Diagram versus code, and recorded instances replayed on the diagram (auditors, designers, admins, district leaders)', request: { params: id('key'), query: z.object({ limit: z.string().optional() }) }, responses: ok('{ static, fitness, instancesChecked, deviations }', R.conformanceSchema) });
  registry.registerPath({ method: 'put', path: '/api/processes/{key}/diagram', summary: 'Publish a new diagram version (process_designer)', request: { params: id('key'), body: json(diagramBodySchema) }, responses: ok('{ version }', R.publishedSchema) });
  const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(200).optional()
    .describe('repeat a request whose answer was lost: the same key gets the first answer; the same key with another request is 422') });
  for (const contract of Object.values(PROCESS_CONTRACTS)) {
    registry.registerPath({
      method: 'get', path: `/api/processes/${contract.key}/start-form`, summary: `The start form of ${contract.name} (${contract.startRoles.join(', ')})`,
      responses: ok('{ key, name, description, schema (JSON Schema of input), choices (by field path: { value, label, fill? }), defaults }', R.startFormSchema),
    });
    registry.registerPath({
      method: 'post', path: `/api/processes/${contract.key}/instances`, summary: `Start ${contract.name}`,
      request: { body: json(startBodySchema.extend({ input: contract.inputSchema as z.ZodType })), headers: idempotencyHeader },
      responses: { 201: { description: contract.key === 'commitment-licensing'
        ? '{ instanceId, next, claim? }: next names the tasks the first step opened; a window clerk\'s counter filing also answers { claim: { code, expiresAt } }, the one-time code the party redeems on the portal (shown this once)'
        : '{ instanceId, next }: next names the tasks the first step opened (act on one without polling the inbox)', ...json(R.startedSchema) }, ...errors },
    });
  }
  registry.registerPath({ method: 'get', path: '/api/instances', summary: 'Search instances', request: { query: instanceQuerySchema }, responses: ok('{ items, nextCursor }', R.instancePageSchema) });
  registry.registerPath({ method: 'get', path: '/api/instances/{id}', summary: 'One instance, with its case file (facts) per process', request: { params: id('id') }, responses: ok('instance', R.instanceDetailSchema) });
  registry.registerPath({ method: 'get', path: '/api/instances/{id}/audit', summary: 'Audit trail', request: { params: id('id') }, responses: ok('{ events }', R.auditTrailSchema) });
  registry.registerPath({ method: 'get', path: '/api/instances/{id}/conformance', summary: 'One instance replayed on its diagram', request: { params: id('id') }, responses: ok('{ instanceId, fitness, moves, deviations }', R.instanceConformanceSchema) });
  registry.registerPath({ method: 'get', path: '/api/instances/{id}/audit/verify', summary: 'Verify the audit trail against the latest signed checkpoint and the projections', request: { params: id('id') }, responses: { 200: { description: 'the chain re-hashed, compared with the latest signed checkpoint and with the task and instance rows', ...json(R.chainVerificationSchema) }, ...errors } });
  registry.registerPath({ method: 'get', path: '/api/tasks', summary: 'Inbox', request: { query: taskQuerySchema }, responses: ok('{ items, nextCursor }', R.taskPageSchema) });
  registry.registerPath({ method: 'get', path: '/api/tasks/counts', summary: 'Inbox counts for the menu', responses: ok('{ mine, available, overdue }', R.taskCountsSchema) });
  registry.registerPath({ method: 'get', path: '/api/tasks/{taskId}', summary: 'One task, its action forms, and for a penalty task the 90-day clock and the amount owed', request: { params: id('taskId') }, responses: ok('task', R.taskDetailSchema) });
  registry.registerPath({ method: 'post', path: '/api/tasks/{taskId}/claim', summary: 'Claim a task', request: { params: id('taskId') }, responses: ok('task', R.taskSchema) });
  registry.registerPath({
    method: 'post', path: '/api/tasks/{taskId}/actions', summary: 'Act on a task',
    request: {
      params: id('taskId'), body: json(taskActionBodySchema),
      headers: idempotencyHeader,
    },
    responses: ok('the task\'s state and the tasks its step opened (next)', taskActionResponseSchema),
  });
  registry.registerPath({ method: 'get', path: '/api/catalogs/{name}', summary: 'A catalog', request: { params: id('name') }, responses: ok('entries', z.array(R.catalogEntrySchema)) });
  registry.registerPath({ method: 'put', path: '/api/catalogs/{name}/{code}', summary: 'Edit one catalog entry (admin)', request: { params: z.object({ name: z.string(), code: z.string() }), body: json(catalogEntryBodySchema) }, responses: ok('entry', R.catalogEntrySchema) });
  registry.registerPath({ method: 'get', path: '/api/org-units', summary: 'Org units', responses: ok('list', z.array(R.orgUnitSchema)) });
  registry.registerPath({ method: 'get', path: '/api/users', summary: 'Users, by role', request: { query: z.object({ role: z.string().optional(), orgUnitId: z.string().optional() }) }, responses: ok('list', z.array(R.userSchema)) });
  registry.registerPath({ method: 'get', path: '/api/admin/alerts', summary: 'Open alerts, e.g. a licence push failing for a long time (admin); ?status=all includes cleared ones', request: { query: z.object({ status: z.enum(['all']).optional() }) }, responses: ok('{ alerts }', z.object({ alerts: z.array(R.alertSchema) })) });
  registry.registerPath({ method: 'get', path: '/api/licensing/credit-records', summary: 'Credit registry entries of an applicant', request: { query: z.object({ creditCode: z.string() }) }, responses: ok('{ records }', z.object({ records: z.array(R.creditRecordSchema) })) });
  registry.registerPath({ method: 'get', path: '/api/licensing/licences', summary: 'Licences issued to an applicant', request: { query: z.object({ creditCode: z.string() }) }, responses: ok('{ licences }', z.object({ licences: z.array(R.licenceSchema) })) });
  registry.registerPath({
    method: 'get', path: '/api/licensing/applications', summary: 'The portal home: the signed-in member of the public\'s own applications, with the step each waits on, the notice text to sign (and its sha256) and the licence once issued',
    responses: ok('{ items: [{ instanceId, title, status, applicant, steps: [{ taskId, stepId, name, dueAt, overdue, yours, notice }], licence }] }', R.portalApplicationsSchema),
  });
  registry.registerPath({
    method: 'post', path: '/api/licensing/claims', summary: 'Redeem the claim code of a counter filing (the party\'s portal account): binds the case to the account',
    request: { body: json(claimBodySchema) }, responses: { ...ok('{ instanceId }', R.claimedSchema), 404: { description: 'no case with this code', ...json(errorSchema) }, 409: { description: 'the code was used or has expired', ...json(errorSchema) } },
  });
  registry.registerPath({
    method: 'post', path: '/api/licensing/claim-codes', summary: 'Re-issue the claim code of an unclaimed counter filing of the clerk\'s street (window_clerk); voids the previous code',
    request: { body: json(reissueBodySchema) }, responses: { 201: { description: '{ code, expiresAt }', ...json(R.claimCodeSchema) }, ...errors },
  });
  registry.registerPath({
    method: 'post', path: '/api/licensing/portal-subjects', summary: 'Bind a subject (credit code, ID number) to a portal account of the clerk\'s street after checking its papers (window_clerk)',
    request: { body: json(bindSubjectBodySchema) }, responses: { 201: { description: '{ id, username, name, creditCode, idNumber, verifiedVia }', ...json(R.portalSubjectSchema) }, ...errors },
  });
  registry.registerPath({ method: 'get', path: '/api/metrics/kpis', summary: 'Assessment rates by unit and period (leaders, auditors, admins, shift chiefs, dispatchers)', request: { query: kpiQuerySchema }, responses: ok('{ closureRate, onTimeRate, ..., byUnit }', R.kpisSchema) });
  registry.registerPath({ method: 'get', path: '/api/admin/clock', summary: 'The current (possibly simulated) time', responses: ok('{ now, simulation }', R.clockSchema) });
  registry.registerPath({ method: 'post', path: '/api/admin/clock/advance', summary: 'Advance the simulated clock (admin, simulation only)', request: { body: json(advanceBodySchema) }, responses: ok('{ now }', R.advancedSchema) });
  // The account's own: reachable before a forced password change or TOTP enrolment.
  registry.registerPath({ method: 'post', path: '/api/auth/password', summary: 'Change one\'s own password (≥ 10 characters, three classes, not the user name); ends the account\'s other sessions', request: { body: json(passwordChangeBodySchema) }, responses: ok('{ changed }', R.passwordChangedSchema) });
  registry.registerPath({ method: 'post', path: '/api/auth/logout', summary: 'End this session: the token is refused from the next request on', responses: ok('{ signedOut }', R.signedOutSchema) });
  registry.registerPath({ method: 'post', path: '/api/auth/totp/enroll', summary: 'Start enrolling a second factor (RFC 6238 TOTP); asks for the password again', request: { body: json(totpEnrolBodySchema) }, responses: ok('{ secret, otpauthUrl }', R.totpEnrolmentSchema) });
  registry.registerPath({ method: 'post', path: '/api/auth/totp/confirm', summary: 'Confirm the second factor with a code from the authenticator', request: { body: json(totpConfirmBodySchema) }, responses: ok('{ enrolled }', R.totpEnrolledSchema) });
  registry.registerPath({ method: 'get', path: '/api/auth/sign-ins', summary: 'One\'s own sign-in history', responses: ok('{ items }', R.signInHistorySchema) });
  // Administration (三员分立).
  registry.registerPath({ method: 'post', path: '/api/org-units', summary: 'Create an org unit under its parent (admin)', request: { body: json(orgUnitCreateBodySchema) }, responses: { 201: { description: 'the unit', ...json(R.orgUnitSchema) }, ...errors } });
  registry.registerPath({ method: 'patch', path: '/api/org-units/{id}', summary: 'Rename, move, recode or (de)activate an org unit (admin)', request: { params: id('id'), body: json(orgUnitPatchBodySchema) }, responses: ok('the unit', R.orgUnitSchema) });
  registry.registerPath({ method: 'get', path: '/api/admin/users', summary: 'Every account with its state (admin, security_admin)', responses: ok('{ items }', R.adminUserListSchema) });
  registry.registerPath({ method: 'post', path: '/api/users', summary: 'Create an account (admin); its password is changed at first sign-in', request: { body: json(userCreateBodySchema) }, responses: { 201: { description: 'the account', ...json(R.adminUserSchema) }, ...errors } });
  registry.registerPath({ method: 'patch', path: '/api/users/{id}', summary: 'Rename, move or (de)activate an account (admin); deactivation ends its tokens at once', request: { params: id('id'), body: json(userPatchBodySchema) }, responses: ok('the account and the tasks returned to their pool', R.adminUserChangeSchema) });
  registry.registerPath({ method: 'put', path: '/api/users/{id}/roles', summary: 'Set an account\'s roles (security_admin); one administrator role at most, alone', request: { params: id('id'), body: json(userRolesBodySchema) }, responses: ok('the account and the tasks returned to their pool', R.adminUserChangeSchema) });
  registry.registerPath({ method: 'post', path: '/api/users/{id}/password-reset', summary: 'Reset a password (security_admin); changed at next sign-in', request: { params: id('id'), body: json(passwordResetBodySchema) }, responses: ok('the account', R.adminUserSchema) });
  registry.registerPath({ method: 'post', path: '/api/users/{id}/unlock', summary: 'Lift a sign-in lockout (security_admin)', request: { params: id('id'), body: json(reasonBodySchema) }, responses: ok('{ lifted }', R.unlockedSchema) });
  registry.registerPath({ method: 'post', path: '/api/users/{id}/totp-reset', summary: 'Remove a lost second factor (security_admin)', request: { params: id('id'), body: json(reasonBodySchema) }, responses: ok('the account', R.adminUserSchema) });
  registry.registerPath({
    method: 'post', path: '/api/admin/import', summary: 'Import units (header kind,name,parent,code) or users (header username,name,unit,password) from CSV (admin); all or nothing; ?dryRun=true checks only',
    request: { query: importQuerySchema, body: { content: { 'text/csv': { schema: z.string() } } } }, responses: ok('{ kind, created, updated, errors: [{ row, field, message }], dryRun }', R.importResultSchema),
  });
  registry.registerPath({ method: 'get', path: '/api/admin/security-log', summary: 'The security log, newest first (audit_admin)', request: { query: securityLogQuerySchema }, responses: ok('{ items, nextCursor }', R.securityLogPageSchema) });
  registry.registerPath({ method: 'get', path: '/api/admin/security-log/export', summary: 'The security log as CSV (audit_admin); the export is logged', request: { query: securityLogExportQuerySchema }, responses: { 200: { description: 'one line per event, with its hashes', content: { 'text/csv': { schema: z.string() } } }, ...errors } });
  registry.registerPath({ method: 'get', path: '/api/admin/security-log/verify', summary: 'Verify the security log\'s hash chain (audit_admin)', responses: ok('{ ok, events, firstBrokenSeq, headSeq, hashAlgorithm }', R.securityLogVerdictSchema) });
  registry.registerPath({ method: 'get', path: '/api/metrics/hotline', summary: '三率 of 12345 orders by unit and period, with trend (leaders, auditors, admins, the 12345 centre; a street its own)', request: { query: hotlineMetricsQuerySchema }, responses: ok('{ responseRate, resolutionRate, satisfactionRate, byUnit: [{ unitId, name, orders, ... }], trend }', R.hotlineRatesSchema) });
  registry.registerPath({ method: 'get', path: '/api/metrics/hotline/orders', summary: 'The orders behind one of the 三率 for a unit and a period, each with whether it counted (same readers as /api/metrics/hotline)', request: { query: hotlineDrillDownQuerySchema }, responses: ok('{ rate, items: [{ instanceId, title, unitId, period, met, ... }] }', R.hotlineRateOrdersSchema) });
  registry.registerPath({ method: 'get', path: '/api/hotline/queues', summary: 'The 12345 centre\'s queues: calls to dispatch, objections to rule on, return visits (hotline_operator, auditor); urgent first, then by due time', responses: ok('{ intake, objections, returnVisits }', R.hotlineQueuesSchema) });
  registry.registerPath({ method: 'get', path: '/api/hotline/dispatch-suggestion', summary: 'The dispatch catalog\'s unit for a category (and grid): its department, the grid\'s street, or the district when only the area is known (hotline_operator)', request: { query: dispatchSuggestionQuerySchema }, responses: ok('{ unitId, name, kind, basis, complex, eventCategory }', R.dispatchSuggestionSchema) });
  registerRandomInspectionPaths(registry, ok);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Shanzhi (善治) API', version: '0.1.0', description: 'Workflow-engine-centred BPM for grassroots governance.' },
    security: [{ bearer: [] }],
  });
}
