// 双随机、一公开 on the time-skipping server: the plan approved by a head who did not write it, the draw recorded and
// re-run to the same result, inspections open only to the drawn inspectors, recusals replaced once and never by
// the same person, a problem opening a linked penalty case, and publication within 20 working days (dates worked
// out by hand from the 2026 calendar) supervised when late. The public endpoint never shows an inspector.
import request from 'supertest';
import { and, eq, inArray } from 'drizzle-orm';
import { inspectionResults, inspectorConflicts, tasks, users } from '../../db/schema';
import { reverifyDraw } from '../../db/random-draws';
import { RandomStep } from '../../domain/processes/random-inspection';
import { InProcessResultPublisher } from '../../activities/result-publisher';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';
import { act, audit, instance, waitForStatus } from '../support/whistle';
import { addOfficers, approvedPlan, creditCode, drawOf, importSubjects, startPlan, subjectsCsv } from '../support/random-inspection';

const publisher = new InProcessResultPublisher();
let stack: TestStack;
let officers: string[];
const STREET_A_GRIDS = ['G-A1-01', 'G-A1-02', 'G-A2-01', 'G-A2-02'];
const streetA = Array.from({ length: 8 }, (_, i) => ({ n: i + 1, name: `东湖商户${i + 1}号店`, grid: STREET_A_GRIDS[i % 4] }));
const streetB = [{ n: 101, name: '西园商户甲', grid: 'G-B1-01' }, { n: 102, name: '西园商户乙', grid: 'G-B2-01' }];

// Mon 21 Sep 2026, the week before 中秋 (Fri 25–Sun 27 Sep) and 国庆 (Thu 1–Wed 7 Oct; Sun 20 Sep and Sat 10 Oct worked).
beforeAll(async () => {
  stack = await createTestStack({ startAt: '2026-09-21T09:00:00+08:00', publisher });
  const imported = await importSubjects(stack, subjectsCsv([...streetA, ...streetB]));
  expect(imported.body).toMatchObject({ created: 10, updated: 0, errors: [] });
  const added = await addOfficers(stack, 'street-a', ['ri_a3', 'ri_a4']);
  const demo = await stack.database.db.select().from(users).where(inArray(users.username, ['enforcement_officer', 'enforcement_officer2']));
  officers = [...demo.map((u) => u.id), ...Object.values(added)];
});
afterAll(async () => { await stack?.close(); });

/** The inspection tasks of a plan a user's inbox lists, in a scope. */
async function listed(username: string, instanceId: string, scope: 'available' | 'all' = 'available'): Promise<string[]> {
  const res = await request(stack.app).get('/api/tasks').query({ scope, instanceId }).set('authorization', await stack.login(username));
  expect(res.status).toBe(200);
  return res.body.items.map((t: { taskId: string }) => t.taskId);
}

async function usernameOf(id: string): Promise<string> {
  const [row] = await stack.database.db.select().from(users).where(eq(users.id, id));
  return row.username;
}

test('a plan\'s author may not approve it, and a rejected plan draws nothing', async () => {
  const own = await startPlan(stack, { title: '自批测试', matterCodes: ['urban-vending'], departmentIds: ['street-a'], sample: { count: 1 }, inspectorsPerSubject: 2 }, 'street_head');
  expect(own.status).toBe(201);
  const task = await stack.openTask(own.body.instanceId, RandomStep.ApprovePlan);
  const self = await act(stack, 'street_head', task.id, 'approve');
  expect(self.status).toBe(403);
  expect(self.body.error.message).toBe('抽查计划的制定人不得审批该计划');

  const other = await startPlan(stack, { title: '不予批准的计划', matterCodes: ['urban-vending'], departmentIds: ['street-a'], sample: { count: 1 }, inspectorsPerSubject: 2 });
  const approval = await stack.openTask(other.body.instanceId, RandomStep.ApprovePlan);
  expect((await act(stack, 'street_head', approval.id, 'reject', { reason: '抽查事项与年度计划重复' })).status).toBe(200);
  await waitForStatus(stack, other.body.instanceId, 'rejected');
  expect((await drawOf(stack, other.body.instanceId)).status).toBe(404);
});

test('a plan asking more inspectors per subject than its units have is refused, naming the field', async () => {
  const res = await startPlan(stack, { title: '人数不足', matterCodes: ['urban-vending'], departmentIds: ['street-b'], sample: { count: 1 }, inspectorsPerSubject: 3 });
  expect(res.status).toBe(400);
  expect(res.body.error.details[0].path).toBe('input.inspectorsPerSubject');
});

test('the approved plan draws with a recorded seed, only drawn inspectors act, a problem opens a linked penalty case, results go public without inspectors', async () => {
  const id = await approvedPlan(stack, { sample: { count: 3 } });
  const opened = await stack.openTasks(id, RandomStep.Inspect, 3);
  const draw = (await drawOf(stack, id)).body;
  expect(draw).toMatchObject({ algorithm: 'shanzhi-draw/1', seed: expect.stringMatching(/^[0-9a-f]{64}$/), registryHash: expect.stringMatching(/^[0-9a-f]{64}$/), verifyCommand: `npm run verify:draw -- ${id}` });
  expect(draw.registrySize).toEqual({ subjects: 8, inspectors: 4 });
  const codesA = streetA.map((s) => creditCode(s.n));
  expect(draw.subjects).toHaveLength(3);
  for (const s of draw.subjects) {
    expect(codesA).toContain(s.creditCode);
    expect(new Set(draw.inspectors[s.creditCode]).size).toBe(2);
    for (const who of draw.inspectors[s.creditCode]) expect(officers).toContain(who);
  }
  // Anyone re-running the draw from the recorded seed and snapshot gets the same subjects and inspectors.
  expect(await reverifyDraw(stack.database.db, id)).toEqual([]);

  const byCode = new Map<string, { id: string }>(draw.tasks.map((t: { creditCode: string; taskId: string }) => [t.creditCode, { id: t.taskId }]));
  expect([...byCode.values()].map((t) => t.id).sort()).toEqual(opened.map((t) => t.id).sort());
  const [first, second, third] = draw.subjects.map((s: { creditCode: string }) => s.creditCode);
  const drawnFirst: string[] = draw.inspectors[first];
  const outsider = officers.find((o) => !drawnFirst.includes(o))!;
  const refused = await act(stack, await usernameOf(outsider), byCode.get(first)!.id, 'result', { outcome: 'compliant', notes: '未抽中也想检查' });
  expect(refused.status).toBe(403);
  // The inbox lists each inspection only to its drawn inspectors; anyone else of the pool is refused it, to claim or to read.
  const firstTask = byCode.get(first)!.id;
  for (const who of drawnFirst) expect(await listed(await usernameOf(who), id)).toContain(firstTask);
  const [firstRow] = await stack.database.db.select().from(tasks).where(eq(tasks.id, firstTask));
  expect(firstRow.title).toBe(`${draw.subjects[0].name}（2026年第三季度占道经营双随机抽查）`);
  for (const scope of ['available', 'all'] as const) expect(await listed(await usernameOf(outsider), id, scope)).not.toContain(firstTask);
  expect(await listed('auditor', id, 'all')).toContain(firstTask);
  const outsiderLogin = await stack.login(await usernameOf(outsider));
  const claim = await request(stack.app).post(`/api/tasks/${firstTask}/claim`).set('authorization', outsiderLogin);
  expect(claim.status).toBe(403);
  expect((await request(stack.app).get(`/api/tasks/${firstTask}`).set('authorization', outsiderLogin)).status).toBe(403);
  expect((await audit(stack, id)).some((e) => e.action === 'refused' && e.data.rule === 'candidates' && e.data.attemptedAction === 'claim')).toBe(true);
  expect((await act(stack, 'enforcement_officer_b', byCode.get(first)!.id, 'result', { outcome: 'compliant', notes: '外街道' })).status).toBe(403);

  const finder = await usernameOf(drawnFirst[0]);
  const wrongMatter = await act(stack, finder, byCode.get(first)!.id, 'result', { outcome: 'problem', notes: '占道', matterCode: 'urban-construction' });
  expect(wrongMatter.status).toBe(400);
  expect(wrongMatter.body.error.details[0].path).toBe('data.matterCode');
  expect((await act(stack, finder, byCode.get(first)!.id, 'result', { outcome: 'problem', notes: '店外占道经营约6平方米' })).status).toBe(200);
  expect((await act(stack, await usernameOf(draw.inspectors[second][1]), byCode.get(second)!.id, 'result', { outcome: 'compliant', notes: '未发现问题' })).status).toBe(200);
  expect((await act(stack, await usernameOf(draw.inspectors[third][0]), byCode.get(third)!.id, 'result', { outcome: 'notFound', notes: '登记地址无此商户' })).status).toBe(200);

  // The problem goes on as an inspection–penalty case, each case naming the other.
  const penaltyId = `${id}-${first}`;
  const penalty = await waitFor(async () => { const body = await instance(stack, penaltyId); return body.input ? body : undefined; }, 'the linked penalty case');
  expect(penalty.processKey).toBe('inspection-penalty');
  expect(penalty.input).toMatchObject({ origin: 'randomInspection', originInstanceId: id, subject: { creditCode: first }, inspectors: [drawnFirst[0], drawnFirst[1]] });
  await stack.openTask(penaltyId, 'Task_Inspect');
  const closed = await waitForStatus(stack, id, 'closed');
  expect(closed.outcome.results).toEqual(expect.arrayContaining([
    { creditCode: first, outcome: 'problem', penaltyInstanceId: penaltyId, publishedOnTime: true },
    { creditCode: second, outcome: 'compliant', penaltyInstanceId: null, publishedOnTime: true },
  ]));
  expect((await audit(stack, id)).some((e) => e.action === 'penaltyCaseStarted' && e.data.penaltyInstanceId === penaltyId)).toBe(true);

  // Published the same day, on a page that needs no sign-in and names no inspector.
  const page = await request(stack.app).get('/api/public/inspection-results').query({ q: '东湖商户' });
  expect(page.status).toBe(200);
  const mine = page.body.items.filter((i: { planTitle: string }) => i.planTitle === '2026年第三季度占道经营双随机抽查');
  expect(mine).toHaveLength(3);
  expect(mine.find((i: { creditCode: string }) => i.creditCode === first)).toEqual({
    subjectName: expect.stringMatching(/^东湖商户/), creditCode: first, matter: '擅自占用城市道路摆摊经营', outcome: 'problem',
    inspectedOn: '2026-09-21', publishedOn: '2026-09-21', planTitle: '2026年第三季度占道经营双随机抽查',
  });
  const text = JSON.stringify(page.body);
  const people = await stack.database.db.select().from(users).where(inArray(users.id, officers));
  for (const p of people) for (const leak of [p.id, p.username, p.name]) expect(text).not.toContain(leak);
  const byCodePrefix = await request(stack.app).get('/api/public/inspection-results').query({ q: first.slice(0, 14).toLowerCase() });
  expect(byCodePrefix.body.items.map((i: { creditCode: string }) => i.creditCode)).toContain(first);

  // The KPIs of the day's draws: the one plan, three drawn and inspected the day of the draw, one problem of the two
  // found (the third not found), all three published on time.
  const kpis = await request(stack.app).get('/api/metrics/random-inspection').query({ from: '2026-09-21', to: '2026-09-21' }).set('authorization', await stack.login('district_leader'));
  expect(kpis.status).toBe(200);
  expect(kpis.body).toMatchObject({
    plans: 1, drawn: 3, inspected: 3, problems: 1, notFound: 1, inspectedShare: 1, problemShare: 0.5, publicationDue: 3, publishedOnTimeRate: 1,
    drawToInspectionDays: { median: 0, max: 0 }, byPlan: [{ instanceId: id, title: '2026年第三季度占道经营双随机抽查', drawn: 3, inspected: 3 }],
  });
  expect((await request(stack.app).get('/api/metrics/random-inspection').set('authorization', await stack.login(finder))).status).toBe(403);
  expect((await request(stack.app).get('/api/metrics/random-inspection').query({ from: '2026-09-22', to: '2026-09-21' }).set('authorization', await stack.login('auditor'))).body.error.details[0].path).toBe('from');
});

test('a recusal removes the inspector at once and draws one replacement, never anyone drawn before nor anyone with a conflict', async () => {
  // ri_a4 declared a conflict with every grid of street A: drawn, they recuse at the draw; never acting.
  await stack.database.db.insert(inspectorConflicts).values(STREET_A_GRIDS.map((gridCode) => ({ userId: 'user-ri_a4', gridCode, reason: '居住于本网格' })));
  const id = await approvedPlan(stack, { title: '回避测试计划', sample: { count: 1 } });
  const [task] = await stack.openTasks(id, RandomStep.Inspect, 1);
  const draw = (await drawOf(stack, id)).body;
  const code = draw.subjects[0].creditCode;
  const acting: string[] = draw.inspectors[code];
  expect(acting).not.toContain('user-ri_a4');
  for (const r of draw.recusals) expect(r).toMatchObject({ userId: 'user-ri_a4', reason: 'sameGrid', declared: false });
  // Of the three without a conflict, two act; the third is the only possible replacement.
  const third = officers.filter((o) => o !== 'user-ri_a4' && !acting.includes(o));
  expect(third).toHaveLength(1);

  const leaving = await usernameOf(acting[0]);
  const recusal = await act(stack, leaving, task.id, 'recuse', { reason: '与该商户负责人系亲属' });
  expect(recusal.status).toBe(200);
  expect(recusal.body.status).toBe('open');
  expect((await act(stack, leaving, task.id, 'result', { outcome: 'compliant', notes: '已回避仍录入' })).status).toBe(403);
  const after = await waitFor(async () => { const body = (await drawOf(stack, id)).body; return body.recusals.some((r: { declared: boolean }) => r.declared) ? body : undefined; }, 'the declared recusal');
  // The task leaves the recused inspector's inbox and shows in the replacement's.
  const handedOver = await waitFor(async () => ((await listed(await usernameOf(third[0]), id)).includes(task.id) ? true : undefined), 'the task in the replacement\'s inbox');
  expect(handedOver).toBe(true);
  expect(await listed(leaving, id)).not.toContain(task.id);
  expect(after.recusals.filter((r: { declared: boolean }) => r.declared)).toEqual([{ creditCode: code, userId: acting[0], reason: '与该商户负责人系亲属', replacement: third[0], declared: true }]);
  expect(after.inspectors[code]).toEqual([acting[1], third[0]]);
  const done = await waitFor(async () => {
    const res = await act(stack, await usernameOf(third[0]), task.id, 'result', { outcome: 'compliant', notes: '替补人员检查' });
    if (res.status !== 200 && res.status !== 403) throw new Error(JSON.stringify(res.body));
    return res.status === 200 ? res : undefined;
  }, 'the replacement to be let in');
  expect(done.status).toBe(200);
  expect(await reverifyDraw(stack.database.db, id)).toEqual([]);
  await waitForStatus(stack, id, 'closed');
  await stack.database.db.delete(inspectorConflicts).where(eq(inspectorConflicts.userId, 'user-ri_a4'));
});

test('a result not out within 20 working days of its inspection is supervised, then published late', async () => {
  publisher.unreachable = true;
  const id = await approvedPlan(stack, { title: '公示逾期测试计划', sample: { count: 1 } });
  const [task] = await stack.openTasks(id, RandomStep.Inspect, 1);
  const draw = (await drawOf(stack, id)).body;
  const code = draw.subjects[0].creditCode as string;
  expect((await act(stack, await usernameOf(draw.inspectors[code][0]), task.id, 'result', { outcome: 'compliant', notes: '合格' })).status).toBe(200);
  // Inspected Mon 21 Sep. Working days from Tue 22: 22, 23, 24 (3); 中秋 25–27; 28, 29, 30 (6); 国庆 1–7 Oct;
  // Thu 8, Fri 9, Sat 10 worked (9); Mon 12–Fri 16 (14); 19–23 (19); Mon 26 Oct (20), to 17:30.
  const row = await waitFor(async () => (await stack.database.db.select().from(inspectionResults)
    .where(and(eq(inspectionResults.instanceId, id), eq(inspectionResults.creditCode, code))))[0], 'the result row');
  expect(row.publishBy.toISOString()).toBe(new Date('2026-10-26T17:30:00+08:00').toISOString());
  const supervised = async () => (await audit(stack, id)).filter((e) => e.stepId === RandomStep.Publish && e.action === 'supervise');

  await stack.advanceTo('2026-10-26T17:00:00+08:00');
  expect(await supervised()).toEqual([]);
  await stack.advanceTo('2026-10-26T18:00:00+08:00');
  const events = await waitFor(async () => { const found = await supervised(); return found.length > 0 ? found : undefined; }, 'supervision of the late publication');
  expect(events[0].data).toMatchObject({ creditCode: code, reason: 'publicationOverdue', dueAt: new Date('2026-10-26T17:30:00+08:00').toISOString() });
  const hidden = await request(stack.app).get('/api/public/inspection-results').query({ q: code });
  const ofPlan = (items: Array<{ planTitle: string; publishedOn: string }>) => items.filter((i) => i.planTitle === '公示逾期测试计划');
  expect(ofPlan(hidden.body.items)).toEqual([]);

  publisher.unreachable = false;
  // The publicity system is retried at most a day apart: the result goes out within the next day.
  await stack.advance(25 * 3600_000);
  const closed = await waitForStatus(stack, id, 'closed');
  expect(closed.outcome.results).toEqual([{ creditCode: code, outcome: 'compliant', penaltyInstanceId: null, publishedOnTime: false }]);
  const shown = await request(stack.app).get('/api/public/inspection-results').query({ q: code });
  expect(ofPlan(shown.body.items)).toEqual([expect.objectContaining({ creditCode: code, inspectedOn: '2026-09-21' })]);
  expect(['2026-10-26', '2026-10-27']).toContain(ofPlan(shown.body.items)[0].publishedOn);
}, 240_000);

test('the subjects registry import names every bad row and field, writes nothing on a dry run or with errors, and pages by credit code', async () => {
  // The right first 17 characters with a wrong check character.
  const mistyped = creditCode(202).slice(0, 17) + (creditCode(202)[17] === '0' ? '1' : '0');
  const bad = `${subjectsCsv([{ n: 201, name: '新商户', grid: 'G-A1-01' }])}\n${mistyped},错码商户,东湖路,G-A1-01,B\n${creditCode(203)},,东湖路,G-X9-99,E\n${creditCode(201)},重复商户,东湖路,G-A1-01,A`;
  const refused = await importSubjects(stack, bad);
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toEqual([
    { row: 3, field: 'creditCode', message: expect.stringMatching(/check character/) },
    { row: 4, field: 'name', message: 'required' },
    { row: 4, field: 'gridCode', message: 'no grid with code G-X9-99' },
    { row: 4, field: 'creditGrade', message: 'must be one of A, B, C, D' },
    { row: 5, field: 'creditCode', message: 'the same credit code as row 2' },
  ]);
  const dry = await importSubjects(stack, subjectsCsv([{ n: 201, name: '新商户', grid: 'G-A1-01' }, { n: 1, name: '东湖商户1号店（更名）', grid: 'G-A1-01' }]), true);
  expect(dry.body).toMatchObject({ dryRun: true, created: 1, updated: 1, errors: [] });
  const admin = await stack.login('admin');
  expect((await request(stack.app).get('/api/registries/subjects').query({ q: '新商户' }).set('authorization', admin)).body.items).toEqual([]);

  const pages: string[] = [];
  let cursor: string | null = null;
  do {
    const page: request.Response = await request(stack.app).get('/api/registries/subjects').query(cursor ? { limit: 4, cursor } : { limit: 4 }).set('authorization', admin);
    pages.push(...page.body.items.map((i: { creditCode: string }) => i.creditCode));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(pages).toEqual([...streetA, ...streetB].map((s) => creditCode(s.n)).sort());
  expect((await request(stack.app).get('/api/registries/subjects').set('authorization', await stack.login('applicant'))).status).toBe(403);
  expect((await request(stack.app).get('/api/registries/subjects').query({ cursor: 'not-ours' }).set('authorization', admin)).status).toBe(400);
});
