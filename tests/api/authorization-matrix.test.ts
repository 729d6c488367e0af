// The authorization matrix: every demo user — every role, in its own street and the other one, the district and
// two departments, and members of the public with and without subjects bound to their accounts — against every
// endpoint of the OpenAPI document, over real cases of all three processes in both streets, counter filings
// claimed by their party and not yet claimed among them. Reads never show a case outside the reader's jurisdiction (by id, in lists, or anywhere in a body);
// writes pass only where the tables below (from API.md and DOMAIN.md §2) allow them, and a refused write changes
// nothing in the database but, for a task, the audit event recording the refused attempt.
import request from 'supertest';
import { and, eq, inArray } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../../api/openapi/document';
import { hashPassword } from '../../db/passwords';
import { DEMO_ORG_UNITS, DEMO_PASSWORD, DEMO_USERS, type UserSeed } from '../../db/demo-org';
import { auditEvents, tasks, users } from '../../db/schema';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { PenaltyStep } from '../../domain/processes/inspection-penalty';
import { LicensingStep } from '../../domain/processes/commitment-licensing';
import { fingerprint } from '../support/db-fingerprint';
import { createTestStack, type TestStack } from '../support/test-stack';
import { complete, gridReport, hotlineOrder, startCase } from '../support/whistle';
import { inspectionInput, registered, startInspection, userId } from '../support/penalty';
import { application, apply, DEMO_SUBJECTS, startApplication } from '../support/licensing';

// ---------- the scenario: cases in street A (东湖) and street B (西园), two of them in departments ----------

const CASES = ['WA', 'WA2', 'PA', 'PA2', 'LA', 'LC', 'LD', 'WB', 'WB2', 'PB', 'LB'] as const;
type CaseName = (typeof CASES)[number];
// WA/WB: a grid report at the community. WA2/WB2: whistled to the street and dispatched to 区城管局 / 区市场监管局.
// PA/PB: a street inspection. PA2: transferred, routed to 区城管局 and registered there. LA/LB: an online application.
// LC: filed at street A's window for `applicant`, who redeemed its claim code. LD: filed there, its code not redeemed.

/**
 * A second member of the public in street A, with no subject bound to the account: portal users of one street must not
 * see each other's cases, nor a counter filing whose claim code they do not hold. `applicant` has subjects bound.
 */
const APPLICANT2: UserSeed = { username: 'applicant2', name: '第二申请人', roles: ['applicant'], orgUnitId: 'street-a' };
const USERS: UserSeed[] = [...DEMO_USERS, APPLICANT2];

const STREET_A_STAFF = ['dispatcher', 'shift_chief', 'enforcement_officer', 'enforcement_officer2', 'window_clerk', 'approver', 'verifier', 'street_head'];
const each = (names: string[], cases: CaseName[]) => Object.fromEntries(names.map((n) => [n, cases]));

/** Which cases each user may read: their jurisdiction (API.md, DOMAIN.md §2). Every user has a row. */
const SEES: Record<string, readonly CaseName[]> = {
  // District-wide: leadership, the command platform, audit ("read-only view of everything"), design, administration.
  ...each(['district_leader', 'platform_operator', 'auditor', 'process_designer', 'admin'], [...CASES]),
  // The district's 12345 centre takes calls for every street and department of the district.
  hotline_operator: [...CASES],
  // A grid worker and the community: the cases of their grid and community.
  ...each(['grid_worker', 'community_staff'], ['WA', 'WA2']),
  ...each(['grid_worker_b', 'community_staff_b'], ['WB', 'WB2']),
  // Street staff: every case of their street, whatever the process.
  ...each(STREET_A_STAFF, ['WA', 'WA2', 'PA', 'PA2', 'LA', 'LC', 'LD']),
  ...each(STREET_A_STAFF.map((n) => `${n}_b`), ['WB', 'WB2', 'PB', 'LB']),
  // Departments: the cases dispatched or routed to them.
  ...each(['dept_handler', 'case_officer', 'case_officer2', 'legal_reviewer', 'hearing_officer', 'agency_head', 'case_legal', 'case_hearing'], ['WA2', 'PA2']),
  dept_handler2: ['WB2'],
  // Members of the public: the applications bound to them (filed online, or claimed with the window's code), nothing
  // else of their street — not a counter filing nobody has claimed.
  applicant: ['LA', 'LC'], applicant_b: ['LB'], applicant2: [],
  // 三员分立: the security and audit administrators keep the system, not cases, and see none.
  security_admin: [], audit_admin: [],
};

/** Who may write, per endpoint (API.md). Starts and tasks are further bound to the user's own area (below). */
const WRITERS: Record<string, readonly string[] | 'by task'> = {
  'PUT /api/processes/{key}/diagram': ['process_designer'],
  'POST /api/processes/whistle-escalation/instances': ['grid_worker', 'dispatcher'],
  'POST /api/processes/inspection-penalty/instances': ['enforcement_officer'],
  'POST /api/processes/commitment-licensing/instances': ['applicant', 'window_clerk'],
  'POST /api/processes/random-inspection/instances': ['platform_operator', 'agency_head'],
  'POST /api/processes/hotline-order/instances': ['hotline_operator'],
  'POST /api/tasks/{taskId}/claim': 'by task',
  'POST /api/tasks/{taskId}/actions': 'by task',
  'PUT /api/catalogs/{name}/{code}': ['admin'],
  'POST /api/admin/clock/advance': ['admin'],
  // The party's own portal account redeems a claim code; the window re-issues codes and binds subjects in its street.
  'POST /api/licensing/claims': ['applicant'],
  'POST /api/licensing/claim-codes': ['window_clerk'],
  'POST /api/licensing/portal-subjects': ['window_clerk'],
  // Administration (三员分立): the unit tree and accounts are the system administrator's; roles, resets, unlocks and
  // second factors the security administrator's.
  'POST /api/org-units': ['admin'],
  'PATCH /api/org-units/{id}': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/{id}': ['admin'],
  'PUT /api/users/{id}/roles': ['security_admin'],
  'POST /api/users/{id}/password-reset': ['security_admin'],
  'POST /api/users/{id}/unlock': ['security_admin'],
  'POST /api/users/{id}/totp-reset': ['security_admin'],
  'POST /api/admin/import': ['admin'],
  'POST /api/registries/subjects/import': ['admin'],
};
/** Each signed-in user's own account (password, second factor); logout is tried in tests/api/administration.test.ts. */
const SELF_WRITES = ['POST /api/auth/password', 'POST /api/auth/totp/enroll', 'POST /api/auth/totp/confirm', 'POST /api/auth/logout'];
/** The role that holds (claims and acts on) each open step of the scenario (API.md process tables). */
const STEP_ROLES: Record<string, readonly string[]> = {
  [WhistleStep.CommunityHandle]: ['community_staff'],
  [WhistleStep.DepartmentHandle]: ['dept_handler'],
  [PenaltyStep.Inspect]: ['enforcement_officer'],
  [PenaltyStep.Investigate]: ['case_officer'],
  [LicensingStep.Commit]: ['applicant'],
};
/** Roles that act on a step on its holder's behalf without claiming it (API.md: the window clerk for an applicant). */
const ON_BEHALF: Record<string, readonly string[]> = { [LicensingStep.Commit]: ['window_clerk'] };
/** A valid action per step (sent by users who may not act: it must be refused), and an invalid one (for those who may). */
const STEP_ACTIONS: Record<string, { action: string; data: Record<string, unknown> }> = {
  [WhistleStep.CommunityHandle]: { action: 'resolve', data: { result: '已处理', photos: ['after.jpg'] } },
  [WhistleStep.DepartmentHandle]: { action: 'acknowledge', data: {} },
  [PenaltyStep.Inspect]: { action: 'compliant', data: {} },
  [PenaltyStep.Investigate]: { action: 'conclude', data: { finding: 'noPenalty' } },
  [LicensingStep.Commit]: { action: 'withdraw', data: {} },
};

/** Reads limited to some roles (API.md "Metrics (leaders, auditors)", the licensing registers, admin alerts) or to staff; every other read is for any signed-in user, health for anyone. */
const READERS: Record<string, readonly string[] | 'signed in' | 'staff' | 'public'> = {
  'GET /api/health': 'public',
  'GET /api/auth/options': 'public',
  'GET /api/me': 'signed in',
  'GET /api/processes': 'signed in',
  'GET /api/processes/{key}': 'signed in',
  'GET /api/processes/{key}/versions/{version}': 'signed in',
  'GET /api/processes/{key}/conformance': ['auditor', 'process_designer', 'admin', 'district_leader'],
  // A start form is for those who may start the process (its choices name staff and catalog entries).
  'GET /api/processes/whistle-escalation/start-form': ['grid_worker', 'dispatcher'],
  'GET /api/processes/inspection-penalty/start-form': ['enforcement_officer'],
  'GET /api/processes/commitment-licensing/start-form': ['applicant', 'window_clerk'],
  'GET /api/processes/random-inspection/start-form': ['platform_operator', 'agency_head'],
  'GET /api/processes/hotline-order/start-form': ['hotline_operator'],
  'GET /api/instances': 'signed in',
  'GET /api/instances/{id}': 'signed in',
  'GET /api/instances/{id}/audit': 'signed in',
  'GET /api/instances/{id}/conformance': 'signed in',
  'GET /api/instances/{id}/audit/verify': 'signed in',
  'GET /api/tasks': 'signed in',
  'GET /api/tasks/counts': 'signed in',
  'GET /api/tasks/{taskId}': 'signed in',
  'GET /api/catalogs/{name}': 'signed in',
  'GET /api/org-units': 'signed in',
  // The staff directory: officials only, never members of the public on the portal.
  'GET /api/users': 'staff',
  'GET /api/admin/alerts': ['admin'],
  'GET /api/admin/clock': 'signed in',
  'GET /api/licensing/credit-records': ['window_clerk', 'approver', 'verifier', 'auditor', 'admin'],
  'GET /api/licensing/licences': ['window_clerk', 'approver', 'verifier', 'auditor', 'admin'],
  'GET /api/licensing/applications': ['applicant'],
  'GET /api/metrics/kpis': ['district_leader', 'auditor', 'admin', 'shift_chief', 'dispatcher'],
  'GET /api/auth/sign-ins': 'signed in',
  'GET /api/admin/users': ['admin', 'security_admin'],
  'GET /api/admin/security-log': ['audit_admin'],
  'GET /api/admin/security-log/export': ['audit_admin'],
  'GET /api/admin/security-log/verify': ['audit_admin'],
  'GET /api/metrics/hotline': ['district_leader', 'auditor', 'admin', 'hotline_operator', 'shift_chief', 'dispatcher'],
  // 双随机、一公开: the registries and draws are for officials, the KPIs for leaders, auditors and the plans' owners,
  // the published results for anyone without signing in.
  'GET /api/registries/subjects': 'staff',
  'GET /api/instances/{id}/draw': 'staff',
  'GET /api/public/inspection-results': 'public',
  'GET /api/metrics/random-inspection': ['district_leader', 'auditor', 'admin', 'agency_head', 'platform_operator'],
  'GET /api/metrics/hotline/orders': ['district_leader', 'auditor', 'admin', 'hotline_operator', 'shift_chief', 'dispatcher'],
  'GET /api/hotline/queues': ['hotline_operator', 'auditor'],
  'GET /api/hotline/dispatch-suggestion': ['hotline_operator'],
};
/** Public and not about any org: signing in. */
const PUBLIC_WRITES = ['POST /api/auth/login'];

// ---------- the org tree, for "own area" ----------

const subtree = (id: string): string[] => [id, ...DEMO_ORG_UNITS.filter((u) => u.parentId === id).flatMap((u) => subtree(u.id))];
const holds = (user: UserSeed, roles: readonly string[]) => user.roles.some((r) => roles.includes(r));
const portalOnly = (user: UserSeed) => user.roles.every((r) => r === 'applicant');

const DOCUMENT = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
const ENDPOINTS = Object.entries(DOCUMENT.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));

// ---------- the stack, the cases, and a fingerprint of every table ----------

let stack: TestStack;
const caseIds = {} as Record<CaseName, string>;
const caseOf = new Map<string, CaseName>();
let scenarioTasks: Array<typeof tasks.$inferSelect> = [];
const userIds = new Map<string, string>();
const auth = new Map<string, string>();
const creditCodes = {} as Record<'LA' | 'LB', string>;


const get = (username: string, url: string) => request(stack.baseUrl!).get(url).set('authorization', auth.get(username)!);
const send = (username: string, method: 'post' | 'put' | 'patch', url: string, body?: unknown) => {
  const req = request(stack.baseUrl!)[method](url).set('authorization', auth.get(username)!);
  return body === undefined ? req : req.send(body as object);
};

/** Cases the user must not see, and those a response names (other than the one the request itself named). */
const foreignCases = (username: string) => CASES.filter((c) => !SEES[username].includes(c));
function leaks(username: string, res: request.Response): CaseName[] {
  const text = JSON.stringify(res.body ?? null);
  const asked = decodeURIComponent((res as unknown as { req: { path: string } }).req.path);
  return foreignCases(username).filter((c) => !asked.includes(caseIds[c]) && new RegExp(`${caseIds[c]}(?!\\d)`).test(text));
}
const caseOfTask = (t: { instanceId: string }) => caseOf.get(t.instanceId)!;

/** May the user claim this task: the step's role, in the task's unit or above it, and for a member of the public only on their own case. */
function mayClaim(user: UserSeed, task: typeof tasks.$inferSelect, roles = STEP_ROLES[task.stepId]): boolean {
  if (!roles) throw new Error(`no STEP_ROLES row for ${task.stepId}: add the step to the matrix`);
  if (portalOnly(user) && !SEES[user.username].includes(caseOfTask(task))) return false;
  return holds(user, roles) && subtree(user.orgUnitId).includes(task.orgUnitId);
}
/** May the user act on it: as its holder, or on the holder's behalf. */
const mayAct = (user: UserSeed, task: typeof tasks.$inferSelect) => mayClaim(user, task) || mayClaim(user, task, ON_BEHALF[task.stepId] ?? []);

beforeAll(async () => {
  stack = await createTestStack({ listen: true });
  await stack.database.db.insert(users).values({ id: 'u-applicant-2', ...APPLICANT2, passwordHash: await hashPassword('demo123') });
  for (const u of USERS) {
    auth.set(u.username, await stack.login(u.username));
    userIds.set(u.username, await userId(stack, u.username));
  }

  caseIds.WA = await startCase(stack, gridReport());
  caseIds.WB = await startCase(stack, gridReport({ gridCode: 'G-B1-01' }), 'grid_worker_b');
  caseIds.WA2 = await startCase(stack, gridReport({ description: '需要部门处置' }));
  caseIds.WB2 = await startCase(stack, gridReport({ gridCode: 'G-B1-01', description: '需要部门处置' }), 'grid_worker_b');
  for (const [name, suffix, dept] of [['WA2', '', 'dept-urban'], ['WB2', '_b', 'dept-market']] as const) {
    await complete(stack, caseIds[name], WhistleStep.CommunityHandle, `community_staff${suffix}`, 'whistle', { reason: '需街道协调' });
    await complete(stack, caseIds[name], WhistleStep.Dispatch, `dispatcher${suffix}`, 'dispatch', { departments: [dept], lead: dept });
  }
  caseIds.PA = await startInspection(stack);
  caseIds.PB = await startInspection(stack, { inspectors: [userIds.get('enforcement_officer_b'), userIds.get('enforcement_officer2_b')] }, 'enforcement_officer_b');
  caseIds.PA2 = await registered(stack);
  const la = application();
  const lb = application();
  creditCodes.LA = (la.applicant as { creditCode: string }).creditCode;
  creditCodes.LB = (lb.applicant as { creditCode: string }).creditCode;
  caseIds.LA = await startApplication(stack, la);
  caseIds.LB = await startApplication(stack, lb, 'applicant_b');
  const counter = async () => {
    const res = await apply(stack, application(), 'window_clerk');
    if (res.status !== 201) throw new Error(`counter filing failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { instanceId: string; claim: { code: string } };
  };
  const lc = await counter();
  caseIds.LC = lc.instanceId;
  const claimed = await send('applicant', 'post', '/api/licensing/claims', { code: lc.claim.code });
  if (claimed.status !== 200) throw new Error(`claim failed: ${claimed.status} ${JSON.stringify(claimed.body)}`);
  caseIds.LD = (await counter()).instanceId;
  for (const c of CASES) caseOf.set(caseIds[c], c);

  await Promise.all([
    stack.openTask(caseIds.WA, WhistleStep.CommunityHandle), stack.openTask(caseIds.WB, WhistleStep.CommunityHandle),
    stack.openTask(caseIds.WA2, WhistleStep.DepartmentHandle), stack.openTask(caseIds.WB2, WhistleStep.DepartmentHandle),
    stack.openTask(caseIds.PA, PenaltyStep.Inspect), stack.openTask(caseIds.PB, PenaltyStep.Inspect),
    stack.openTask(caseIds.PA2, PenaltyStep.Investigate),
    stack.openTask(caseIds.LA, LicensingStep.Commit), stack.openTask(caseIds.LB, LicensingStep.Commit),
    stack.openTask(caseIds.LC, LicensingStep.Commit), stack.openTask(caseIds.LD, LicensingStep.Commit),
  ]);
  scenarioTasks = await stack.database.db.select().from(tasks).where(inArray(tasks.instanceId, Object.values(caseIds)));
});
afterAll(async () => { await stack?.close(); });

const openTasks = () => scenarioTasks.filter((t) => t.status === 'open');

test('the matrix covers every endpoint of the document and every demo user', () => {
  const classified = [...Object.keys(READERS), ...Object.keys(WRITERS), ...PUBLIC_WRITES, ...SELF_WRITES];
  expect(ENDPOINTS.filter((e) => !classified.includes(e))).toEqual([]);
  expect(classified.filter((e) => !ENDPOINTS.includes(e))).toEqual([]);
  expect(USERS.filter((u) => !SEES[u.username]).map((u) => u.username)).toEqual([]);
  expect(openTasks().map((t) => caseOfTask(t)).sort()).toEqual([...CASES].sort());
});

// ---------- reads ----------

describe.each(USERS.map((u) => [u.username, u] as const))('%s reads', (username, user) => {
  const own = () => SEES[username];

  test('the instance list holds exactly the cases of their jurisdiction', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await get(username, `/api/instances?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: { instanceId: string }) => i.instanceId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.map((id) => caseOf.get(id) ?? id).sort()).toEqual([...own()].sort());
    for (const c of foreignCases(username)) {
      const byId = await get(username, `/api/instances?q=${caseIds[c]}`);
      expect({ c, items: byId.body.items }).toEqual({ c, items: [] });
    }
    for (const street of ['street-a', 'street-b', 'dept-urban', 'dept-market']) {
      const res = await get(username, `/api/instances?orgUnitId=${street}`);
      expect({ street, leaks: leaks(username, res) }).toEqual({ street, leaks: [] });
    }
  });

  test('a case outside their jurisdiction is 404 on every instance endpoint; their own answer', async () => {
    for (const c of CASES) {
      for (const suffix of ['', '/audit', '/audit/verify', '/conformance']) {
        const res = await get(username, `/api/instances/${caseIds[c]}${suffix}`);
        const expected = own().includes(c) ? 200 : 404;
        expect({ case: c, endpoint: suffix, status: res.status, leaks: leaks(username, res) }).toEqual({ case: c, endpoint: suffix, status: expected, leaks: [] });
      }
    }
  });

  test('inbox lists show no task of a foreign case; "available" is exactly the open tasks they may claim', async () => {
    for (const scope of ['all', 'available', 'mine']) {
      for (const status of ['open', 'completed']) {
        const res = await get(username, `/api/tasks?scope=${scope}&status=${status}&limit=200`);
        expect(res.status).toBe(200);
        const foreign = res.body.items.filter((t: { instanceId: string }) => !own().includes(caseOfTask(t)));
        expect({ scope, status, foreign }).toEqual({ scope, status, foreign: [] });
        expect({ scope, status, leaks: leaks(username, res) }).toEqual({ scope, status, leaks: [] });
      }
    }
    const available = (await get(username, '/api/tasks?scope=available&limit=200')).body.items.map((t: { taskId: string }) => t.taskId);
    const claimable = openTasks().filter((t) => !t.assigneeId && mayClaim(user, t)).map((t) => t.id);
    expect(available.sort()).toEqual(claimable.sort());
    const counts = (await get(username, '/api/tasks/counts')).body;
    expect(counts.available).toBe(claimable.length);
    for (const c of foreignCases(username)) {
      const res = await get(username, `/api/tasks?instanceId=${caseIds[c]}`);
      expect({ c, items: res.body.items }).toEqual({ c, items: [] });
    }
  });

  test('a task of a foreign case is 403 or 404; a task of their own unit answers', async () => {
    for (const t of scenarioTasks) {
      const res = await get(username, `/api/tasks/${encodeURIComponent(t.id)}`);
      const c = caseOfTask(t);
      if (!own().includes(c)) expect({ task: t.id, status: [403, 404].includes(res.status), leaks: leaks(username, res) }).toEqual({ task: t.id, status: true, leaks: [] });
      else if (subtree(user.orgUnitId).includes(t.orgUnitId)) expect({ task: t.id, status: res.status }).toEqual({ task: t.id, status: 200 });
    }
  });

  test('every other read answers by role and names no foreign case', async () => {
    const code = SEES[username].includes('LB') && !SEES[username].includes('LA') ? creditCodes.LB : creditCodes.LA;
    const urls: Record<string, string[]> = {
      'GET /api/health': ['/api/health'], 'GET /api/auth/options': ['/api/auth/options'], 'GET /api/me': ['/api/me'], 'GET /api/processes': ['/api/processes'],
      'GET /api/processes/{key}': ['/api/processes/whistle-escalation'],
      'GET /api/processes/{key}/versions/{version}': ['/api/processes/inspection-penalty/versions/1'],
      'GET /api/processes/{key}/conformance': ['whistle-escalation', 'inspection-penalty', 'commitment-licensing'].map((k) => `/api/processes/${k}/conformance`),
      ...Object.fromEntries(['whistle-escalation', 'inspection-penalty', 'commitment-licensing', 'random-inspection', 'hotline-order'].map((k) => [`GET /api/processes/${k}/start-form`, [`/api/processes/${k}/start-form`]])),
      'GET /api/catalogs/{name}': ['/api/catalogs/event-categories', '/api/catalogs/matters', '/api/catalogs/licence-items'],
      'GET /api/org-units': ['/api/org-units'], 'GET /api/users': ['/api/users', '/api/users?role=case_officer'],
      'GET /api/admin/alerts': ['/api/admin/alerts?status=all'], 'GET /api/admin/clock': ['/api/admin/clock'],
      // The credit registry and licence register are district-wide records keyed by credit code (DOMAIN.md §6
      // 信用库): a reader looks up their own street's applicant here.
      'GET /api/licensing/credit-records': [`/api/licensing/credit-records?creditCode=${code}`],
      'GET /api/licensing/licences': [`/api/licensing/licences?creditCode=${code}`],
      'GET /api/licensing/applications': ['/api/licensing/applications'],
      'GET /api/metrics/kpis': ['/api/metrics/kpis', '/api/metrics/kpis?processKey=inspection-penalty'],
      'GET /api/auth/sign-ins': ['/api/auth/sign-ins'],
      'GET /api/admin/users': ['/api/admin/users'],
      'GET /api/admin/security-log': ['/api/admin/security-log', '/api/admin/security-log?event=signedIn&limit=5'],
      'GET /api/admin/security-log/export': ['/api/admin/security-log/export?from=2026-01-01'],
      'GET /api/admin/security-log/verify': ['/api/admin/security-log/verify'],
      'GET /api/metrics/hotline': ['/api/metrics/hotline'],
      'GET /api/registries/subjects': ['/api/registries/subjects', '/api/registries/subjects?q=%E4%B8%9C%E6%B9%96'],
      'GET /api/public/inspection-results': ['/api/public/inspection-results'],
      'GET /api/metrics/random-inspection': ['/api/metrics/random-inspection'],
      'GET /api/metrics/hotline/orders': ['/api/metrics/hotline/orders?rate=response', '/api/metrics/hotline/orders?rate=satisfaction'],
      'GET /api/hotline/queues': ['/api/hotline/queues'],
      'GET /api/hotline/dispatch-suggestion': ['/api/hotline/dispatch-suggestion?category=food-safety'],
    };
    for (const endpoint of ENDPOINTS.filter((e) => e.startsWith('GET ') && !/\{(id|taskId)\}|^GET \/api\/(instances|tasks)$|^GET \/api\/tasks\/counts$/.test(e))) {
      const readers = READERS[endpoint];
      if (!urls[endpoint]) throw new Error(`no URL to read ${endpoint} with: add one to the matrix`);
      for (const url of urls[endpoint]) {
        const res = await get(username, url);
        const expected = readers === 'public' || readers === 'signed in' || (readers === 'staff' ? !portalOnly(user) : holds(user, readers)) ? 200 : 403;
        expect({ url, status: res.status, leaks: leaks(username, res) }).toEqual({ url, status: expected, leaks: [] });
      }
    }
  });
});

// ---------- writes: every refused one changes nothing (a refused task attempt is audited); the allowed ones get past authorization ----------

describe('writes', () => {
  let before: Record<string, string>;
  beforeAll(async () => { before = await fingerprint(stack.database, { exceptRefusals: true }); });
  const refusalsBy = async (username: string) => stack.database.db.select().from(auditEvents)
    .where(and(eq(auditEvents.action, 'refused'), eq(auditEvents.actorId, userIds.get(username)!)));

  test.each(USERS.map((u) => [u.username, u] as const))('%s: only the writes the matrix allows pass authorization', async (username, user) => {
    const mayWrite = (endpoint: string) => holds(user, WRITERS[endpoint] as readonly string[]);
    const outcomes: Array<{ what: string; status: number; expected: number[] }> = [];
    const expectStatus = (what: string, status: number, expected: number[]) => outcomes.push({ what, status, expected });
    const refusedOnTasks: string[] = [];

    // Tasks: a valid action from someone who may not act is refused; an invalid one from someone who may is a 400
    // (authorization passed, validation stopped it), or 409 when a colleague holds the task.
    for (const t of openTasks()) {
      const { action, data } = STEP_ACTIONS[t.stepId];
      const allowed = mayAct(user, t);
      const body = allowed ? { action, data: { ...data, notAField: true } } : { action, data };
      const res = await send(username, 'post', `/api/tasks/${encodeURIComponent(t.id)}/actions`, body);
      const held = t.assigneeId !== null && t.assigneeId !== userIds.get(username);
      expectStatus(`${caseOfTask(t)} ${t.stepId} ${action}`, res.status, allowed ? [held ? 409 : 400] : [403, 404]);
      if (res.status === 403) refusedOnTasks.push(`${t.id} ${action}`);
      if (!mayClaim(user, t)) {
        const claim = await send(username, 'post', `/api/tasks/${encodeURIComponent(t.id)}/claim`);
        expectStatus(`${caseOfTask(t)} ${t.stepId} claim`, claim.status, [403, 404]);
        if (claim.status === 403) refusedOnTasks.push(`${t.id} claim`);
      }
    }

    // Starting cases: a grid report or hotline order in their own street's grid and in the other street's.
    const whistleStarter = mayWrite('POST /api/processes/whistle-escalation/instances');
    for (const [grid, unit] of [['G-A1-01', 'grid-a1-1'], ['G-B1-01', 'grid-b1-1']]) {
      const allowed = whistleStarter && subtree(user.orgUnitId).includes(unit);
      const input = user.roles.includes('dispatcher') ? hotlineOrder({ gridCode: grid }) : gridReport({ gridCode: grid });
      const res = await send(username, 'post', '/api/processes/whistle-escalation/instances', { input: allowed ? { ...input, category: 'no-such-category' } : input });
      expectStatus(`start whistle-escalation in ${grid}`, res.status, allowed ? [400] : [403]);
    }
    // An inspection by two officers of their own street, and by two of the other street (the starter must be one).
    const otherStreet = user.orgUnitId === 'street-b' ? '' : '_b';
    const colleague = user.username.replace(/^enforcement_officer2?/, (m) => (m === 'enforcement_officer' ? 'enforcement_officer2' : 'enforcement_officer'));
    const officer = mayWrite('POST /api/processes/inspection-penalty/instances');
    const ownInspectors = officer ? [userIds.get(username), userIds.get(colleague)] : [userIds.get('enforcement_officer'), userIds.get('enforcement_officer2')];
    const ownPenalty = await send(username, 'post', '/api/processes/inspection-penalty/instances', {
      input: await inspectionInput(stack, { inspectors: ownInspectors, ...(officer ? { matter: 'no-such-matter' } : {}) }),
    });
    expectStatus('start inspection-penalty', ownPenalty.status, officer ? [400] : [403]);
    const foreignPenalty = await send(username, 'post', '/api/processes/inspection-penalty/instances', {
      input: await inspectionInput(stack, { inspectors: [userIds.get(`enforcement_officer${otherStreet}`), userIds.get(`enforcement_officer2${otherStreet}`)] }),
    });
    expectStatus('start inspection-penalty for the other street\'s officers', foreignPenalty.status, [403]);
    // A member of the public applies only for a subject bound to their account: applicant2 has none.
    const bound = Object.hasOwn(DEMO_SUBJECTS, username) ? DEMO_SUBJECTS[username as keyof typeof DEMO_SUBJECTS] : undefined;
    const applies = mayWrite('POST /api/processes/commitment-licensing/instances') && (!portalOnly(user) || bound !== undefined);
    const ownSubject = bound ? { applicant: { name: '本人经营主体', creditCode: bound } } : {};
    const licensing = await send(username, 'post', '/api/processes/commitment-licensing/instances', { input: application(applies ? { itemCode: 'no-such-item', ...ownSubject } : {}) });
    expectStatus('start commitment-licensing', licensing.status, applies ? [400] : [403]);

    // A double-random plan: its starters get as far as the matter catalog; everyone else is refused by role.
    const planner = mayWrite('POST /api/processes/random-inspection/instances');
    const plan = await send(username, 'post', '/api/processes/random-inspection/instances', {
      input: { title: '矩阵测试计划', matterCodes: ['no-such-matter'], departmentIds: ['street-a'], sample: { count: 1 }, inspectorsPerSubject: 2 },
    });
    expectStatus('start random-inspection', plan.status, planner ? [400] : [403]);
    // A 12345 order is taken only by the centre (an unknown category is its 400 once past authorization).
    const centre = mayWrite('POST /api/processes/hotline-order/instances');
    const order = await send(username, 'post', '/api/processes/hotline-order/instances', {
      input: { caller: { name: '周女士', phone: '13800000000' }, content: '油烟扰民', kind: 'complaint', category: centre ? 'no-such-category' : 'urban-management' },
    });
    expectStatus('start hotline-order', order.status, centre ? [400] : [403]);

    // Administration and design.
    const designer = mayWrite('PUT /api/processes/{key}/diagram');
    const xml = readFileSync(join(__dirname, '..', '..', 'processes', 'whistle-escalation.bpmn'), 'utf8');
    const diagram = await send(username, 'put', '/api/processes/whistle-escalation/diagram', { bpmnXml: designer ? '<definitions>not bpmn' : xml });
    expectStatus('publish a diagram', diagram.status, designer ? [400] : [403]);
    const admin = mayWrite('PUT /api/catalogs/{name}/{code}');
    const catalog = await send(username, 'put', '/api/catalogs/event-categories/road-damage', admin ? { name: '' } : { name: '道路破损', data: {} });
    expectStatus('edit a catalog entry', catalog.status, admin ? [400] : [403]);
    const clock = await send(username, 'post', '/api/admin/clock/advance', { duration: mayWrite('POST /api/admin/clock/advance') ? 'soon' : 'PT1H' });
    expectStatus('advance the clock', clock.status, mayWrite('POST /api/admin/clock/advance') ? [400] : [403]);

    // Portal binding. A claim code is redeemed only by a member of the public (a well-formed code from anyone else is
    // refused before it is looked up); the window re-issues codes and binds subjects only within its street.
    const party = mayWrite('POST /api/licensing/claims') && portalOnly(user);
    const redeem = await send(username, 'post', '/api/licensing/claims', { code: party ? 42 : 'ABCD-EFGH-JKLM' });
    expectStatus('redeem a claim code', redeem.status, party ? [400] : [403]);
    const window = mayWrite('POST /api/licensing/claim-codes') && subtree(user.orgUnitId).includes('street-a');
    const reissue = await send(username, 'post', '/api/licensing/claim-codes', { instanceId: window ? 7 : caseIds.LD });
    expectStatus('re-issue the claim code of LD', reissue.status, window ? [400] : [403, 404]);
    const binder = mayWrite('POST /api/licensing/portal-subjects') && subtree(user.orgUnitId).includes('street-a');
    const subject = { username: 'applicant2', subject: { name: '湖滨超市', creditCode: '91330106MA2H00004P' }, verification: { document: 'businessLicence', reference: '执照核验' } };
    const bind = await send(username, 'post', '/api/licensing/portal-subjects', binder ? { ...subject, verification: { document: 'photo' } } : subject);
    expectStatus('bind a subject to applicant2', bind.status, binder ? [400] : [403]);

    // Administration: an invalid body from the administrator whose part it is (authorization passed, validation stopped
    // it), a valid one from everyone else (refused before anything is read or written).
    const target = userIds.get('grid_worker_b')!;
    const adminWrites: Array<[string, 'post' | 'put' | 'patch', string, object, object]> = [
      ['POST /api/org-units', 'post', '/api/org-units', { kind: 'street', name: '新街道', parentId: 'district' }, { kind: 'district', name: '第二个区', parentId: 'district' }],
      ['PATCH /api/org-units/{id}', 'patch', '/api/org-units/street-b', { name: '西园新街道' }, {}],
      ['POST /api/users', 'post', '/api/users', { username: 'matrix_new', name: '新人', orgUnitId: 'street-a', password: 'Matrix-Pass-2026' }, { username: 'x', name: '新人', orgUnitId: 'street-a', password: 'Matrix-Pass-2026' }],
      ['PATCH /api/users/{id}', 'patch', `/api/users/${target}`, { active: false }, { active: 'no' }],
      ['PUT /api/users/{id}/roles', 'put', `/api/users/${target}/roles`, { roles: ['grid_worker', 'verifier'] }, { roles: ['no_such_role'] }],
      ['POST /api/users/{id}/password-reset', 'post', `/api/users/${target}/password-reset`, { password: 'Reset-Matrix-2026' }, {}],
      ['POST /api/users/{id}/unlock', 'post', `/api/users/${target}/unlock`, { reason: '本人来电' }, { reason: '' }],
      ['POST /api/users/{id}/totp-reset', 'post', `/api/users/${target}/totp-reset`, { reason: '手机遗失' }, {}],
    ];
    for (const [endpoint, method, url, valid, invalid] of adminWrites) {
      const allowed = mayWrite(endpoint);
      const res = await send(username, method, url, allowed ? invalid : valid);
      expectStatus(endpoint, res.status, allowed ? [400] : [403]);
    }
    // The organisation import: a file that is not CSV from the system administrator, a valid one (a dry run) from others.
    const importReq = request(stack.baseUrl!).post('/api/admin/import?dryRun=true').set('authorization', auth.get(username)!);
    const imported = mayWrite('POST /api/admin/import') ? await importReq.send({ rows: [] })
      : await importReq.set('content-type', 'text/csv').send('kind,name,parent,code\nstreet,新街道,district,\n');
    expectStatus('import units', imported.status, mayWrite('POST /api/admin/import') ? [400] : [403]);
    // The subjects registry: the admin's import gets past authorization (a wrong header is a 400), anyone else's is refused.
    const subjectsImport = await request(stack.baseUrl!).post('/api/registries/subjects/import').set('authorization', auth.get(username)!).set('content-type', 'text/csv')
      .send(mayWrite('POST /api/registries/subjects/import') ? 'wrong,header\n' : 'creditCode,name,address,gridCode,creditGrade\n91320100MA0000001X,某商户,东湖路1号,G-A1-01,B\n');
    expectStatus('import subjects', subjectsImport.status, mayWrite('POST /api/registries/subjects/import') ? [400] : [403]);
    // One's own account: a malformed change of password or second factor is a 400 for everyone, and changes nothing.
    expectStatus('change my password', (await send(username, 'post', '/api/auth/password', { currentPassword: DEMO_PASSWORD })).status, [400]);
    expectStatus('enrol a second factor', (await send(username, 'post', '/api/auth/totp/enroll', {})).status, [400]);
    expectStatus('confirm a second factor', (await send(username, 'post', '/api/auth/totp/confirm', { code: 'abc' })).status, [400]);

    expect(outcomes.filter((o) => !o.expected.includes(o.status))).toEqual([]);
    expect(await fingerprint(stack.database, { exceptRefusals: true })).toEqual(before);
    // Every refused attempt on a task is one audit event of its case, naming the user and what they tried.
    const logged = (await refusalsBy(username)).map((e) => `${String(e.data.taskId)} ${String(e.data.attemptedAction)}`);
    expect(logged.sort()).toEqual(refusedOnTasks.sort());
  });

  test('the allowed claims go through: each open task is claimed by a user the matrix allows, and then belongs to them', async () => {
    for (const t of openTasks().filter((x) => !x.assigneeId)) {
      const claimant = USERS.find((u) => mayClaim(u, t));
      // An unclaimed counter filing's commitment is no one's to claim: only its party may, once they redeem the code.
      if (!claimant) {
        expect(`${caseOfTask(t)} ${t.stepId}`).toBe(`LD ${LicensingStep.Commit}`);
        continue;
      }
      const res = await send(claimant.username, 'post', `/api/tasks/${encodeURIComponent(t.id)}/claim`);
      expect({ task: `${caseOfTask(t)} ${t.stepId}`, claimant: claimant.username, status: res.status }).toEqual({ task: `${caseOfTask(t)} ${t.stepId}`, claimant: claimant.username, status: 200 });
      const mine = await get(claimant.username, '/api/tasks?scope=mine');
      expect(mine.body.items.map((x: { taskId: string }) => x.taskId)).toContain(t.id);
    }
  });
});
