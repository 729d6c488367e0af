// What the diagram of one instance shows: completed, current and overdue steps, how many times each step
// ran (its `open` audit events), and the path taken.
import type { AuditEvent, InstanceDetail } from '../api/types';
import type { DiagramDecorations } from '../bpmn/DiagramViewer';

export function instanceDecorations(instance: InstanceDetail, events: AuditEvent[]): DiagramDecorations {
  const markers: Record<string, string[]> = {};
  const mark = (id: string, cls: string) => { markers[id] = [...(markers[id] ?? []), cls]; };
  const current = new Set(instance.currentSteps.map((s) => s.stepId));
  for (const id of instance.completedSteps) if (!current.has(id)) mark(id, 'sz-completed');
  for (const step of instance.currentSteps) mark(step.stepId, step.overdue ? 'sz-overdue' : 'sz-current');

  const opened = events.filter((e) => e.action === 'open' && e.stepId).map((e) => e.stepId!);
  const badges: DiagramDecorations['badges'] = {};
  for (const id of opened) {
    const overdue = instance.currentSteps.some((s) => s.stepId === id && s.overdue);
    badges[id] = { count: (badges[id]?.count ?? 0) + 1, overdue };
  }
  return { markers, badges, path: { steps: opened, finished: instance.status !== 'running' } };
}
