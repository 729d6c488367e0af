// Where a read-only diagram opens: on the current steps and the steps just before and after them, at a scale where
// labels can be read, instead of the whole process shrunk into the box (the penalty process at 1280 px is a
// smear). The whole diagram stays one click away.

export interface Box { x: number; y: number; width: number; height: number }
interface Shape extends Partial<Box> { incoming?: Array<{ source?: Shape }>; outgoing?: Array<{ target?: Shape }> }

/** Labels (12 px) read well from about this scale; below it the view centres on the step rather than fitting more. */
export const READABLE_SCALE = 0.85;
/** Never magnify a small neighbourhood beyond this: it would look broken, not clearer. */
const MAX_SCALE = 1.25;
const PADDING = 48;

const isShape = (s: Shape | undefined): s is Shape & Box =>
  !!s && typeof s.x === 'number' && typeof s.y === 'number' && typeof s.width === 'number' && typeof s.height === 'number';

/** The box around the focused shapes and their direct neighbours (one flow away, either direction). */
export function neighbourhood(focused: Shape[]): Box | null {
  return bounds(focused.flatMap((s) => [s, ...(s.incoming ?? []).map((f) => f.source), ...(s.outgoing ?? []).map((f) => f.target)]));
}

/** The padded box around some shapes; null when none has a position (connections, or no shapes). */
export function bounds(shapes: Array<Shape | undefined>): Box | null {
  const around = shapes.filter(isShape);
  if (around.length === 0) return null;
  const x = Math.min(...around.map((s) => s.x)) - PADDING;
  const y = Math.min(...around.map((s) => s.y)) - PADDING;
  const right = Math.max(...around.map((s) => s.x + s.width)) + PADDING;
  const bottom = Math.max(...around.map((s) => s.y + s.height)) + PADDING;
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * The viewbox showing `area` in a container of `outer` pixels: the area fitted when that keeps labels readable, else
 * centred on the focused steps at the readable scale (the neighbours then reached by panning).
 */
export function focusViewbox(area: Box, centreOn: Box, outer: { width: number; height: number }): Box {
  const fit = Math.min(outer.width / area.width, outer.height / area.height, MAX_SCALE);
  const scale = Math.max(fit, READABLE_SCALE);
  const centre = fit >= READABLE_SCALE ? area : centreOn;
  const cx = centre.x + centre.width / 2;
  const cy = centre.y + centre.height / 2;
  const width = outer.width / scale;
  const height = outer.height / scale;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}
