// Property-based fuzzing (fast-check) of every endpoint of the OpenAPI document with malformed, oversized,
// wrong-typed and injection-shaped input, signed in with a role that reaches the validation code and signed
// out: never a 5xx, every API refusal in the error format, and the database exactly as it was.
//
// Zero state change holds by construction: every body sent to an endpoint that writes is filtered through the
// same zod schemas the route parses with (or, for diagrams, lacks a step id the code needs), so no generated
// request is a valid one; a claim is only ever tried by users who do not hold the task's role in its unit.
// A 2xx from a writing endpoint therefore fails the test as well.
import fc from 'fast-check';
import request from 'supertest';
import { buildOpenApiDocument } from '../../api/openapi/document';
import { taskActionBodySchema } from '../../api/tasks/router';
import { startBodySchema } from '../../api/processes/start-instance';
import { diagramBodySchema } from '../../api/processes/router';
import { catalogEntryBodySchema } from '../../api/catalogs/router';
import { advanceBodySchema } from '../../api/admin/router';
import { claimBodySchema, reissueBodySchema } from '../../api/licensing/claims';
import { bindSubjectBodySchema } from '../../api/licensing/subjects';
import { passwordChangeBodySchema, totpConfirmBodySchema, totpEnrolBodySchema } from '../../api/auth/account-router';
import { orgUnitCreateBodySchema, orgUnitPatchBodySchema } from '../../api/admin/org-admin-router';
import { passwordResetBodySchema, reasonBodySchema, userCreateBodySchema, userPatchBodySchema, userRolesBodySchema } from '../../api/admin/user-admin-router';
import { hashPassword } from '../../db/passwords';
import { users } from '../../db/schema';
import { CATALOG_NAMES } from '../../db/demo-catalogs';
import { PROCESS_CONTRACTS } from '../../domain/processes';
import { partyConsentSchema, splitConsent } from '../../domain/process-contract';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { PenaltyStep } from '../../domain/processes/inspection-penalty';
import { LicensingStep } from '../../domain/processes/commitment-licensing';
import { fingerprint } from '../support/db-fingerprint';
import { createTestStack, type TestStack } from '../support/test-stack';
import { gridReport, startCase } from '../support/whistle';
import { inspectionInput, startInspection } from '../support/penalty';
import { application, apply, startApplication } from '../support/licensing';
import type { z } from 'zod';

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** A failing run prints its seed (fast-check's report); `FUZZ_SEED=<seed> npm test -- tests/api/fuzz.test.ts` replays it. */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() ^ (Math.random() * 2 ** 31);
const HOSTILE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'];

type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';
interface Endpoint { method: Method; path: string; pathParams: string[]; queryParams: string[]; hasBody: boolean }

const DOCUMENT = buildOpenApiDocument() as {
  paths: Record<string, Partial<Record<Method, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>>>;
};
const ENDPOINTS: Endpoint[] = Object.entries(DOCUMENT.paths).flatMap(([path, operations]) =>
  Object.entries(operations).map(([method, op]) => ({
    method: method as Method, path,
    pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
    queryParams: (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    hasBody: Boolean(op?.requestBody),
  })));
const label = (e: Endpoint) => `${e.method.toUpperCase()} ${e.path}`;
/** Signing in, and signing out without a session (its only callers here), write nothing; every other non-GET endpoint may. */
const writes = (e: Endpoint) => e.method !== 'get' && e.path !== '/api/auth/login' && e.path !== '/api/auth/logout';

// ---------- generators of hostile values ----------

const INJECTIONS = [
  "' OR '1'='1", "'; DROP TABLE instances; --", "1; select pg_sleep(5) --", '" OR ""="', "') OR 1=1; --", "\\'; --",
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${7*7}', '#{7*7}',
  '../../../../etc/passwd', '..\\..\\windows\\win.ini', '%00', '\u0000', 'a\u0000b', '\uD800', '\uDFFFx', '\uFFFE', '🙂👨‍👩‍👧‍👦🏳️‍🌈',
  '\u202Egnp.exe', 'Ａ１－０１', 'e\u0301', '\r\nSet-Cookie: x=1', '%', '%%', '%zz', '%E0%A4%A', '\\', '$where', '{"$gt":""}',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'null', 'undefined', 'NaN', '-1', '0x10', '1e309',
  '9'.repeat(400), ' ', '', 'G-A1-01\' --', 'WE-20260101-0001\' OR 1=1 --', '*', '?', '#', '&', '=', '+', ';',
];
/** Values the API knows (keys, ids, enum members, dates): an injection spliced into one gets past the first checks. */
const PLAUSIBLE = ['whistle-escalation', 'inspection-penalty', 'street-a', 'community-a1', 'G-A1-01', 'WE-20260101-0001', 'open', 'all',
  'mine', 'running', '2026-01-01', 'u-admin', '1', '50', 'food-business', 'road-damage', 'event-categories', '91330106MA00000003'];
const spliced = (bases: readonly string[]) => fc.tuple(fc.constantFrom(...bases), fc.constantFrom(...INJECTIONS), fc.nat())
  .map(([base, injection, at]) => `${base.slice(0, at % (base.length + 1))}${injection}${base.slice(at % (base.length + 1))}`);
/** Short strings over an alphabet of characters that break naive code: NUL, quotes, escapes, lone surrogates. */
const hostileAlphabet = fc.string({ unit: fc.constantFrom('\u0000', "'", '"', ';', '-', '%', '\\', '<', '>', '/', '.', '\uD800', '\uFFFF', 'a', '1', '长', '🙂', ' ', '\n'), minLength: 1, maxLength: 20 });
const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 3, arbitrary: hostileAlphabet },
  { weight: 3, arbitrary: spliced(PLAUSIBLE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS).chain((s) => fc.string({ maxLength: 10 }).map((p) => `${p}${s}`)) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 3_000 }).map((n) => '长'.repeat(n)) },
);
/** Huge strings go into bodies only: in a URL they would only meet Node's header size limit (431). */
const bodyString = fc.oneof({ weight: 6, arbitrary: nastyString }, { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 300_000 }).map((n) => 'x'.repeat(n)) });
const deepNest = fc.integer({ min: 20, max: 500 }).chain((depth) => fc.constantFrom('array', 'object').map((kind) => {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}));
const polluted = fc.constantFrom(
  JSON.parse('{"__proto__": {"isAdmin": true, "roles": ["admin"], "polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"prototype": {"polluted": "yes"}, "__proto__": null}'),
) as fc.Arbitrary<Record<string, unknown>>;
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }) },
  { weight: 3, arbitrary: bodyString },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, [], {}, [null], ['x'], 2 ** 53 + 1) },
  { weight: 1, arbitrary: deepNest },
  { weight: 1, arbitrary: polluted },
);

/** A plain JSON value with `key` as an own property, even for `__proto__`. */
function withKey(target: unknown, key: string, value: unknown): unknown {
  const copy = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** The places in a value a mutation may hit (the first few levels: the samples are shallow, generated nests are not). */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  const out = [prefix];
  if (value && typeof value === 'object' && prefix.length < 6) for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function setAt(value: unknown, path: string[], replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (String(i) === head ? setAt(v, rest, replace) : v));
  const obj = value as Record<string, unknown>;
  return withKey(obj, head, setAt(obj[head], rest, replace));
}

function dropAt(value: unknown, path: string[]): unknown {
  if (path.length === 0) return undefined;
  const parent = path.slice(0, -1);
  const key = path[path.length - 1];
  return setAt(value, parent, (p) => (Array.isArray(p) ? p.filter((_, i) => String(i) !== key)
    : Object.fromEntries(Object.entries(p as object).filter(([k]) => k !== key))));
}

/** One mutation of a valid sample at a random place: a field dropped, wrong-typed, polluted or buried. */
function mutationsOf(sample: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(sample);
  return fc.tuple(fc.constantFrom(...paths), fc.constantFrom('drop', 'replace', 'extraKey', 'pollute', 'wrap'), wrongValue, nastyString)
    .map(([path, op, value, key]) => {
      switch (op) {
        case 'drop': return dropAt(sample, path);
        case 'replace': return setAt(sample, path, () => value);
        case 'extraKey': return setAt(sample, path, (old) => withKey(old, key, value));
        case 'pollute': return setAt(sample, path, (old) => withKey(old, '__proto__', { isAdmin: true, polluted: 'yes' }));
        default: return setAt(sample, path, (old) => [old]);
      }
    })
    .chain((once) => fc.oneof(fc.constant(once), mutationsOf1(once)));
}
/** A second mutation on top of the first (a bounded recursion: two changes at most). */
function mutationsOf1(sample: unknown): fc.Arbitrary<unknown> {
  return fc.tuple(fc.constantFrom(...pathsOf(sample)), wrongValue).map(([path, value]) => setAt(sample, path, () => value));
}

/** A request body as it goes on the wire: JSON of a value, or a raw malformed text, with a content type. */
interface WireBody { contentType: string; text: string | undefined }

const MALFORMED = ['{"input": {', '[', '{', '}', 'nul', '{"a":1,}', "{'a':1}", '{"a":"\\x"}', '\u0000', '"just a string"', '42', 'true',
  '{"__proto__": {"polluted": "yes"}}', '{"a": 1e999999}', '\uFEFF{}', '[' .repeat(5_000), '{"a":'.repeat(2_000)];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded',
  'application/json; charset=latin1', 'multipart/form-data; boundary=x', 'application/xml'];

function wireBodies(samples: unknown[]): fc.Arbitrary<WireBody> {
  const values = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...samples).chain(mutationsOf) },
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }) },
    { weight: 1, arbitrary: wrongValue },
  );
  return fc.oneof(
    { weight: 8, arbitrary: values.map((v) => ({ contentType: 'application/json', text: JSON.stringify(v) as string | undefined })) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED).map((text) => ({ contentType: 'application/json', text })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CONTENT_TYPES), values).map(([contentType, v]) => ({ contentType, text: JSON.stringify(v) ?? '' })) },
  );
}

/** What the server would hand the route as `req.body` (JSON only; anything else arrives as no body). */
function serverBody(body: WireBody): { parsed: true; value: unknown } | { parsed: false } {
  if (body.text === undefined) return { parsed: true, value: undefined };
  if (!/^application\/json(; charset=utf-8)?$/.test(body.contentType)) return { parsed: true, value: undefined };
  try {
    return { parsed: true, value: JSON.parse(body.text) };
  } catch {
    return { parsed: false };
  }
}

// ---------- per-endpoint context: real path values, who calls, and what a valid body would be ----------

interface Fixture {
  instanceIds: string[];
  taskIds: string[];
  samples: Record<string, unknown[]>;
}

const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;
const ALL_ACTIONS = Object.values(PROCESS_CONTRACTS).flatMap((c) => Object.values(c.steps).flatMap((s) => Object.entries(s.actions)));
const NEEDED_IDS = Object.fromEntries(Object.values(PROCESS_CONTRACTS).map((c) => [c.key, [...Object.keys(c.steps), ...c.otherElements]]));

/** True when the body could pass the route's validation: such a body is never sent to a writing endpoint. */
function couldBeValid(e: Endpoint, value: unknown, params: Record<string, string>): boolean {
  const start = /^\/api\/processes\/([\w-]+)\/instances$/.exec(e.path);
  if (start) return accepts(startBodySchema.extend({ input: PROCESS_CONTRACTS[start[1]].inputSchema as z.ZodType }), value);
  switch (label(e)) {
    case 'POST /api/tasks/{taskId}/actions': {
      const body = taskActionBodySchema.safeParse(value);
      if (!body.success) return false;
      // A clerk acting for the party sends the party's consent beside the action's fields.
      const { consent, rest } = splitConsent(body.data.data);
      return ALL_ACTIONS.some(([action, contract]) => action === body.data.action
        && (accepts(contract.schema, body.data.data) || (accepts(partyConsentSchema, consent) && accepts(contract.schema, rest))));
    }
    case 'PUT /api/processes/{key}/diagram': {
      if (!accepts(diagramBodySchema, value)) return false;
      const xml = (value as { bpmnXml: string }).bpmnXml;
      return (NEEDED_IDS[params.key] ?? Object.values(NEEDED_IDS).flat()).every((id) => new RegExp(`id\\s*=\\s*["']${id}["']`).test(xml));
    }
    case 'PUT /api/catalogs/{name}/{code}': return accepts(catalogEntryBodySchema, value);
    case 'POST /api/admin/clock/advance': return accepts(advanceBodySchema, value);
    case 'POST /api/licensing/claims': return accepts(claimBodySchema, value);
    case 'POST /api/licensing/claim-codes': return accepts(reissueBodySchema, value);
    case 'POST /api/licensing/portal-subjects': return accepts(bindSubjectBodySchema, value);
    case 'POST /api/auth/password': return accepts(passwordChangeBodySchema, value);
    case 'POST /api/auth/totp/enroll': return accepts(totpEnrolBodySchema, value);
    case 'POST /api/auth/totp/confirm': return accepts(totpConfirmBodySchema, value);
    case 'POST /api/org-units': return accepts(orgUnitCreateBodySchema, value);
    case 'PATCH /api/org-units/{id}': return accepts(orgUnitPatchBodySchema, value);
    case 'POST /api/users': return accepts(userCreateBodySchema, value);
    case 'PATCH /api/users/{id}': return accepts(userPatchBodySchema, value);
    case 'PUT /api/users/{id}/roles': return accepts(userRolesBodySchema, value);
    case 'POST /api/users/{id}/password-reset': return accepts(passwordResetBodySchema, value);
    case 'POST /api/users/{id}/unlock':
    case 'POST /api/users/{id}/totp-reset': return accepts(reasonBodySchema, value);
    // The import takes text/csv only, which the fuzzer never sends: every body it sends is refused.
    case 'POST /api/admin/import': return false;
    // The subjects registry takes text/csv with its own header line, which no fuzzed body (JSON or random text) carries.
    case 'POST /api/registries/subjects/import': return false;
    case 'POST /api/tasks/{taskId}/claim': return false;
    default:
      if (writes(e)) throw new Error(`${label(e)} writes but the fuzz test has no validity oracle for its body: add one`);
      return false;
  }
}

type Caller = string | null | 'forged';
const READERS: Caller[] = ['auditor', 'admin', 'process_designer', 'district_leader', 'grid_worker', 'community_staff', 'community_staff_b',
  'dispatcher', 'dept_handler', 'enforcement_officer', 'case_officer', 'applicant', 'applicant2', 'window_clerk', 'shift_chief', 'approver'];
/** Who calls an endpoint (everyone in READERS unless listed): the roles whose requests reach the validation, and outsiders. */
const CALLERS: Record<string, Caller[]> = {
  'PUT /api/processes/{key}/diagram': ['process_designer', 'admin'],
  'POST /api/processes/whistle-escalation/instances': ['grid_worker', 'dispatcher', 'grid_worker_b'],
  'POST /api/processes/inspection-penalty/instances': ['enforcement_officer', 'enforcement_officer_b'],
  'POST /api/processes/commitment-licensing/instances': ['applicant', 'window_clerk', 'applicant_b', 'applicant2'],
  'POST /api/processes/hotline-order/instances': ['hotline_operator', 'dispatcher'],
  'POST /api/tasks/{taskId}/actions': ['community_staff', 'enforcement_officer', 'applicant', 'window_clerk', 'community_staff_b', 'auditor'],
  // Nobody here holds the role of an open task in its unit (community_staff, enforcement_officer, applicant of street A).
  'POST /api/tasks/{taskId}/claim': ['auditor', 'admin', 'grid_worker', 'community_staff_b', 'dispatcher', 'enforcement_officer_b', 'applicant_b'],
  'PUT /api/catalogs/{name}/{code}': ['admin'],
  'POST /api/admin/clock/advance': ['admin'],
  // Portal binding: a subject-bound and an unbound member of the public redeem codes; the windows of both streets
  // re-issue codes and bind subjects (the other street's window is refused after the body is read).
  'POST /api/licensing/claims': ['applicant', 'applicant2', 'applicant_b', 'window_clerk'],
  'POST /api/licensing/claim-codes': ['window_clerk', 'window_clerk_b', 'applicant2'],
  'POST /api/licensing/portal-subjects': ['window_clerk', 'window_clerk_b', 'applicant2'],
  'POST /api/auth/login': [null],
  // Signing out is only tried without a session: with one, it would end the fuzzer's own token.
  'POST /api/auth/logout': [null],
  'POST /api/auth/password': ['grid_worker', 'auditor'],
  'POST /api/auth/totp/enroll': ['grid_worker'],
  'POST /api/auth/totp/confirm': ['grid_worker'],
  // Administration (三员分立): each endpoint's own administrator, so the body reaches validation.
  'POST /api/org-units': ['admin'],
  'PATCH /api/org-units/{id}': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/{id}': ['admin'],
  'PUT /api/users/{id}/roles': ['security_admin'],
  'POST /api/users/{id}/password-reset': ['security_admin'],
  'POST /api/users/{id}/unlock': ['security_admin'],
  'POST /api/users/{id}/totp-reset': ['security_admin'],
  'POST /api/admin/import': ['admin'],
  'GET /api/admin/users': ['admin', 'security_admin', 'auditor'],
  'GET /api/admin/security-log': ['audit_admin', 'admin'],
  'GET /api/admin/security-log/export': ['audit_admin', 'admin'],
  'GET /api/admin/security-log/verify': ['audit_admin', 'security_admin'],
  // Reads limited to some roles: mostly those roles, so the query is parsed, and one outsider.
  'GET /api/processes/{key}/conformance': ['auditor', 'process_designer', 'admin', 'district_leader', 'grid_worker'],
  'GET /api/admin/alerts': ['admin', 'auditor'],
  'GET /api/licensing/credit-records': ['window_clerk', 'approver', 'verifier', 'auditor', 'admin', 'applicant'],
  'GET /api/licensing/licences': ['window_clerk', 'approver', 'verifier', 'auditor', 'admin', 'applicant'],
  'GET /api/metrics/kpis': ['district_leader', 'auditor', 'admin', 'shift_chief', 'dispatcher', 'community_staff'],
  'GET /api/metrics/hotline': ['district_leader', 'auditor', 'hotline_operator', 'dispatcher', 'community_staff'],
  'POST /api/registries/subjects/import': ['admin', 'grid_worker'],
  'GET /api/metrics/random-inspection': ['district_leader', 'auditor', 'agency_head', 'platform_operator', 'community_staff'],
  // 一公开: anyone, signed in or not.
  'GET /api/public/inspection-results': [null, 'auditor', 'applicant'],
  'GET /api/metrics/hotline/orders': ['district_leader', 'auditor', 'hotline_operator', 'dispatcher', 'community_staff'],
  'GET /api/hotline/queues': ['hotline_operator', 'auditor', 'dispatcher'],
  'GET /api/hotline/dispatch-suggestion': ['hotline_operator', 'dispatcher'],
};

const GARBAGE_IDS = fc.oneof(
  nastyString,
  fc.constantFrom('..', '../', '../..', '..%2F..%2Fhealth', '%2e%2e', '%00', 'a%00b', '%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF',
    'WE-99999999-9999', 'nope', '0', '-1', '1.5', '1e9', 'null', 'x'.repeat(3_000)),
  fc.uuid(),
);
/** Path and query parts go out encoded, or raw (traversal, malformed escapes) with only what HTTP cannot carry escaped. */
function segment(value: string, raw: boolean): string {
  if (raw) {
    return [...value].map((ch) => (/^[\x21-\x7e]$/.test(ch) && ch !== '?' && ch !== '#' ? ch
      : [...Buffer.from(ch)].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''))).join('');
  }
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate: the CESU-8 bytes no UTF-8 decoder accepts
  }
}

const QUERY_NAMES = ['limit', 'cursor', 'scope', 'status', 'processKey', 'instanceId', 'q', 'from', 'to', 'orgUnitId', 'role', 'creditCode', 'overdue', '__proto__', 'constructor'];
const dateish = fc.oneof(
  fc.tuple(fc.integer({ min: -1, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('2026-02-29', '2024-02-29', '0000-01-01', '9999-12-31', '+275760-09-13', '2026-13-01', '2026-1-1', 'today'),
);
const queryValue = fc.oneof(nastyString, spliced(PLAUSIBLE), dateish, fc.integer().map(String),
  fc.constantFrom('all', 'mine', 'available', 'open', 'completed', 'true', 'false', 'running', 'whistle-escalation', 'street-a', 'admin', '0', '201', 'eyJ0IjoxfQ'));

function queryString(e: Endpoint): fc.Arbitrary<string> {
  const name = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...e.queryParams, 'limit') },
    { weight: 2, arbitrary: fc.constantFrom(...QUERY_NAMES) },
    { weight: 1, arbitrary: nastyString },
  );
  const pair = fc.tuple(name, queryValue, fc.boolean()).map(([k, v, raw]) => `${segment(k, false)}=${segment(v, raw)}`);
  // One hostile value for a documented parameter alone reaches the query; among several, a bad `limit` stops it early.
  const single = fc.tuple(fc.constantFrom(...e.queryParams, 'q'), fc.oneof(hostileAlphabet, hostileAlphabet, nastyString), fc.boolean()).map(([k, v, raw]) => [`${k}=${segment(v, raw)}`]);
  return fc.oneof(single, fc.array(pair, { maxLength: 6 })).map((pairs) => (pairs.length ? `?${pairs.join('&')}` : ''));
}

interface FuzzRequest { method: Method; url: string; caller: Caller; body?: WireBody; params: Record<string, string> }

function describeRequest(r: FuzzRequest): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  return `${r.method.toUpperCase()} ${cut(r.url)} as ${r.caller ?? 'nobody'}${r.body ? ` [${r.body.contentType}] ${cut(r.body.text ?? '(none)')}` : ''}`;
}

let stack: TestStack;
let fixture: Fixture;
const tokens = new Map<string, string>();
let before: Record<string, string>;

async function send(r: FuzzRequest): Promise<request.Response> {
  let req = request(stack.baseUrl!)[r.method](r.url);
  if (r.caller === 'forged') req = req.set('authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1LWFkbWluIn0.');
  else if (r.caller) req = req.set('authorization', tokens.get(r.caller)!);
  if (r.body) {
    req = req.set('content-type', r.body.contentType);
    if (r.body.text !== undefined) req = req.send(r.body.text);
  }
  return req;
}

function requestsFor(e: Endpoint): fc.Arbitrary<FuzzRequest> {
  const real: Record<string, string[]> = {
    key: Object.keys(PROCESS_CONTRACTS), id: fixture.instanceIds, taskId: fixture.taskIds, name: [...CATALOG_NAMES],
    code: ['road-damage', 'urban-vending', 'food-business', 'default'], version: ['1'],
  };
  const missing = e.pathParams.filter((p) => !real[p]?.length);
  if (missing.length) throw new Error(`${label(e)}: no values to substitute for the path parameters ${missing.join(', ')}; add real ones to the fuzz test`);
  const paramArbs = Object.fromEntries(e.pathParams.map((p) => [p, fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real[p]).map((v) => ({ v, raw: false })) },
    { weight: 1, arbitrary: fc.tuple(spliced(real[p]), fc.boolean()).map(([v, raw]) => ({ v, raw })) },
    { weight: 2, arbitrary: fc.tuple(GARBAGE_IDS, fc.boolean()).map(([v, raw]) => ({ v, raw })) },
  )]));
  const callers = CALLERS[label(e)] ?? READERS;
  const caller: fc.Arbitrary<Caller> = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...callers) }, { weight: 1, arbitrary: fc.constantFrom<Caller>(null, 'forged') });
  const samples = fixture.samples[label(e)] ?? [{}];
  const body: fc.Arbitrary<WireBody | undefined> = e.hasBody || writes(e)
    ? wireBodies(samples)
    : fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: wireBodies([{ a: 1 }]) });
  return fc.record({ params: fc.record(paramArbs), query: queryString(e), caller, body }).map(({ params, query, caller: c, body: b }) => {
    const url = e.path.replace(/\{(\w+)\}/g, (_, p: string) => segment(params[p].v, params[p].raw)) + query;
    const r: FuzzRequest = { method: e.method, url, caller: c, body: b, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.v])) };
    return Object.defineProperty(r, fc.toStringMethod, { value: () => describeRequest(r) });
  }).filter((r) => {
    if (!writes(e) || !r.body) return true;
    const parsed = serverBody(r.body);
    return !parsed.parsed || !couldBeValid(e, parsed.value, r.params);
  });
}

function checkResponse(e: Endpoint, r: FuzzRequest, res: request.Response): void {
  const fail = (why: string) => { throw new Error(`${why}\n  request: ${describeRequest(r)}\n  answer: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`); };
  if (res.status >= 500) fail(`server error ${res.status}`);
  if (writes(e) && res.status < 300) fail('a request invalid by construction was accepted');
  // Node's HTTP parser answers an oversized request line itself (431), before the app sees it.
  const inApi = new URL(r.url, 'http://x').pathname.startsWith('/api/') && res.status !== 431;
  if (res.status >= 400 && inApi && typeof res.body?.error?.code !== 'string') fail('a refusal outside the error format');
}

beforeAll(async () => {
  stack = await createTestStack({ listen: true });
  // A member of the public whose account has no subject bound to it, beside the demo applicants who have.
  await stack.database.db.insert(users).values({
    id: 'u-applicant-2', username: 'applicant2', name: '第二申请人', roles: ['applicant'], orgUnitId: 'street-a', passwordHash: await hashPassword('demo123'),
  });
  // Every caller signs in before the fuzzing: failed sign-ins from the fuzzer may trip the sign-in limit.
  for (const who of new Set([...READERS, ...Object.values(CALLERS).flat()])) if (who && who !== 'forged') tokens.set(who, await stack.login(who));
  const whistle = await startCase(stack, gridReport());
  const penalty = await startInspection(stack);
  const licensing = await startApplication(stack, application());
  const counter = (await apply(stack, application(), 'window_clerk')).body as { instanceId: string; claim: { code: string } };
  const open = [
    await stack.openTask(whistle, WhistleStep.CommunityHandle),
    await stack.openTask(penalty, PenaltyStep.Inspect),
    await stack.openTask(licensing, LicensingStep.Commit),
  ];
  // The counter filing's own step too: the fingerprint below must not be taken while its workflow still writes.
  await stack.openTask(counter.instanceId, LicensingStep.Commit);
  const bpmnXml = (await request(stack.app).get('/api/processes/whistle-escalation').set('authorization', tokens.get('admin')!)).body.bpmnXml as string;
  const dropped = bpmnXml.replaceAll('Task_FieldCheck', 'Task_Gone');
  fixture = {
    instanceIds: [whistle, penalty, licensing, counter.instanceId], taskIds: open.map((t) => t.id),
    samples: {
      'POST /api/auth/login': [{ username: 'admin', password: 'not-the-password' }, { username: 'grid_worker', password: 'x' }],
      'PUT /api/processes/{key}/diagram': [{ bpmnXml: dropped }, { bpmnXml: dropped.slice(0, dropped.length / 2) },
        { bpmnXml: `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "&x;&x;&x;">]>${dropped.replace(/^<\?xml[^>]*>/, '')}` },
        { bpmnXml: '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p"><task id="Task_CommunityHandle"/></process></definitions>' }],
      'POST /api/processes/whistle-escalation/instances': [{ input: gridReport() }, { input: gridReport({ source: 'hotline', requester: { name: '周女士', phone: '13800000000' } }) },
        { input: gridReport({ selfResolved: { result: '已处理', photos: ['a.jpg'] }, photos: ['b.jpg'] }) }],
      'POST /api/processes/inspection-penalty/instances': [{ input: await inspectionInput(stack) }],
      'POST /api/processes/hotline-order/instances': [{ input: { caller: { name: '周女士', phone: '13800000000' }, content: '油烟扰民', kind: 'complaint', category: 'urban-management', gridCode: 'G-A1-01', urgent: true } }],
      'POST /api/processes/commitment-licensing/instances': [{ input: application() }, { input: application({ route: 'normal', applicant: { name: '某公司', creditCode: '91330106MA0000009Y', idNumber: '11010519491231002X' } }) }],
      'POST /api/tasks/{taskId}/actions': [{ action: 'resolve', data: { result: '已修复', photos: ['a.jpg'] } }, { action: 'whistle', data: { reason: '需要街道' } },
        { action: 'sign', data: { noticeVersion: 'FB-2026-1' } }, { action: 'orderRectification', data: { deadline: '2026-12-01T00:00:00+08:00', requirement: '清理' } },
        { action: 'simplePenalty', data: { amountFen: 20000, basis: '条例' } }, { action: 'compliant', data: {} }, { action: 'withdraw' }],
      'PUT /api/catalogs/{name}/{code}': [{ name: '道路破损', data: { limits: { community: { amount: 1, unit: 'workingDays' } } } }],
      'POST /api/admin/clock/advance': [{ duration: 'PT1H' }, { duration: 'P2D' }],
      'POST /api/auth/password': [{ currentPassword: 'demo123', newPassword: 'New-Password-2026' }],
      'POST /api/auth/totp/enroll': [{ password: 'demo123' }],
      'POST /api/auth/totp/confirm': [{ code: '123456' }],
      'POST /api/org-units': [{ kind: 'grid', name: '新网格', parentId: 'community-a1', code: 'G-A1-09' }, { kind: 'street', name: '新街道', parentId: 'district' }],
      'PATCH /api/org-units/{id}': [{ name: '新名称' }, { parentId: 'street-b', active: false, code: 'G-X' }],
      'POST /api/users': [{ username: 'fuzz_user', name: '新人', orgUnitId: 'street-a', password: 'Fuzz-Pass-2026' }],
      'PATCH /api/users/{id}': [{ name: '新名', orgUnitId: 'street-b', active: false }],
      'PUT /api/users/{id}/roles': [{ roles: ['grid_worker', 'verifier'] }, { roles: [] }],
      'POST /api/users/{id}/password-reset': [{ password: 'Reset-Pass-2026' }],
      'POST /api/users/{id}/unlock': [{ reason: '本人来电' }],
      'POST /api/users/{id}/totp-reset': [{ reason: '手机遗失' }],
      'POST /api/licensing/claims': [{ code: counter.claim.code }, { code: 'abcd efgh jkmn' }],
      'POST /api/licensing/claim-codes': [{ instanceId: counter.instanceId }, { instanceId: licensing }],
      'POST /api/licensing/portal-subjects': [{ username: 'applicant2', subject: { name: '湖滨超市', creditCode: ' 91330106ma2h00004p ', idNumber: '11010519491231002X' },
        verification: { document: 'businessLicence', reference: '营业执照原件核验' } }, { username: 'applicant_b', subject: { name: '西园小吃店', creditCode: '91330106MA2H00002H' },
        verification: { document: 'residentIdCard', reference: '身份证核验' } }],
    },
  };
  before = await fingerprint(stack.database, { exceptRefusals: true });
});
afterAll(async () => { await stack?.close(); });

test('the fuzzed document is the one the server serves, and every path parameter has values', async () => {
  const served = await request(stack.app).get('/api/openapi.json');
  expect(served.body).toEqual(JSON.parse(JSON.stringify(DOCUMENT)));
  expect(ENDPOINTS.length).toBeGreaterThan(25);
  for (const e of ENDPOINTS) {
    expect(() => requestsFor(e)).not.toThrow();
    if (writes(e)) expect(() => couldBeValid(e, undefined, {})).not.toThrow();
  }
});

test('the database fingerprint is stable while nobody calls (so a difference below is the fuzzer\'s)', async () => {
  await new Promise((r) => setTimeout(r, 500));
  expect(await fingerprint(stack.database, { exceptRefusals: true })).toEqual(before);
});

const statuses: Record<string, Record<number, number>> = {};
afterAll(() => {
  if (process.env.FUZZ_STATS) console.log(Object.entries(statuses).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n'));
});

describe.each(ENDPOINTS.map((e) => [label(e), e] as const))('%s', (_name, e) => {
  test('hostile input: no 5xx, refusals in the error format, nothing written but the audit events of refused task attempts', async () => {
    const seen: Record<number, number> = statuses[label(e)] = {};
    // The first failing request is reported as it was sent (no shrinking: each step would be another HTTP round trip).
    await fc.assert(fc.asyncProperty(requestsFor(e), async (r) => {
      const res = await send(r);
      seen[res.status] = (seen[res.status] ?? 0) + 1;
      checkResponse(e, r, res);
    }), { numRuns: NUM_RUNS, endOnFailure: true, seed: SEED });
    expect(await fingerprint(stack.database, { exceptRefusals: true })).toEqual(before);
    // The callers were chosen so that requests get past sign-in and role checks into the validation (or, for a
    // claim, into the task's role check): a run answered only 401s would have tested nothing.
    if (writes(e)) expect(seen[label(e) === 'POST /api/tasks/{taskId}/claim' ? 403 : 400]).toBeGreaterThan(0);
  });
});

test('bodies over the size limit are 413 and deeply nested ones are refused, on every endpoint that takes a body', async () => {
  const huge = JSON.stringify({ input: { description: 'x'.repeat(7 * 1024 * 1024) } });
  const nested = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
  for (const e of ENDPOINTS.filter((x) => x.hasBody)) {
    const url = e.path.replace('{key}', 'whistle-escalation').replace('{taskId}', fixture.taskIds[0]).replace('{name}', 'event-categories').replace('{code}', 'road-damage');
    const caller = (CALLERS[label(e)] ?? READERS)[0];
    const big = await send({ method: e.method, url, caller, body: { contentType: 'application/json', text: huge }, params: {} });
    expect({ endpoint: label(e), status: big.status, code: big.body?.error?.code }).toEqual({ endpoint: label(e), status: 413, code: 'VALIDATION' });
    const deep = await send({ method: e.method, url, caller, body: { contentType: 'application/json', text: nested }, params: {} });
    expect({ endpoint: label(e), status: deep.status < 500 && deep.status >= 400 }).toEqual({ endpoint: label(e), status: true });
  }
  expect(await fingerprint(stack.database, { exceptRefusals: true })).toEqual(before);
});

test('keys named like Object.prototype members, in every path parameter of every endpoint, are never a 5xx', async () => {
  for (const e of ENDPOINTS.filter((x) => x.pathParams.length > 0)) {
    for (const key of HOSTILE_KEYS) {
      const url = e.path.replace(/\{(\w+)\}/g, key);
      const caller = (CALLERS[label(e)] ?? READERS)[0];
      const res = await send({ method: e.method, url, caller, body: e.hasBody ? { contentType: 'application/json', text: '{}' } : undefined, params: {} });
      expect({ url: `${e.method} ${url}`, status: res.status < 500, code: typeof res.body?.error?.code }).toEqual({ url: `${e.method} ${url}`, status: true, code: 'string' });
    }
  }
  expect(await fingerprint(stack.database, { exceptRefusals: true })).toEqual(before);
});

test('no request polluted Object.prototype', () => {
  const probe = {} as Record<string, unknown>;
  expect([probe.polluted, probe.isAdmin, probe.roles]).toEqual([undefined, undefined, undefined]);
});
