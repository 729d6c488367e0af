// Issue 14, the API behind the web app's start forms and the applicant portal: each process's start form is its
// input's JSON Schema with choices scoped as the start checks them, offered only to those who may start it; the
// portal home lists an applicant's own applications with the step each waits on, the exact notice they sign (whose
// sha256 is the one recorded), and the licence once issued.
import request from 'supertest';
import { LicensingStep } from '../../domain/processes/commitment-licensing';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { act, audit, complete } from '../support/whistle';
import { application, DEMO_SUBJECTS } from '../support/licensing';
import { userId } from '../support/penalty';
import { portalApplicationsSchema, startFormSchema } from '../../api/openapi/responses';

let stack: TestStack;
beforeAll(async () => { stack = await createTestStack(); });
afterAll(async () => { await stack?.close(); });

const get = async (username: string, url: string) => request(stack.app).get(url).set('authorization', await stack.login(username));
interface Choice { value: string; label: string; fill?: Record<string, string> }

describe('start forms', () => {
  test('an enforcement officer gets the inspection form: the matters, and as second inspector only officers of the same street', async () => {
    const res = await get('enforcement_officer', '/api/processes/inspection-penalty/start-form');
    expect(res.status).toBe(200);
    // The answer is the one the OpenAPI document (and so the web app's generated types) describes, nothing more.
    expect(startFormSchema.strict().safeParse(res.body).error).toBeUndefined();
    expect(res.body.schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['subject', 'matter', 'inspectors', 'origin']) });
    expect(res.body.schema.properties.subject.properties.creditCode.format).toBe('cn-unified-social-credit-code');
    const me = await userId(stack, 'enforcement_officer');
    const partner = await userId(stack, 'enforcement_officer2');
    const otherStreet = await userId(stack, 'enforcement_officer_b');
    const inspectors = (res.body.choices.inspectors as Choice[]).map((c) => c.value);
    expect(inspectors).toEqual(expect.arrayContaining([me, partner]));
    expect(inspectors).not.toContain(otherStreet);
    expect(res.body.defaults.inspectors).toEqual([me]);
    const matters = res.body.choices.matter as Choice[];
    expect(matters.length).toBeGreaterThan(0);

    // What the form offers, the start accepts.
    const started = await request(stack.app).post('/api/processes/inspection-penalty/instances').set('authorization', await stack.login('enforcement_officer'))
      .send({ input: { subject: { name: '东湖小吃店', address: '东湖路3号' }, matter: matters[0].value, inspectors: [me, partner], origin: res.body.defaults.origin } });
    expect(started.status).toBe(201);
  });

  test('a grid worker gets grids of their own area only, their own grid chosen first, with the event categories', async () => {
    const res = await get('grid_worker', '/api/processes/whistle-escalation/start-form');
    expect(res.status).toBe(200);
    expect(res.body.defaults.gridCode).toBe('G-A1-01');
    expect((res.body.choices.gridCode as Choice[]).map((c) => c.value)).not.toContain('G-B1-01');
    expect((res.body.choices.category as Choice[]).map((c) => c.value)).toContain('road-damage');
  });

  test('a portal applicant is offered the subjects bound to their account, each filling the applicant fields', async () => {
    const res = await get('applicant', '/api/processes/commitment-licensing/start-form');
    expect(res.status).toBe(200);
    expect(res.body.choices.applicant).toEqual([expect.objectContaining({ value: DEMO_SUBJECTS.applicant, fill: expect.objectContaining({ creditCode: DEMO_SUBJECTS.applicant }) })]);
    expect((res.body.choices.itemCode as Choice[]).map((c) => c.value)).toContain('food-business');
    // The window files for anyone: no bound subjects to choose from.
    expect((await get('window_clerk', '/api/processes/commitment-licensing/start-form')).body.choices.applicant).toBeUndefined();
  });

  test('who may not start a process gets 403; an unknown process, or a key from Object.prototype, 404', async () => {
    expect((await get('grid_worker', '/api/processes/inspection-penalty/start-form')).status).toBe(403);
    expect((await get('enforcement_officer', '/api/processes/commitment-licensing/start-form')).status).toBe(403);
    for (const key of ['nope', 'constructor', '__proto__']) expect({ key, status: (await get('enforcement_officer', `/api/processes/${key}/start-form`)).status }).toEqual({ key, status: 404 });
  });
});

describe('the applicant portal', () => {
  test('a counter filing, once claimed, is listed with the notice to sign; the sha256 shown is the one recorded; the licence shows once issued', async () => {
    const filed = await request(stack.app).post('/api/processes/commitment-licensing/instances').set('authorization', await stack.login('window_clerk'))
      .send({ input: application({ applicant: { name: '东湖便利店', creditCode: DEMO_SUBJECTS.applicant } }) });
    expect(filed.status).toBe(201);
    const id = filed.body.instanceId as string;
    const commit = await stack.openTask(id, LicensingStep.Commit);
    // Not claimed yet: the case is nobody's on the portal.
    expect(((await get('applicant', '/api/licensing/applications')).body.items as Array<{ instanceId: string }>).map((i) => i.instanceId)).not.toContain(id);
    expect((await request(stack.app).post('/api/licensing/claims').set('authorization', await stack.login('applicant')).send({ code: filed.body.claim.code })).status).toBe(200);

    const portal = (await get('applicant', '/api/licensing/applications')).body;
    expect(portalApplicationsSchema.strict().safeParse(portal).error).toBeUndefined();
    const listed = portal.items.find((i: { instanceId: string }) => i.instanceId === id);
    expect(listed).toMatchObject({ status: 'running', itemCode: 'food-business', licence: null, applicant: { creditCode: DEMO_SUBJECTS.applicant } });
    expect(listed.steps).toEqual([expect.objectContaining({ taskId: commit.id, stepId: LicensingStep.Commit, yours: true, overdue: false, dueAt: expect.any(String) })]);
    const notice = listed.steps[0].notice as { version: string; text: string; sha256: string };
    expect(notice.text).toContain('【告知书】');
    expect(notice.text).toContain('【承诺书】本人/本单位 东湖便利店');

    expect((await act(stack, 'applicant', commit.id, 'sign', { noticeVersion: notice.version })).status).toBe(200);
    const signed = await waitFor(async () => (await audit(stack, id)).find((e) => e.action === 'commitmentSigned'), 'the recorded commitment');
    expect(signed.data).toMatchObject({ sha256: notice.sha256, noticeVersion: notice.version, length: notice.text.length });

    await complete(stack, id, LicensingStep.Accept, 'window_clerk', 'accept');
    await complete(stack, id, LicensingStep.Approve, 'approver', 'approve');
    const withLicence = await waitFor(async () => {
      const item = (await get('applicant', '/api/licensing/applications')).body.items.find((i: { instanceId: string }) => i.instanceId === id);
      return item?.licence ? item : null;
    }, 'the licence on the portal');
    expect(withLicence.licence).toMatchObject({ licenceNo: expect.stringMatching(/^XK-\d{4}-/), status: 'issued', holderName: '东湖便利店' });
    expect(portalApplicationsSchema.strict().safeParse((await get('applicant', '/api/licensing/applications')).body).error).toBeUndefined();
    // Another applicant never sees it; staff use the case list.
    expect(((await get('applicant_b', '/api/licensing/applications')).body.items as Array<{ instanceId: string }>).map((i) => i.instanceId)).not.toContain(id);
    expect((await get('window_clerk', '/api/licensing/applications')).status).toBe(403);
  });
});
