// Conformance of a process: static (step ids in code vs flow nodes of the current diagram) and dynamic (token
// replay of recorded instances over the diagram version each instance started with).
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents, instances, processDefinitions, processVersions } from '../../db/schema';
import { readDiagram } from '../../domain/bpmn/diagram';
import { DiagramGraph, replay, type Replay } from '../../domain/conformance/token-replay';
import { traceOf } from '../../domain/conformance/trace';
import type { ProcessContract } from '../../domain/process-contract';

const HUMAN_OR_SERVICE = new Set(['UserTask', 'ServiceTask', 'Task', 'ManualTask', 'SendTask', 'ReceiveTask', 'ScriptTask', 'BusinessRuleTask']);

async function graphsFor(db: Db, key: string, versions: number[]): Promise<Map<number, DiagramGraph>> {
  const rows = versions.length === 0 ? [] : await db.select().from(processVersions)
    .where(and(eq(processVersions.processKey, key), inArray(processVersions.version, versions)));
  const graphs = new Map<number, DiagramGraph>();
  for (const row of rows) graphs.set(row.version, new DiagramGraph(await readDiagram(row.bpmnXml)));
  return graphs;
}

export async function staticConformance(db: Db, contract: ProcessContract<unknown>) {
  const [definition] = await db.select().from(processDefinitions).where(eq(processDefinitions.key, contract.key));
  const [version] = await db.select().from(processVersions)
    .where(and(eq(processVersions.processKey, contract.key), eq(processVersions.version, definition.currentVersion)));
  const diagram = await readDiagram(version.bpmnXml);
  const declared = [...Object.keys(contract.steps), ...contract.otherElements];
  return {
    version: version.version,
    missingInDiagram: declared.filter((id) => !diagram.flowNodeIds.includes(id)),
    missingInCode: diagram.nodes.filter((n) => HUMAN_OR_SERVICE.has(n.type) && !declared.includes(n.id)).map((n) => n.id),
  };
}

export async function replayInstances(db: Db, contract: ProcessContract<unknown>, instanceIds?: string[], limit = 500) {
  const rows = await db.select({ id: instances.id, version: instances.processVersion }).from(instances)
    .where(instanceIds ? and(eq(instances.processKey, contract.key), inArray(instances.id, instanceIds)) : eq(instances.processKey, contract.key))
    .orderBy(desc(instances.startedAt)).limit(limit);
  const graphs = await graphsFor(db, contract.key, [...new Set(rows.map((r) => r.version))]);
  const events = rows.length === 0 ? [] : await db.select({ instanceId: auditEvents.instanceId, seq: auditEvents.seq, stepId: auditEvents.stepId, action: auditEvents.action, data: auditEvents.data })
    .from(auditEvents).where(inArray(auditEvents.instanceId, rows.map((r) => r.id))).orderBy(auditEvents.instanceId, auditEvents.seq);
  const keepsOpen = (stepId: string, action: string) => contract.steps[stepId]?.actions[action]?.keepsOpen === true;
  const results: Array<{ instanceId: string } & Replay> = [];
  for (const row of rows) {
    const graph = graphs.get(row.version);
    if (!graph) continue;
    const trace = traceOf(events.filter((e) => e.instanceId === row.id), keepsOpen);
    results.push({ instanceId: row.id, ...replay(graph, trace) });
  }
  return results;
}

export function summarise(results: Array<{ instanceId: string } & Replay>) {
  const deviations = results.flatMap((r) => r.deviations.map((d) => ({ instanceId: r.instanceId, ...d })));
  const counts = new Map<string, { from: string; to: string; count: number }>();
  for (const d of deviations) {
    const key = `${d.from}→${d.to}`;
    counts.set(key, { from: d.from, to: d.to, count: (counts.get(key)?.count ?? 0) + 1 });
  }
  return {
    fitness: results.length === 0 ? null : results.reduce((sum, r) => sum + r.fitness, 0) / results.length,
    instancesChecked: results.length,
    deviations,
    mostCommonDeviations: [...counts.values()].sort((a, b) => b.count - a.count).slice(0, 10),
  };
}
