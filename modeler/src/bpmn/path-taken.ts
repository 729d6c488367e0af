// Reconstructs the path an instance took over the diagram: for each pair of consecutively opened steps, the
// sequence flows that lead from one to the other through gateways and events (including boundary timers).
interface FlowNode { id: string; $type: string; outgoing?: SequenceFlow[]; attachedToRef?: FlowNode }
interface SequenceFlow { id: string; targetRef: FlowNode }

const isActivity = (node: FlowNode) => /Task$|SubProcess$|CallActivity$/.test(node.$type);

/** Shortest run of flows from `from` to the first node matching `isTarget`, passing only non-activities. */
function flowsTo(from: FlowNode, isTarget: (node: FlowNode) => boolean, boundaries: Map<string, FlowNode[]>): string[] {
  const starts = [from, ...(boundaries.get(from.id) ?? [])];
  const cameBy = new Map<string, { flow: string; prev: string }>();
  const queue = [...starts];
  const seen = new Set(starts.map((n) => n.id));
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const flow of node.outgoing ?? []) {
      const next = flow.targetRef;
      if (!next || seen.has(next.id)) continue;
      seen.add(next.id);
      cameBy.set(next.id, { flow: flow.id, prev: node.id });
      if (isTarget(next)) {
        const flows: string[] = [];
        for (let at = next.id; cameBy.has(at); at = cameBy.get(at)!.prev) flows.unshift(cameBy.get(at)!.flow);
        return flows;
      }
      if (!isActivity(next)) {
        queue.push(next);
        for (const b of boundaries.get(next.id) ?? []) if (!seen.has(b.id)) { seen.add(b.id); queue.push(b); }
      }
    }
  }
  return [];
}

/**
 * The flows of the path through `steps` (step ids in the order they were opened), starting at a start event
 * and, when `finished`, ending at an end event.
 */
export function pathTaken(nodes: FlowNode[], steps: string[], finished: boolean): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const boundaries = new Map<string, FlowNode[]>();
  for (const node of nodes) {
    if (node.attachedToRef) boundaries.set(node.attachedToRef.id, [...(boundaries.get(node.attachedToRef.id) ?? []), node]);
  }
  const flows = new Set<string>();
  const start = nodes.find((n) => n.$type === 'bpmn:StartEvent');
  const sequence = steps.filter((id) => byId.has(id));
  if (start && sequence.length > 0) flowsTo(start, (n) => n.id === sequence[0], boundaries).forEach((f) => flows.add(f));
  for (let i = 1; i < sequence.length; i++) {
    const from = byId.get(sequence[i - 1])!;
    if (sequence[i] === sequence[i - 1]) continue;
    flowsTo(from, (n) => n.id === sequence[i], boundaries).forEach((f) => flows.add(f));
  }
  const last = sequence.length > 0 ? byId.get(sequence[sequence.length - 1]) : undefined;
  if (finished && last) flowsTo(last, (n) => n.$type === 'bpmn:EndEvent', boundaries).forEach((f) => flows.add(f));
  return [...flows];
}
