// Static conformance (ARCHITECTURE principle 3): every step the code declares is a flow node of the committed
// diagram, handled by the same role; CI fails when code and diagram disagree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDiagram } from '../../domain/bpmn/diagram';
import { PROCESS_CONTRACTS } from '../../domain/processes';

describe.each(Object.values(PROCESS_CONTRACTS))('$key', (contract) => {
  const load = () => readDiagram(readFileSync(join(__dirname, '..', '..', 'processes', `${contract.key}.bpmn`), 'utf8'));

  test('the diagram contains every step id and element the code needs', async () => {
    const diagram = await load();
    const needed = [...Object.keys(contract.steps), ...contract.otherElements];
    expect(needed.filter((id) => !diagram.flowNodeIds.includes(id))).toEqual([]);
  });

  test('each step is handled by the role the code expects and has a time limit', async () => {
    const diagram = await load();
    for (const [stepId, step] of Object.entries(contract.steps)) {
      expect({ stepId, role: diagram.parameters[stepId]?.role }).toEqual({ stepId, role: step.role });
      expect(diagram.parameters[stepId]?.timeLimit).toBeDefined();
    }
  });

  test('every sequence flow connects flow nodes of the diagram', async () => {
    const diagram = await load();
    for (const flow of diagram.sequenceFlows) {
      expect(diagram.flowNodeIds).toContain(flow.from);
      expect(diagram.flowNodeIds).toContain(flow.to);
    }
  });
});

test('a diagram that is not BPMN is refused with the reason', async () => {
  await expect(readDiagram('<nope/>')).rejects.toThrow('not valid BPMN');
});
