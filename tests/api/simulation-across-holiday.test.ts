// Issue 13, "Must show": in simulation mode penalty cases (查处分离) are driven through the HTTP API alone, as their clerks
// drive them — each finds the step in their inbox, reads it on the task page and acts on it — while an admin moves the
// clock on a day at a time across 中秋 and 国庆 2026. Every deadline the clerks are shown matches the law's count: one
// case goes through a hearing, the other is decided before the holidays, served late after them and paid late.
//
// Every date below is worked out by hand from the official 2026 schedule (chinese-days): 中秋 Fri 25–Sun 27 Sep and
// 国庆 Thu 1–Wed 7 Oct are rest days; Sun 20 Sep and Sat 10 Oct are make-up working days (调休). The law's "5 and 7
// days" are working days (行政处罚法 art. 85): counted from the day after, ending when office hours end (17:30) on the
// last one. The 90-day limit (art. 60) and the 15-day payment period (art. 67) are calendar days: counted from the day
// after, ending at 24:00 of the last day, a last day that is a rest day moving to the next working day (民法典 arts.
// 201, 203). Late payment adds 3 % of the fine for each whole day past the last day, never more than the fine (art. 72).
import request from 'supertest';
import { createTestStack, waitFor, type TestStack } from '../support/test-stack';

// The simulated clock starts on the scenario's first morning, Mon 21 Sep 2026, 09:00.
let stack: TestStack;
beforeAll(async () => { stack = await createTestStack({ startAt: '2026-09-21T09:00:00+08:00' }); });
afterAll(async () => { await stack?.close(); });

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function get(user: string, path: string): Promise<Body> {
  const res = await request(stack.app).get(path).set('authorization', await stack.login(user));
  if (res.status !== 200) throw new Error(`GET ${path} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function act(user: string, taskId: string, action: string, data: Record<string, unknown> = {}) {
  return request(stack.app).post(`/api/tasks/${taskId}/actions`).set('authorization', await stack.login(user)).send({ action, data });
}

/** Acts, failing loudly if the API refuses. */
async function done(user: string, taskId: string, action: string, data: Record<string, unknown> = {}) {
  const res = await act(user, taskId, action, data);
  if (res.status !== 200) throw new Error(`${action} by ${user}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The admin moves the simulated clock on (POST /api/admin/clock/advance); returns the new Shanghai time. */
async function advance(duration: string): Promise<string> {
  const res = await request(stack.app).post('/api/admin/clock/advance').set('authorization', await stack.login('admin')).send({ duration });
  if (res.status !== 200) throw new Error(`advance ${duration}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.now as string;
}

/** The step's open task as its clerk finds it in the inbox ("to claim"), then as the task page shows it. */
async function pick(user: string, instanceId: string, stepId: string): Promise<Body> {
  const item = await waitFor(async () => ((await get(user, `/api/tasks?scope=available&instanceId=${instanceId}`)).items as Body[])
    .find((t) => t.stepId === stepId), `${stepId} in ${user}'s inbox`);
  return get(user, `/api/tasks/${item.taskId}`);
}

/** The task as its clerk's inbox row shows it. */
async function inboxRow(user: string, taskId: string): Promise<Body | undefined> {
  return ((await get(user, '/api/tasks?scope=available')).items as Body[]).find((t) => t.taskId === taskId);
}

const caseFile = (id: string, user = 'case_officer') => get(user, `/api/instances/${id}`);
const trail = async (id: string, user = 'case_officer') => (await get(user, `/api/instances/${id}/audit`)).events as Body[];
/** Colleagues' user ids, from the staff directory. */
async function ids(user: string, role: string, usernames: string[]): Promise<string[]> {
  const staff = (await get(user, `/api/users?role=${role}`)) as Body[];
  return usernames.map((name) => staff.find((u) => u.username === name)!.id as string);
}
/** An instant as the audit trail stores it (UTC). */
const utc = (shanghai: string) => new Date(shanghai).toISOString();

/** Inspection → transfer → routing → registration → investigation concluded with a proposed fine, all on the first morning. */
async function openCase(penalty: Record<string, unknown>): Promise<string> {
  const inspectors = await ids('enforcement_officer', 'enforcement_officer', ['enforcement_officer', 'enforcement_officer2']);
  const started = await request(stack.app).post('/api/processes/inspection-penalty/instances')
    .set('authorization', await stack.login('enforcement_officer'))
    .send({ input: { subject: { name: '张三烧烤店', address: '东湖路18号' }, matter: 'urban-vending', inspectors, origin: 'patrol' } });
  expect(started.status).toBe(201);
  const id = started.body.instanceId as string;

  const inspect = await pick('enforcement_officer', id, 'Task_Inspect');
  // 1 working day from Mon 21 Sep: Tue 22 Sep, 17:30.
  expect(inspect.dueAt).toBe('2026-09-22T17:30:00.000+08:00');
  await done('enforcement_officer', inspect.taskId, 'transfer', { matterCode: 'urban-vending', evidence: ['现场照片1.jpg', '询问笔录.pdf'] });

  const route = await pick('platform_operator', id, 'Task_Route');
  expect(route.dueAt).toBe('2026-09-22T17:30:00.000+08:00'); // 1 working day: Tue 22 Sep
  await done('platform_operator', route.taskId, 'route', { departmentId: 'dept-urban' });

  const register = await pick('case_officer', id, 'Task_Register');
  // 7 working days: Tue 22 (1), Wed 23 (2), Thu 24 (3), 中秋 Fri 25–Sun 27, Mon 28 (4), Tue 29 (5), Wed 30 (6), 国庆 1–7 Oct, Thu 8 Oct (7).
  expect(register.dueAt).toBe('2026-10-08T17:30:00.000+08:00');
  const caseOfficers = await ids('case_officer', 'case_officer', ['case_officer', 'case_officer2']);
  await done('case_officer', register.taskId, 'register', { caseOfficers, offence: { date: '2026-09-21' } });

  const investigate = await pick('case_officer', id, 'Task_Investigate');
  // 60 calendar days from Tue 22 Sep: 9 in Sep, 31 in Oct, day 60 is Fri 20 Nov, a working day: 24:00, i.e. Sat 21 Nov 00:00.
  expect(investigate.dueAt).toBe('2026-11-21T00:00:00.000+08:00');
  // Registered Mon 21 Sep: day 90 is Sun 20 Dec (9 + 31 + 30 + 20), moved to Mon 21 Dec, ending at 24:00. From Mon 21 Sep
  // to Mon 21 Dec there are 30 + 31 + 30 = 91 days.
  expect((await caseFile(id)).clock).toMatchObject({
    startedAt: expect.stringMatching(/^2026-09-21T09:/), dueAt: '2026-12-22T00:00:00.000+08:00', daysRemaining: 91, paused: false,
  });
  await done('case_officer', investigate.taskId, 'conclude', { finding: 'penalize', proposedPenalty: penalty });
  return id;
}

/** The task page as its clerk reads it. */
const taskPage = (user: string, taskId: string) => get(user, `/api/tasks/${taskId}`);
/** The 90-day clock on the case file, once it shows what the last action asked for. */
const clockWhen = (id: string, ready: (clock: Body) => boolean) =>
  waitFor(async () => { const clock = (await caseFile(id)).clock as Body; return ready(clock) ? clock : undefined; }, 'the case clock to change');

test('two cases registered on Mon 21 Sep, followed each morning across 中秋 and 国庆: every period, the 90 days, overdue the day after and the amount owed match the law', async () => {
  // ¥20,000 for a citizen carries a hearing right (art. 63) without being a major case; ¥1,000 carries none, and 3 % of it is 3,000 fen a day.
  const heavy = { kind: 'fine', amountFen: 2_000_000 };
  const light = { kind: 'fine', amountFen: 100_000 };

  // ── Mon 21 Sep ──────────────────────────────────────────────────────────────────────────────────────────────────
  const heard = await openCase(heavy); // the party will ask for a hearing
  const paid = await openCase(light); // the party waives its defence; the fine is served and paid late
  const notify = await pick('case_officer', heard, 'Task_Notify');
  expect(notify.dueAt).toBe('2026-09-24T17:30:00.000+08:00'); // 3 working days: Tue 22, Wed 23, Thu 24 Sep

  const lightNotice = await pick('case_officer', paid, 'Task_Notify');
  await done('case_officer', lightNotice.taskId, 'notify', { proposedPenalty: light, hearingEligible: false });
  const lightDefence = await pick('case_officer', paid, 'Task_Defence');
  // Statements for 5 working days from Mon 21 Sep: Tue 22, Wed 23, Thu 24, (中秋) Mon 28, Tue 29 Sep; no hearing right.
  expect(lightDefence.dueAt).toBe('2026-09-29T17:30:00.000+08:00');
  expect((await trail(paid)).find((e) => e.action === 'open' && e.stepId === 'Task_Defence')?.data)
    .toMatchObject({ statementEndsAt: utc('2026-09-29T17:30:00+08:00'), hearingRequestEndsAt: null });
  await done('case_officer', lightDefence.taskId, 'waive');
  const decide = await pick('agency_head', paid, 'Task_Decide');
  // 10 working days from Mon 21 Sep: Tue 22, Wed 23, Thu 24, Mon 28, Tue 29, Wed 30 (6), Thu 8, Fri 9, Sat 10 make-up (9), Mon 12 Oct (10).
  expect(decide.dueAt).toBe('2026-10-12T17:30:00.000+08:00');

  // ── Tue 22 Sep: the ¥1,000 case is decided ─────────────────────────────────────────────────────────────────────
  expect(await advance('P1D')).toMatch(/^2026-09-22T09:/);
  expect((await caseFile(heard)).clock.daysRemaining).toBe(90); // Tue 22 Sep → Mon 21 Dec
  expect((await taskPage('case_officer', notify.taskId)).overdue).toBe(false);
  await done('agency_head', decide.taskId, 'decide', { penalty: light });
  const serve = await pick('case_officer', paid, 'Task_Serve');
  // 7 working days from Tue 22 Sep: Wed 23 (1), Thu 24 (2), 中秋, Mon 28 (3), Tue 29 (4), Wed 30 (5), 国庆, Thu 8 (6), Fri 9 Oct (7).
  const serveBy = '2026-10-09T17:30:00.000+08:00';
  expect(serve.dueAt).toBe(serveBy);
  expect((await caseFile(paid)).clock).toBeNull(); // decided: the 90 days no longer run

  // ── Wed 23 Sep: the ¥20,000 case is notified ───────────────────────────────────────────────────────────────────
  expect(await advance('P1D')).toMatch(/^2026-09-23T09:/);
  await done('case_officer', notify.taskId, 'notify', { proposedPenalty: heavy, hearingEligible: true });
  const defence = await pick('case_officer', heard, 'Task_Defence');
  // 5 working days from Wed 23 Sep: Thu 24 (1), 中秋 Fri 25–Sun 27, Mon 28 (2), Tue 29 (3), Wed 30 (4), 国庆 1–7 Oct,
  // Thu 8 Oct (5) — for the statements (5 working days) and for a hearing request (arts. 64, 85) alike.
  const defenceBy = '2026-10-08T17:30:00.000+08:00';
  expect(defence.dueAt).toBe(defenceBy);
  expect((await trail(heard)).find((e) => e.action === 'open' && e.stepId === 'Task_Defence')?.data)
    .toMatchObject({ statementEndsAt: utc('2026-10-08T17:30:00+08:00'), hearingRequestEndsAt: utc('2026-10-08T17:30:00+08:00') });

  // ── Thu 24 Sep to Thu 8 Oct, each morning ──────────────────────────────────────────────────────────────────────
  // Both periods still open and not overdue; the 90 days of the ¥20,000 case run towards their last day, Mon 21 Dec.
  const holidayMornings: Array<[string, number]> = [
    ['2026-09-24', 88], // Thu: defence day 1, service day 2 (Sep 24 → Dec 21: 30 + 31 + 27 days)
    ['2026-09-25', 87], // Fri, 中秋
    ['2026-09-26', 86], // Sat, 中秋
    ['2026-09-27', 85], // Sun, 中秋
    ['2026-09-28', 84], // Mon: defence day 2, service day 3
    ['2026-09-29', 83], // Tue: defence day 3, service day 4
    ['2026-09-30', 82], // Wed: defence day 4, service day 5
    ['2026-10-01', 81], // 国庆 …
    ['2026-10-02', 80],
    ['2026-10-03', 79],
    ['2026-10-04', 78],
    ['2026-10-05', 77],
    ['2026-10-06', 76],
    ['2026-10-07', 75], // … 国庆 ends
    ['2026-10-08', 74], // Thu: defence day 5, the last; service day 6 (Oct 8 → Dec 21: 23 + 30 + 21 days)
  ];
  for (const [day, left] of holidayMornings) {
    expect((await advance('P1D')).slice(0, 10)).toBe(day);
    const d = await taskPage('case_officer', defence.taskId);
    expect({ day, status: d.status, dueAt: d.dueAt, overdue: d.overdue }).toEqual({ day, status: 'open', dueAt: defenceBy, overdue: false });
    expect({ day, clock: (await caseFile(heard)).clock }).toMatchObject({ day, clock: { dueAt: '2026-12-22T00:00:00.000+08:00', daysRemaining: left, paused: false } });
    const s = await taskPage('case_officer', serve.taskId);
    expect({ day, status: s.status, dueAt: s.dueAt, overdue: s.overdue }).toEqual({ day, status: 'open', dueAt: serveBy, overdue: false });
  }
  expect((await inboxRow('case_officer', defence.taskId))?.overdue).toBe(false);

  // On the last day of its period the party asks for a hearing: still in time.
  await done('case_officer', defence.taskId, 'requestHearing');
  const hearing = await pick('hearing_officer', heard, 'Task_Hearing');
  // The hearing step's own limit, 15 working days from Thu 8 Oct: Fri 9 (1), Sat 10 make-up (2), Mon 12–Fri 16 (3–7),
  // Mon 19–Fri 23 (8–12), Mon 26 (13), Tue 27 (14), Wed 28 Oct (15).
  const hearingBy = '2026-10-28T17:30:00.000+08:00';
  expect(hearing.dueAt).toBe(hearingBy);
  // Told on Thu 8 Oct, 7 working days ahead (arts. 64, 85): Fri 9 (1), Sat 10 make-up (2), Mon 12 (3), Tue 13 (4),
  // Wed 14 (5), Thu 15 (6), Fri 16 (7) — the hearing may be held from Sat 17 Oct.
  expect((await trail(heard, 'hearing_officer')).find((e) => e.action === 'hearingNotice')?.data.earliestHearingOn).toBe('2026-10-17');
  // The 90 days stand still from the day the hearing is asked for: 74 days stay left however many days pass.
  expect(await clockWhen(heard, (c) => c.paused)).toMatchObject({ paused: true, pausedFor: 'hearing', daysRemaining: 74, dueAt: '2026-12-22T00:00:00.000+08:00' });

  // ── Fri 9 Oct: the last day to serve the ¥1,000 decision ──────────────────────────────────────────────────────
  expect(await advance('P1D')).toMatch(/^2026-10-09T09:/);
  expect((await taskPage('case_officer', serve.taskId)).overdue).toBe(false);
  expect((await inboxRow('case_officer', serve.taskId))?.overdue).toBe(false);
  expect(await advance('PT8H')).toMatch(/^2026-10-09T17:0/); // 17:00, half an hour before office hours end
  expect((await taskPage('case_officer', serve.taskId)).overdue).toBe(false);

  // ── Sat 10 Oct, a make-up working day: the day after — overdue and supervised (督办), in the inbox and on the case ──
  expect(await advance('PT16H')).toMatch(/^2026-10-10T09:/);
  expect(await waitFor(async () => { const t = await taskPage('case_officer', serve.taskId); return t.supervised ? t : undefined; }, 'supervision'))
    .toMatchObject({ status: 'open', dueAt: serveBy, overdue: true, supervised: true });
  expect((await inboxRow('case_officer', serve.taskId))?.overdue).toBe(true);
  expect((await caseFile(paid)).currentSteps).toEqual([expect.objectContaining({ stepId: 'Task_Serve', overdue: true })]);
  // Served that morning. 15 days from Sun 11 Oct: day 15 is Sun 25 Oct, a rest day, so Mon 26 Oct, ending at 24:00.
  await done('case_officer', serve.taskId, 'served', { method: 'inPerson' });
  const enforce = await pick('case_officer', paid, 'Task_Enforce');
  const payBy = '2026-10-27T00:00:00.000+08:00';
  expect(enforce.dueAt).toBe(payBy);
  expect(enforce.context.payment).toMatchObject({ fineFen: 100_000, dueAt: payBy, surchargePercentPerDay: 3, lateDays: 0, surchargeFen: 0, owedFen: 100_000 });
  expect((await caseFile(heard)).clock).toMatchObject({ paused: true, daysRemaining: 74 });

  // ── Sun 11 to Sun 18 Oct, each morning: the hearing waits; the fine is not yet due ─────────────────────────────
  for (const day of ['2026-10-11', '2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16', '2026-10-17', '2026-10-18']) {
    expect((await advance('P1D')).slice(0, 10)).toBe(day);
    const h = await taskPage('hearing_officer', hearing.taskId);
    expect({ day, dueAt: h.dueAt, overdue: h.overdue }).toEqual({ day, dueAt: hearingBy, overdue: false });
    expect({ day, clock: (await caseFile(heard)).clock }).toMatchObject({ day, clock: { paused: true, daysRemaining: 74 } });
    const e = await taskPage('case_officer', enforce.taskId);
    expect({ day, dueAt: e.dueAt, overdue: e.overdue, payment: e.context.payment }).toMatchObject({ day, dueAt: payBy, overdue: false, payment: { lateDays: 0, owedFen: 100_000 } });
    if (day === '2026-10-16') {
      // The notice period's last day: too early to hold the hearing.
      const early = await act('hearing_officer', hearing.taskId, 'hold', { record: '听证笔录' });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toContain('2026-10-17');
    }
  }

  // ── Mon 19 Oct: the hearing is held ───────────────────────────────────────────────────────────────────────────
  // Stopped from Thu 8 to Mon 19 Oct: 19 − 8 = 11 days. 90 + 11 = 101 days from Mon 21 Sep: day 90 is Sun 20 Dec,
  // day 101 Thu 31 Dec, a working day, ending at 24:00; Oct 19 → Dec 31 is 12 + 30 + 31 = 73 days.
  expect(await advance('P1D')).toMatch(/^2026-10-19T09:/);
  await done('hearing_officer', hearing.taskId, 'hold', { record: '听证笔录：当事人陈述' });
  expect(await clockWhen(heard, (c) => !c.paused)).toMatchObject({ paused: false, pausedDays: 11, dueAt: '2027-01-01T00:00:00.000+08:00', daysRemaining: 73 });
  // Reviewed after the hearing (art. 58(二)): 5 working days from Mon 19 Oct, Tue 20 … Fri 23 (4), Mon 26 Oct (5).
  const review = await pick('legal_reviewer', heard, 'Task_LegalReview');
  expect(review.dueAt).toBe('2026-10-26T17:30:00.000+08:00');
  await done('legal_reviewer', review.taskId, 'pass');
  const decideHeard = await pick('agency_head', heard, 'Task_Decide');
  // 10 working days from Mon 19 Oct: Tue 20 … Fri 23 (4), Mon 26 … Fri 30 (9), Mon 2 Nov (10).
  expect(decideHeard.dueAt).toBe('2026-11-02T17:30:00.000+08:00');

  // ── Tue 20 Oct: the ¥20,000 case is decided ───────────────────────────────────────────────────────────────────
  expect(await advance('P1D')).toMatch(/^2026-10-20T09:/);
  expect((await caseFile(heard)).clock).toMatchObject({ dueAt: '2027-01-01T00:00:00.000+08:00', daysRemaining: 72 });
  await done('agency_head', decideHeard.taskId, 'decide', { penalty: heavy });
  // 7 working days from Tue 20 Oct: Wed 21 (1), Thu 22, Fri 23, Mon 26, Tue 27, Wed 28 (6), Thu 29 Oct (7).
  expect((await pick('case_officer', heard, 'Task_Serve')).dueAt).toBe('2026-10-29T17:30:00.000+08:00');
  expect((await caseFile(heard)).clock).toBeNull();

  // ── Wed 21 to Mon 26 Oct, each morning: the ¥1,000 fine is due, nothing late ──────────────────────────────────
  for (const day of ['2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26']) {
    expect((await advance('P1D')).slice(0, 10)).toBe(day);
    const e = await taskPage('case_officer', enforce.taskId);
    expect({ day, overdue: e.overdue, payment: e.context.payment }).toMatchObject({ day, overdue: false, payment: { dueAt: payBy, lateDays: 0, surchargeFen: 0, owedFen: 100_000 } });
  }
  // Mon 26 Oct, 23:00: the last day is not over — nothing late, not overdue, and no court enforcement yet.
  expect(await advance('PT14H')).toMatch(/^2026-10-26T23:/);
  const evening = await taskPage('case_officer', enforce.taskId);
  expect({ overdue: evening.overdue, payment: evening.context.payment }).toMatchObject({ overdue: false, payment: { lateDays: 0, owedFen: 100_000 } });
  expect((await inboxRow('case_officer', enforce.taskId))?.overdue).toBe(false);
  expect((await act('case_officer', enforce.taskId, 'courtEnforcement')).status).toBe(409);

  // Tue 27 Oct, 01:00: the day after the last day — overdue, one whole day late: ¥1,000 + 3 % = 103,000 fen.
  expect(await advance('PT2H')).toMatch(/^2026-10-27T01:/);
  const late = await taskPage('case_officer', enforce.taskId);
  expect({ overdue: late.overdue, payment: late.context.payment }).toMatchObject({ overdue: true, payment: { lateDays: 1, surchargeFen: 3_000, owedFen: 103_000 } });
  expect((await inboxRow('case_officer', enforce.taskId))?.overdue).toBe(true);
  expect(await advance('PT8H')).toMatch(/^2026-10-27T09:/);

  // Whole days after Mon 26 Oct, 3,000 fen each, the surcharge never above the fine's 100,000 fen (art. 72).
  const owed: Array<[string, string, number, number]> = [
    ['P1D', '2026-10-28', 2, 106_000],
    ['P1D', '2026-10-29', 3, 109_000],
    ['P7D', '2026-11-05', 10, 130_000], // Oct 26 → Nov 5: 5 + 5 days
    ['P7D', '2026-11-12', 17, 151_000],
    ['P7D', '2026-11-19', 24, 172_000],
    ['P7D', '2026-11-26', 31, 193_000],
    ['P1D', '2026-11-27', 32, 196_000],
    ['P1D', '2026-11-28', 33, 199_000], // 99 % of the fine
    ['P1D', '2026-11-29', 34, 200_000], // 102 %: capped at the fine
    ['P1D', '2026-11-30', 35, 200_000],
  ];
  for (const [step, day, lateDays, owedFen] of owed) {
    expect((await advance(step)).slice(0, 10)).toBe(day);
    const e = await taskPage('case_officer', enforce.taskId);
    expect({ day, overdue: e.overdue, payment: e.context.payment })
      .toMatchObject({ day, overdue: true, payment: { dueAt: payBy, lateDays, surchargeFen: owedFen - 100_000, owedFen } });
    expect({ day, payment: (await caseFile(paid)).facts.payment }).toMatchObject({ day, payment: { lateDays, owedFen } });
  }

  // ── Mon 30 Nov: paid — the bare fine is refused, naming today's amount; the amount owed is accepted ────────────
  const bare = await act('case_officer', enforce.taskId, 'paid', { amountFen: 100_000 });
  expect(bare.status).toBe(400);
  expect(bare.body.error.details[0]).toMatchObject({ path: 'data.amountFen', message: expect.stringContaining('200000') });
  await done('case_officer', enforce.taskId, 'paid', { amountFen: 200_000 });
  const recheck = await pick('enforcement_officer', paid, 'Task_StreetRecheck');
  // Back on the street: 5 working days from Mon 30 Nov, Tue 1 … Fri 4 Dec (4), Mon 7 Dec (5).
  expect(recheck.dueAt).toBe('2026-12-07T17:30:00.000+08:00');
  await done('enforcement_officer', recheck.taskId, 'fixed');
  const closed = await waitFor(async () => { const c = await caseFile(paid, 'auditor'); return c.status === 'closed' ? c : undefined; }, 'the case to close');
  expect(closed.outcome).toMatchObject({ result: 'penalized', paidFen: 200_000, surchargeFen: 100_000 });
});
