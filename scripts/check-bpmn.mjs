// Checks BPMN diagrams: node scripts/check-bpmn.mjs processes/*.bpmn
// Parses each file with bpmn-moddle (with the shanzhi: extension) and fails on any import warning, a flow node or
// sequence flow without diagram interchange (DI), a flow node in no lane or in several, a sequence flow whose
// source or target is missing, or a user task without valid shanzhi:role / timeLimit / timeUnit.
import { readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';

const descriptor = JSON.parse(readFileSync(new URL('../domain/bpmn/shanzhi-moddle.json', import.meta.url), 'utf8'));
const TIME_UNITS = ['minutes', 'workingHours', 'workingDays', 'calendarDays'];

const isA = (element, type) => typeof element?.$instanceOf === 'function' && element.$instanceOf(type);

/** Flow elements of a process or sub-process, recursively. */
function flowElementsOf(container) {
  const result = [];
  for (const element of container.flowElements ?? []) {
    result.push(element);
    if (isA(element, 'bpmn:SubProcess')) result.push(...flowElementsOf(element));
  }
  return result;
}

/** Lanes of a lane set, recursively (child lane sets included). */
function lanesOf(laneSets) {
  const result = [];
  for (const laneSet of laneSets ?? []) {
    for (const lane of laneSet.lanes ?? []) {
      result.push(lane);
      if (lane.childLaneSet) result.push(...lanesOf([lane.childLaneSet]));
    }
  }
  return result;
}

async function check(path) {
  const problems = [];
  const moddle = new BpmnModdle({ shanzhi: descriptor });
  let definitions;
  try {
    const result = await moddle.fromXML(readFileSync(path, 'utf8'), 'bpmn:Definitions');
    for (const warning of result.warnings) problems.push(`import warning: ${warning.message}`);
    definitions = result.rootElement;
  } catch (error) {
    return [`cannot parse: ${error.message}`];
  }

  const diElements = new Set();
  for (const diagram of definitions.diagrams ?? []) {
    for (const planeElement of diagram.plane?.planeElement ?? []) {
      if (!planeElement.bpmnElement) continue;
      if (isA(planeElement, 'bpmndi:BPMNShape') && !planeElement.bounds) problems.push(`${planeElement.id}: shape without bounds`);
      if (isA(planeElement, 'bpmndi:BPMNEdge') && (planeElement.waypoint ?? []).length < 2) problems.push(`${planeElement.id}: edge with fewer than 2 waypoints`);
      diElements.add(planeElement.bpmnElement);
    }
  }

  const processes = (definitions.rootElements ?? []).filter((element) => isA(element, 'bpmn:Process'));
  if (processes.length === 0) problems.push('no process');
  for (const process of processes) {
    const elements = flowElementsOf(process);
    const ids = new Set(elements.map((element) => element.id));
    const flowNodes = elements.filter((element) => isA(element, 'bpmn:FlowNode'));
    const sequenceFlows = elements.filter((element) => isA(element, 'bpmn:SequenceFlow'));

    const laneCount = new Map();
    for (const lane of lanesOf(process.laneSets)) {
      for (const ref of lane.flowNodeRef ?? []) laneCount.set(ref, (laneCount.get(ref) ?? 0) + 1);
    }
    const hasLanes = lanesOf(process.laneSets).length > 0;

    for (const node of flowNodes) {
      if (!diElements.has(node)) problems.push(`${node.id}: flow node has no DI shape`);
      const lanes = laneCount.get(node) ?? 0;
      if (hasLanes && lanes !== 1) problems.push(`${node.id}: in ${lanes} lanes, expected exactly 1`);
      if (!hasLanes) problems.push(`${node.id}: process ${process.id} has no lanes`);
      if (isA(node, 'bpmn:UserTask')) {
        if (!node.role) problems.push(`${node.id}: missing shanzhi:role`);
        if (!Number.isInteger(node.timeLimit) || node.timeLimit <= 0) problems.push(`${node.id}: shanzhi:timeLimit must be a positive integer`);
        if (!TIME_UNITS.includes(node.timeUnit)) problems.push(`${node.id}: shanzhi:timeUnit must be one of ${TIME_UNITS.join('|')}`);
      }
    }
    for (const [node] of laneCount) {
      if (!ids.has(node.id)) problems.push(`lane refers to ${node.id}, which is not a flow node of ${process.id}`);
    }
    for (const flow of sequenceFlows) {
      if (!diElements.has(flow)) problems.push(`${flow.id}: sequence flow has no DI edge`);
      if (!flow.sourceRef || !ids.has(flow.sourceRef.id)) problems.push(`${flow.id}: sourceRef does not exist`);
      if (!flow.targetRef || !ids.has(flow.targetRef.id)) problems.push(`${flow.id}: targetRef does not exist`);
      if (flow.sourceRef?.outgoing?.length && !flow.sourceRef.outgoing.includes(flow)) problems.push(`${flow.id}: not listed as outgoing of ${flow.sourceRef.id}`);
      if (flow.targetRef?.incoming?.length && !flow.targetRef.incoming.includes(flow)) problems.push(`${flow.id}: not listed as incoming of ${flow.targetRef.id}`);
    }
  }
  return problems;
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: node scripts/check-bpmn.mjs FILE.bpmn...');
  process.exit(2);
}
let failed = false;
for (const path of paths) {
  const problems = await check(path);
  if (problems.length > 0) {
    failed = true;
    console.error(`${path}: ${problems.length} problem(s)`);
    for (const problem of problems) console.error(`  ${problem}`);
  } else {
    console.log(`${path}: ok`);
  }
}
process.exit(failed ? 1 : 0);
