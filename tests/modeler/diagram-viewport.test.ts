// Where the case diagram opens: on the current step and its neighbours at a scale whose labels can be read,
// never the whole process shrunk into the box, and never blown up past a sensible size.
import { focusViewbox, neighbourhood, READABLE_SCALE } from '../../modeler/src/bpmn/viewport';

const task = (id: string, x: number) => ({ id, x, y: 100, width: 100, height: 80 });
const OUTER = { width: 1000, height: 560 };

describe('the neighbourhood of the current step', () => {
  test('takes the step, the steps one flow before and after it, and pads them', () => {
    const before = task('before', 0);
    const after = task('after', 400);
    const current = { ...task('current', 200), incoming: [{ source: before }], outgoing: [{ target: after }, { target: undefined }] };
    expect(neighbourhood([current])).toEqual({ x: -48, y: 52, width: 596, height: 176 });
  });

  test('is null when nothing focused has a position (a closed case, or a flow id)', () => {
    expect(neighbourhood([])).toBeNull();
    expect(neighbourhood([{ incoming: [] }])).toBeNull();
  });
});

describe('the viewbox', () => {
  test('fits a small neighbourhood, magnified at most 1.25×', () => {
    const area = { x: 0, y: 0, width: 400, height: 200 };
    const box = focusViewbox(area, area, OUTER);
    expect(OUTER.width / box.width).toBeCloseTo(1.25);
    expect(box.x + box.width / 2).toBeCloseTo(200);
  });

  test('a neighbourhood too wide to read when fitted is shown at the readable scale, centred on the current step', () => {
    const area = { x: 0, y: 0, width: 3000, height: 400 };
    const step = { x: 2500, y: 100, width: 100, height: 80 };
    const box = focusViewbox(area, step, OUTER);
    expect(OUTER.width / box.width).toBeCloseTo(READABLE_SCALE);
    expect(box.x + box.width / 2).toBeCloseTo(2550);
    expect(box.y + box.height / 2).toBeCloseTo(140);
  });
});
