// Reads a BPMN diagram: validates it with bpmn-moddle, and extracts its flow-node ids, sequence flows and the
// designer-owned step parameters (role, time limit) stored as shanzhi: extension attributes.
import { BpmnModdle } from 'bpmn-moddle';
import shanzhiDescriptor from './shanzhi-moddle.json';
import type { TimeLimit } from '../time-limit';
import { timeLimitSchema } from '../time-limit-schema';

export interface StepParameters {
  role?: string;
  timeLimit?: TimeLimit;
}

export interface FlowNode {
  id: string;
  /** The BPMN type without prefix: UserTask, ExclusiveGateway, BoundaryEvent, EndEvent, … */
  type: string;
  /** For boundary events: the activity they are attached to. */
  attachedTo?: string;
}

export interface DiagramSummary {
  processId: string;
  flowNodeIds: string[];
  nodes: FlowNode[];
  sequenceFlows: Array<{ id: string; from: string; to: string }>;
  parameters: Record<string, StepParameters>;
}

export class DiagramError extends Error {
  constructor(message: string, readonly problems: string[]) {
    super(message);
  }
}

interface ModdleElement {
  $type: string;
  id: string;
  flowElements?: ModdleElement[];
  sourceRef?: ModdleElement;
  targetRef?: ModdleElement;
  role?: string;
  timeLimit?: number;
  timeUnit?: string;
  rootElements?: ModdleElement[];
  attachedToRef?: ModdleElement;
}

export async function readDiagram(xml: string): Promise<DiagramSummary> {
  const moddle = new BpmnModdle({ shanzhi: shanzhiDescriptor });
  let definitions: ModdleElement;
  try {
    const result = await moddle.fromXML(xml, 'bpmn:Definitions');
    if (result.warnings.length > 0) {
      throw new DiagramError('the diagram is not valid BPMN', result.warnings.map((w: { message: string }) => w.message));
    }
    definitions = result.rootElement as unknown as ModdleElement;
  } catch (error) {
    if (error instanceof DiagramError) throw error;
    throw new DiagramError('the diagram is not valid BPMN XML', [(error as Error).message]);
  }
  const processes = (definitions.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  if (processes.length !== 1) throw new DiagramError('the diagram must contain exactly one process', [`found ${processes.length}`]);
  const process = processes[0];
  const elements = process.flowElements ?? [];
  const summary: DiagramSummary = { processId: process.id, flowNodeIds: [], nodes: [], sequenceFlows: [], parameters: {} };
  for (const element of elements) {
    if (element.$type === 'bpmn:SequenceFlow') {
      summary.sequenceFlows.push({ id: element.id, from: element.sourceRef?.id ?? '', to: element.targetRef?.id ?? '' });
      continue;
    }
    summary.flowNodeIds.push(element.id);
    summary.nodes.push({ id: element.id, type: element.$type.replace(/^bpmn:/, ''), attachedTo: element.attachedToRef?.id });
    const parameters: StepParameters = {};
    if (element.role) parameters.role = element.role;
    if (element.timeLimit !== undefined) {
      const limit = timeLimitSchema.safeParse({ amount: element.timeLimit, unit: element.timeUnit ?? 'workingDays' });
      if (!limit.success) {
        const why = limit.error.issues.map((i) => i.message).join('; ');
        throw new DiagramError('invalid time limit', [`${element.id}: ${element.timeLimit} ${element.timeUnit ?? 'workingDays'} (${why})`]);
      }
      parameters.timeLimit = limit.data;
    }
    if (parameters.role || parameters.timeLimit) summary.parameters[element.id] = parameters;
  }
  return summary;
}
