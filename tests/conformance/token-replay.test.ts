// Token replay over the committed whistle-escalation diagram: conforming traces score 1.0, and each kind of
// deviation is reported as the exact move that the diagram does not allow.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDiagram } from '../../domain/bpmn/diagram';
import { DiagramGraph, replay, type TraceEvent } from '../../domain/conformance/token-replay';
import { traceOf } from '../../domain/conformance/trace';
import { WhistleStep as S } from '../../domain/processes/whistle-escalation';

let graph: DiagramGraph;
beforeAll(async () => {
  graph = new DiagramGraph(await readDiagram(readFileSync(join(__dirname, '..', '..', 'processes', 'whistle-escalation.bpmn'), 'utf8')));
});

const steps = (...ids: string[]): TraceEvent[] => ids.flatMap((id): TraceEvent[] => id.startsWith('EndEvent')
  ? [{ kind: 'ended' as const, stepId: id }]
  : [{ kind: 'opened' as const, stepId: id }, { kind: 'completed' as const, stepId: id }]);

test('a community-resolved case conforms', () => {
  expect(replay(graph, steps(S.CommunityHandle, S.FieldCheck, S.Close, 'EndEvent_Closed'))).toMatchObject({ fitness: 1, deviations: [] });
});

test('escalation, parallel departments, district coordination and rework conform', () => {
  const trace: TraceEvent[] = [
    ...steps(S.CommunityHandle, S.Dispatch),
    { kind: 'opened', stepId: S.DepartmentHandle }, { kind: 'opened', stepId: S.DepartmentHandle },
    { kind: 'completed', stepId: S.DepartmentHandle }, { kind: 'completed', stepId: S.DepartmentHandle },
    ...steps(S.FieldCheck, S.DepartmentHandle, S.DistrictCoordinate, S.FieldCheck, S.FollowUp, S.CommunityHandle, S.FieldCheck, S.Close, 'EndEvent_Closed'),
  ];
  expect(replay(graph, trace)).toMatchObject({ fitness: 1, deviations: [] });
});

test('a self-resolved report goes straight to its end event', () => {
  expect(replay(graph, steps('EndEvent_SelfResolved'))).toMatchObject({ fitness: 1 });
});

test('a skipped field check is reported as the move that skipped it', () => {
  const result = replay(graph, steps(S.CommunityHandle, S.Close, 'EndEvent_Closed'));
  expect(result.deviations).toEqual([{ from: S.CommunityHandle, to: S.Close }]);
  expect(result.fitness).toBeCloseTo(2 / 3);
});

test('a step that is not in the diagram is a deviation', () => {
  expect(replay(graph, steps(S.CommunityHandle, 'Task_Invented', S.FieldCheck)).deviations)
    .toEqual([{ from: S.CommunityHandle, to: 'Task_Invented' }]);
});

test('a department opened while another branch signals a request still conforms', () => {
  const trace: TraceEvent[] = [
    ...steps(S.CommunityHandle, S.Dispatch),
    { kind: 'opened', stepId: S.DepartmentHandle },
    { kind: 'signalled', stepId: S.DepartmentHandle },
    { kind: 'opened', stepId: S.ShiftChiefReview }, { kind: 'completed', stepId: S.ShiftChiefReview },
    { kind: 'withdrawn', stepId: S.DepartmentHandle },
    { kind: 'opened', stepId: S.Dispatch }, { kind: 'completed', stepId: S.Dispatch },
    { kind: 'signalled', stepId: S.DepartmentHandle },
    { kind: 'opened', stepId: S.DepartmentHandle },
  ];
  expect(replay(graph, trace)).toMatchObject({ fitness: 1, deviations: [] });
});

test('steps in the wrong order are deviations', () => {
  expect(replay(graph, steps(S.FieldCheck, S.CommunityHandle)).deviations)
    .toEqual([{ from: 'StartEvent_Report', to: S.FieldCheck }]);
});

test('the trace is read from audit events: keep-open actions signal, reminders do not end a step', () => {
  const trace = traceOf([
    { stepId: null, action: 'start', data: {} },
    { stepId: S.DepartmentHandle, action: 'open', data: { taskId: 't1' } },
    { stepId: S.DepartmentHandle, action: 'acknowledge', data: { taskId: 't1' } },
    { stepId: S.DepartmentHandle, action: 'remind', data: { taskId: 't1' } },
    { stepId: S.DepartmentHandle, action: 'complete', data: { taskId: 't1' } },
    { stepId: 'EndEvent_Closed', action: 'close', data: { outcome: {} } },
  ], (_step, action) => action === 'acknowledge');
  expect(trace).toEqual([
    { kind: 'opened', stepId: S.DepartmentHandle }, { kind: 'signalled', stepId: S.DepartmentHandle },
    { kind: 'completed', stepId: S.DepartmentHandle }, { kind: 'ended', stepId: 'EndEvent_Closed' },
  ]);
});

test('a department task opened again after the shift chief’s ruling conforms', () => {
  expect(replay(graph, steps(S.CommunityHandle, S.Dispatch, S.DepartmentHandle, S.ShiftChiefReview, S.DepartmentHandle)).deviations)
    .toEqual([]);
});

test('an automatic step’s audit event counts as the step opened and completed; its receipts and alerts do not', () => {
  const trace = traceOf([
    { stepId: 'Service_IssueLicence', action: 'issue', data: { licenceNo: 'XK-2026-000001' } },
    { stepId: 'Service_PushEnforcement', action: 'push', data: { target: 'enforcement' } },
    { stepId: 'Service_PushEnforcement', action: 'alert', data: { attempts: 5 } },
    { stepId: 'Service_PushEnforcement', action: 'acknowledged', data: { receiptId: 'EP-1' } },
    { stepId: 'Service_PushEnforcement', action: 'alertCleared', data: {} },
  ], () => false);
  expect(trace).toEqual([
    { kind: 'opened', stepId: 'Service_IssueLicence' }, { kind: 'completed', stepId: 'Service_IssueLicence' },
    { kind: 'opened', stepId: 'Service_PushEnforcement' }, { kind: 'completed', stepId: 'Service_PushEnforcement' },
  ]);
});
