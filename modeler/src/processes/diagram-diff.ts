// Compares two versions of a diagram by flow element id: which were added, removed, or changed in type,
// name, connections or the Shanzhi parameters (role, time limit, unit).
import { BpmnModdle } from 'bpmn-moddle';
import { moddleExtensions } from '../bpmn/shanzhi-extension';

interface Element {
  id: string; $type: string; name?: string; flowElements?: Element[]; rootElements?: Element[];
  sourceRef?: { id: string }; targetRef?: { id: string }; attachedToRef?: { id: string };
  get(name: string): unknown;
}

export type Signature = Record<string, string>;

export interface ElementChange { id: string; name: string; kind: 'added' | 'removed' | 'changed'; attributes: Array<{ attribute: string; before: string; after: string }> }

function signature(e: Element): Signature {
  const sig: Signature = { type: e.$type.replace('bpmn:', ''), name: e.name ?? '' };
  if (e.sourceRef) sig.source = e.sourceRef.id;
  if (e.targetRef) sig.target = e.targetRef.id;
  if (e.attachedToRef) sig.attachedTo = e.attachedToRef.id;
  for (const attr of ['role', 'timeLimit', 'timeUnit']) {
    const value = e.$type.endsWith('Task') ? e.get(`shanzhi:${attr}`) : undefined;
    if (value !== undefined && value !== null) sig[attr] = String(value);
  }
  return sig;
}

function collect(container: Element, into: Map<string, Element>): void {
  for (const child of container.flowElements ?? []) {
    into.set(child.id, child);
    collect(child, into);
  }
}

export async function flowElementsOf(xml: string): Promise<Map<string, Signature & { label: string }>> {
  const moddle = new BpmnModdle(moddleExtensions);
  const { rootElement } = await moddle.fromXML(xml);
  const elements = new Map<string, Element>();
  for (const root of (rootElement as unknown as Element).rootElements ?? []) if (root.$type === 'bpmn:Process') collect(root, elements);
  return new Map([...elements].map(([id, e]) => [id, { ...signature(e), label: e.name ?? id }]));
}

export async function diffDiagrams(beforeXml: string, afterXml: string): Promise<ElementChange[]> {
  const [before, after] = await Promise.all([flowElementsOf(beforeXml), flowElementsOf(afterXml)]);
  const changes: ElementChange[] = [];
  for (const [id, sig] of after) {
    const old = before.get(id);
    if (!old) { changes.push({ id, name: sig.label, kind: 'added', attributes: [] }); continue; }
    const keys = new Set([...Object.keys(old), ...Object.keys(sig)].filter((k) => k !== 'label'));
    const attributes = [...keys].filter((k) => (old[k] ?? '') !== (sig[k] ?? '')).map((k) => ({ attribute: k, before: old[k] ?? '', after: sig[k] ?? '' }));
    if (attributes.length > 0) changes.push({ id, name: sig.label, kind: 'changed', attributes });
  }
  for (const [id, sig] of before) if (!after.has(id)) changes.push({ id, name: sig.label, kind: 'removed', attributes: [] });
  return changes;
}
