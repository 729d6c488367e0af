// Dynamic conformance: replays an instance's recorded steps over its diagram's sequence flows. Each step that
// was opened must be reachable from a step whose completion (or request) enabled it, passing only through silent
// nodes (gateways, boundary events, intermediate events). Openings are checked against the steps that finished
// just before, not against the previous opening, so parallel branches whose events interleave still conform.
import type { DiagramSummary, FlowNode } from '../bpmn/diagram';

/**
 * One recorded fact, in audit order: a step opened; a step completed or timed out (it enables what follows);
 * a request on a still-open step (it enables the step its non-interrupting boundary leads to); a step
 * withdrawn by the process (it enables nothing); the instance ended at an end event.
 */
export type TraceEvent =
  | { kind: 'opened'; stepId: string }
  | { kind: 'completed'; stepId: string }
  | { kind: 'signalled'; stepId: string }
  | { kind: 'withdrawn'; stepId: string }
  | { kind: 'ended'; stepId: string };

export interface Move {
  from: string;
  to: string;
  ok: boolean;
}

export interface Replay {
  fitness: number;
  moves: Move[];
  deviations: Array<{ from: string; to: string }>;
}

const VISIBLE = new Set(['UserTask', 'ServiceTask', 'Task', 'ManualTask', 'ScriptTask', 'BusinessRuleTask', 'SendTask', 'ReceiveTask', 'CallActivity', 'SubProcess', 'EndEvent']);

export class DiagramGraph {
  private readonly nodes = new Map<string, FlowNode>();
  private readonly outgoing = new Map<string, string[]>();
  private readonly boundaries = new Map<string, string[]>();
  private readonly reachCache = new Map<string, Set<string>>();
  readonly startEvents: string[];

  constructor(diagram: DiagramSummary) {
    for (const node of diagram.nodes) {
      this.nodes.set(node.id, node);
      if (node.attachedTo) this.boundaries.set(node.attachedTo, [...(this.boundaries.get(node.attachedTo) ?? []), node.id]);
    }
    for (const flow of diagram.sequenceFlows) this.outgoing.set(flow.from, [...(this.outgoing.get(flow.from) ?? []), flow.to]);
    this.startEvents = diagram.nodes.filter((n) => n.type === 'StartEvent').map((n) => n.id);
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /** Visible nodes (tasks, end events) reachable from `from` through silent nodes only. */
  reachable(from: string): Set<string> {
    const cached = this.reachCache.get(from);
    if (cached) return cached;
    const found = new Set<string>();
    const seen = new Set<string>();
    const queue = [...(this.outgoing.get(from) ?? []), ...(this.boundaries.get(from) ?? [])];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = this.nodes.get(id);
      if (!node) continue;
      if (VISIBLE.has(node.type)) {
        found.add(id);
        continue;
      }
      queue.push(...(this.outgoing.get(id) ?? []), ...(this.boundaries.get(id) ?? []));
    }
    this.reachCache.set(from, found);
    return found;
  }
}

/** How many recent enabling steps an opening may follow: parallel branches interleave their events. */
const ENABLER_WINDOW = 5;

export function replay(graph: DiagramGraph, trace: TraceEvent[]): Replay {
  const moves: Move[] = [];
  // Most recent first: a step opened on one branch may follow a step that finished on another just before.
  let enablers: string[] = [graph.startEvents[0] ?? 'start'];
  const check = (to: string) => {
    moves.push({ from: enablers[0], to, ok: enablers.some((from) => graph.reachable(from).has(to)) });
  };
  for (const event of trace) {
    if (event.kind === 'completed' || event.kind === 'signalled') {
      enablers = [event.stepId, ...enablers.filter((e) => e !== event.stepId)].slice(0, ENABLER_WINDOW);
    } else if (event.kind === 'opened' || event.kind === 'ended') {
      check(event.stepId);
    }
  }
  const conforming = moves.filter((m) => m.ok).length;
  return {
    fitness: moves.length === 0 ? 1 : conforming / moves.length,
    moves,
    deviations: moves.filter((m) => !m.ok).map(({ from, to }) => ({ from, to })),
  };
}
