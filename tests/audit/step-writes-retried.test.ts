// A step's writes are committed by one local activity, which Temporal retries: after a commit whose answer was lost,
// after a worker died mid-task, or beside an event another path already appended with the same key. Each retry must
// write nothing twice — no second task row, candidate or assessment, no second event — and leave the case's chain
// whole, with the head on the case row where the events end.
import { eq } from 'drizzle-orm';
import { readAudit, verifyChain, appendAudit } from '../../db/audit-log';
import { assessmentUnits, assessments, instances, taskCandidates, tasks } from '../../db/schema';
import { stepActivities, type StepWrite } from '../../activities/steps';
import { LogNotifier } from '../../activities/notifier';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database?.close(); });

const clerk = { id: 'u-grid', name: '王网格', role: 'grid_worker', orgUnitId: 'grid-a1-1' };

function register(id: string): StepWrite {
  return {
    kind: 'register',
    args: {
      ctx: { instanceId: id, processKey: 'whistle-escalation', processVersion: 1, title: `案件 ${id}`, startedBy: clerk, orgPath: ['grid-a1-1'] },
      input: { description: '占道经营' }, orgUnitId: 'grid-a1-1',
    },
  };
}

function open(id: string, taskId: string, stepId: string, candidates?: string[]): StepWrite {
  return {
    kind: 'open',
    args: {
      taskId, instanceId: id, processKey: 'whistle-escalation', stepId, name: '处置', role: 'grid_worker', orgUnitId: 'grid-a1-1',
      actions: ['complete'], timeLimit: { amount: 1, unit: 'workingDays' }, calendarVersion: 'test', provisional: false,
      createdAt: '2026-12-07T01:00:00.000Z', dueAt: '2026-12-08T01:00:00.000Z', remindAt: '2026-12-07T09:00:00.000Z',
      acknowledgeBy: null, title: `案件 ${id}`, context: {}, ...(candidates ? { candidates } : {}),
    },
  };
}

function complete(id: string, taskId: string, stepId: string): StepWrite {
  return {
    kind: 'action',
    args: {
      taskId, instanceId: id, stepId, eventKey: `${taskId}:complete`, action: 'complete', data: { note: '已处置' }, actor: clerk,
      at: '2026-12-07T03:00:00.000Z', completes: true,
    },
  };
}

function close(id: string): StepWrite {
  return {
    kind: 'close',
    args: {
      instanceId: id, status: 'closed', at: '2026-12-07T04:00:00.000Z', stepId: 'Task_Close', outcome: { resolved: true },
      assessment: {
        streetId: 'street-a', communityId: 'community-a1', levelReached: 'grid', selfResolved: true, reworks: 0,
        satisfaction: 'satisfied', onTime: { 'grid-a1-1': true, 'community-a1': false },
      },
    },
  };
}

const recordStep = (writes: StepWrite[]) => stepActivities(database.db, new LogNotifier()).recordStep({ writes });

async function caseState(id: string) {
  const { db } = database;
  const events = await readAudit(db, id);
  const [row] = await db.select({ seq: instances.auditSeq, hash: instances.auditHash, status: instances.status }).from(instances).where(eq(instances.id, id));
  return {
    keys: events.map((e) => e.eventKey),
    chain: verifyChain(events),
    head: row,
    lastEvent: events.at(-1),
    tasks: (await db.select({ id: tasks.id, status: tasks.status }).from(tasks).where(eq(tasks.instanceId, id))).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

test('each step of a case, run twice as a retry after its commit, writes its rows and events once', async () => {
  const id = 'SW-1';
  const steps: StepWrite[][] = [
    [register(id), open(id, 'SW-1-t1', 'Task_Handle')],
    [complete(id, 'SW-1-t1', 'Task_Handle'), open(id, 'SW-1-t2', 'Task_Check', ['u-a', 'u-b'])],
    [complete(id, 'SW-1-t2', 'Task_Check'), close(id)],
  ];
  for (const writes of steps) {
    await recordStep(writes);
    await recordStep(writes);
  }

  const state = await caseState(id);
  expect(state.keys).toEqual([
    'SW-1:start', 'SW-1-t1:open', 'SW-1-t1:complete', 'SW-1-t2:open', 'SW-1-t2:complete', 'SW-1:end',
  ]);
  expect(state.chain.ok).toBe(true);
  expect(state.head).toEqual({ seq: 6, hash: state.lastEvent?.hash, status: 'closed' });
  expect(state.tasks).toEqual([{ id: 'SW-1-t1', status: 'completed' }, { id: 'SW-1-t2', status: 'completed' }]);
  const candidates = await database.db.select({ userId: taskCandidates.userId }).from(taskCandidates).where(eq(taskCandidates.taskId, 'SW-1-t2'));
  expect(candidates.map((c) => c.userId).sort()).toEqual(['u-a', 'u-b']);
  expect(await database.db.select({ status: assessments.status, onTime: assessments.onTime }).from(assessments).where(eq(assessments.instanceId, id)))
    .toEqual([{ status: 'closed', onTime: false }]);
  const units = await database.db.select({ unit: assessmentUnits.orgUnitId, onTime: assessmentUnits.onTime }).from(assessmentUnits).where(eq(assessmentUnits.instanceId, id));
  expect(units.sort((a, b) => a.unit.localeCompare(b.unit))).toEqual([{ unit: 'community-a1', onTime: false }, { unit: 'grid-a1-1', onTime: true }]);
});

test('a completion\'s facts say whether it met the deadline the task row holds', async () => {
  const id = 'SW-2';
  await recordStep([register(id), open(id, 'SW-2-t1', 'Task_Handle')]);
  await recordStep([complete(id, 'SW-2-t1', 'Task_Handle')]);
  const completion = (await readAudit(database.db, id)).find((e) => e.eventKey === 'SW-2-t1:complete');
  // Completed at 03:00Z, due 2026-12-08T01:00Z: on time, measured against the row's deadline.
  expect(completion?.data).toEqual({ taskId: 'SW-2-t1', note: '已处置', dueAt: '2026-12-08T01:00:00.000Z', onTime: true });
});

test('a step one of whose events another writer already appended writes the rest once, the chain whole', async () => {
  const id = 'SW-3';
  await recordStep([register(id), open(id, 'SW-3-t1', 'Task_Handle')]);
  // The completion's event is already in the trail (appended with the same key), as after a retried attempt.
  await database.db.transaction((tx) => appendAudit(tx, {
    instanceId: id, eventKey: 'SW-3-t1:complete', at: new Date('2026-12-07T03:00:00.000Z'), actor: clerk, stepId: 'Task_Handle',
    action: 'complete', data: { taskId: 'SW-3-t1', note: '已处置' },
  }));
  const step = [complete(id, 'SW-3-t1', 'Task_Handle'), open(id, 'SW-3-t2', 'Task_Check')];
  await recordStep(step);
  await recordStep(step);

  const state = await caseState(id);
  expect(state.keys).toEqual(['SW-3:start', 'SW-3-t1:open', 'SW-3-t1:complete', 'SW-3-t2:open']);
  expect(state.chain.ok).toBe(true);
  expect(state.head).toEqual({ seq: 4, hash: state.lastEvent?.hash, status: 'running' });
  expect(state.tasks).toEqual([{ id: 'SW-3-t1', status: 'completed' }, { id: 'SW-3-t2', status: 'open' }]);
});
