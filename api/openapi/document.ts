// GET /api/openapi.json, generated from the same zod schemas the routes parse with.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { loginSchema } from '../auth/router';
import { taskActionBodySchema, taskQuerySchema } from '../tasks/router';
import { instanceQuerySchema } from '../instances/router';
import { auditVerificationSchema } from '../instances/audit-verification';
import { diagramBodySchema } from '../processes/router';
import { startBodySchema } from '../processes/start-instance';
import { catalogEntryBodySchema } from '../catalogs/router';
import { advanceBodySchema } from '../admin/router';
import { hotlineMetricsQuerySchema, kpiQuerySchema } from '../metrics/router';
import { claimBodySchema, reissueBodySchema } from '../licensing/claims';
import { bindSubjectBodySchema } from '../licensing/subjects';
import { PROCESS_CONTRACTS } from '../../domain/processes';

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })) }),
});
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'invalid input; details name each bad field', ...json(errorSchema) },
  401: { description: 'missing or bad token', ...json(errorSchema) },
  403: { description: 'role, org scope or separation of duties', ...json(errorSchema) },
  404: { description: 'unknown id', ...json(errorSchema) },
  409: { description: 'stale, duplicate or already done', ...json(errorSchema) },
  503: { description: 'a dependency (database, Temporal, worker) is unavailable; retry', ...json(errorSchema) },
};
const ok = (description: string) => ({ 200: { description }, ...errors });

export function buildOpenApiDocument(): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const id = (name: string) => z.object({ [name]: z.string() });

  registry.registerPath({ method: 'get', path: '/api/health', summary: 'Health of the API, database and Temporal', security: [], responses: { 200: { description: 'all parts answer' }, 503: { description: 'a part is down' } } });
  registry.registerPath({
    method: 'post', path: '/api/auth/login', summary: 'Sign in', security: [], request: { body: json(loginSchema) },
    responses: { ...ok('token and user'), 429: { description: 'too many failed sign-ins; see Retry-After', ...json(errorSchema) } },
  });
  registry.registerPath({ method: 'get', path: '/api/me', summary: 'The signed-in user', responses: ok('user') });
  registry.registerPath({ method: 'get', path: '/api/processes', summary: 'Process definitions', responses: ok('list') });
  registry.registerPath({ method: 'get', path: '/api/processes/{key}', summary: 'One process with its current BPMN and version history', request: { params: id('key') }, responses: ok('process') });
  registry.registerPath({ method: 'get', path: '/api/processes/{key}/versions/{version}', summary: 'One published diagram version', request: { params: z.object({ key: z.string(), version: z.string() }) }, responses: ok('version') });
  registry.registerPath({ method: 'get', path: '/api/processes/{key}/conformance', summary: 'Diagram versus code, and recorded instances replayed on the diagram (auditors, designers, admins, district leaders)', request: { params: id('key'), query: z.object({ limit: z.string().optional() }) }, responses: ok('{ static, fitness, instancesChecked, deviations }') });
  registry.registerPath({ method: 'put', path: '/api/processes/{key}/diagram', summary: 'Publish a new diagram version (process_designer)', request: { params: id('key'), body: json(diagramBodySchema) }, responses: ok('{ version }') });
  const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(200).optional()
    .describe('repeat a request whose answer was lost: the same key gets the first answer; the same key with another request is 422') });
  for (const contract of Object.values(PROCESS_CONTRACTS)) {
    registry.registerPath({
      method: 'post', path: `/api/processes/${contract.key}/instances`, summary: `Start ${contract.name}`,
      request: { body: json(startBodySchema.extend({ input: contract.inputSchema as z.ZodType })), headers: idempotencyHeader },
      responses: { 201: { description: contract.key === 'commitment-licensing'
        ? '{ instanceId, claim? }: a window clerk\'s counter filing also answers { claim: { code, expiresAt } }, the one-time code the party redeems on the portal (shown this once)'
        : '{ instanceId }' }, ...errors },
    });
  }
  registry.registerPath({ method: 'get', path: '/api/instances', summary: 'Search instances', request: { query: instanceQuerySchema }, responses: ok('{ items, nextCursor }') });
  registry.registerPath({ method: 'get', path: '/api/instances/{id}', summary: 'One instance', request: { params: id('id') }, responses: ok('instance') });
  registry.registerPath({ method: 'get', path: '/api/instances/{id}/audit', summary: 'Audit trail', request: { params: id('id') }, responses: ok('{ events }') });
  registry.registerPath({ method: 'get', path: '/api/instances/{id}/conformance', summary: 'One instance replayed on its diagram', request: { params: id('id') }, responses: ok('{ instanceId, fitness, moves, deviations }') });
  registry.registerPath({ method: 'get', path: '/api/instances/{id}/audit/verify', summary: 'Verify the audit trail against the latest signed checkpoint and the projections', request: { params: id('id') }, responses: { 200: { description: 'the chain re-hashed, compared with the latest signed checkpoint and with the task and instance rows', ...json(auditVerificationSchema) }, ...errors } });
  registry.registerPath({ method: 'get', path: '/api/tasks', summary: 'Inbox', request: { query: taskQuerySchema }, responses: ok('{ items, nextCursor }') });
  registry.registerPath({ method: 'get', path: '/api/tasks/counts', summary: 'Inbox counts for the menu', responses: ok('{ mine, available, overdue }') });
  registry.registerPath({ method: 'get', path: '/api/tasks/{taskId}', summary: 'One task', request: { params: id('taskId') }, responses: ok('task') });
  registry.registerPath({ method: 'post', path: '/api/tasks/{taskId}/claim', summary: 'Claim a task', request: { params: id('taskId') }, responses: ok('task') });
  registry.registerPath({
    method: 'post', path: '/api/tasks/{taskId}/actions', summary: 'Act on a task',
    request: {
      params: id('taskId'), body: json(taskActionBodySchema),
      headers: idempotencyHeader,
    },
    responses: ok('{ taskId, status }'),
  });
  registry.registerPath({ method: 'get', path: '/api/catalogs/{name}', summary: 'A catalog', request: { params: id('name') }, responses: ok('entries') });
  registry.registerPath({ method: 'put', path: '/api/catalogs/{name}/{code}', summary: 'Edit one catalog entry (admin)', request: { params: z.object({ name: z.string(), code: z.string() }), body: json(catalogEntryBodySchema) }, responses: ok('entry') });
  registry.registerPath({ method: 'get', path: '/api/org-units', summary: 'Org units', responses: ok('list') });
  registry.registerPath({ method: 'get', path: '/api/users', summary: 'Users, by role', request: { query: z.object({ role: z.string().optional(), orgUnitId: z.string().optional() }) }, responses: ok('list') });
  registry.registerPath({ method: 'get', path: '/api/admin/alerts', summary: 'Open alerts, e.g. a licence push failing for a long time (admin); ?status=all includes cleared ones', request: { query: z.object({ status: z.enum(['all']).optional() }) }, responses: ok('{ alerts }') });
  registry.registerPath({ method: 'get', path: '/api/licensing/credit-records', summary: 'Credit registry entries of an applicant', request: { query: z.object({ creditCode: z.string() }) }, responses: ok('{ records }') });
  registry.registerPath({ method: 'get', path: '/api/licensing/licences', summary: 'Licences issued to an applicant', request: { query: z.object({ creditCode: z.string() }) }, responses: ok('{ licences }') });
  registry.registerPath({
    method: 'post', path: '/api/licensing/claims', summary: 'Redeem the claim code of a counter filing (the party\'s portal account): binds the case to the account',
    request: { body: json(claimBodySchema) }, responses: { ...ok('{ instanceId }'), 404: { description: 'no case with this code', ...json(errorSchema) }, 409: { description: 'the code was used or has expired', ...json(errorSchema) } },
  });
  registry.registerPath({
    method: 'post', path: '/api/licensing/claim-codes', summary: 'Re-issue the claim code of an unclaimed counter filing of the clerk\'s street (window_clerk); voids the previous code',
    request: { body: json(reissueBodySchema) }, responses: { 201: { description: '{ code, expiresAt }' }, ...errors },
  });
  registry.registerPath({
    method: 'post', path: '/api/licensing/portal-subjects', summary: 'Bind a subject (credit code, ID number) to a portal account of the clerk\'s street after checking its papers (window_clerk)',
    request: { body: json(bindSubjectBodySchema) }, responses: { 201: { description: '{ id, username, name, creditCode, idNumber, verifiedVia }' }, ...errors },
  });
  registry.registerPath({ method: 'get', path: '/api/metrics/kpis', summary: 'Assessment rates by unit and period (leaders, auditors, admins, shift chiefs, dispatchers)', request: { query: kpiQuerySchema }, responses: ok('{ closureRate, onTimeRate, ..., byUnit }') });
  registry.registerPath({ method: 'get', path: '/api/metrics/hotline', summary: '三率 of 12345 orders by unit and period, with trend (leaders, auditors, admins, the 12345 centre; a street its own)', request: { query: hotlineMetricsQuerySchema }, responses: ok('{ responseRate, resolutionRate, satisfactionRate, byUnit: [{ unitId, name, orders, ... }], trend }') });
  registry.registerPath({ method: 'get', path: '/api/admin/clock', summary: 'The current (possibly simulated) time', responses: ok('{ now, simulation }') });
  registry.registerPath({ method: 'post', path: '/api/admin/clock/advance', summary: 'Advance the simulated clock (admin, simulation only)', request: { body: json(advanceBodySchema) }, responses: ok('{ now }') });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Shanzhi (善治) API', version: '0.1.0', description: 'Workflow-engine-centred BPM for grassroots governance.' },
    security: [{ bearer: [] }],
  });
}
