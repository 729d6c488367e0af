// A read-only BPMN diagram (bpmn-js NavigatedViewer: pan and zoom) with markers and count badges on
// elements. The bpmn.io watermark stays, as its licence requires.
import { useEffect, useRef, useState } from 'react';
import { Alert } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import { moddleExtensions } from './shanzhi-extension';
import { pathTaken } from './path-taken';

export interface DiagramDecorations {
  /** CSS marker classes per element id (sz-completed, sz-current, sz-overdue, sz-added, …). */
  markers?: Record<string, string[]>;
  /** A number shown at the element's top-right corner. */
  badges?: Record<string, { count: number; overdue?: boolean; title?: string }>;
  /** Steps in the order they were opened: the flows between them are marked as the path taken. */
  path?: { steps: string[]; finished: boolean };
}

interface Props extends DiagramDecorations {
  xml: string;
  className?: string;
  testId?: string;
  ariaLabel?: string;
}

interface Registry { getAll(): Array<{ id: string; businessObject: unknown }>; get(id: string): unknown }
interface Canvas { addMarker(id: string, cls: string): void; zoom(level: string): void }
interface Overlays { add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): void }

export function DiagramViewer({ xml, markers, badges, path, className, testId = 'diagram', ariaLabel }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!container.current) return undefined;
    const viewer = new NavigatedViewer({ container: container.current, moddleExtensions });
    let cancelled = false;
    setReady(false);
    viewer.importXML(xml).then(() => {
      if (cancelled) return;
      const canvas = viewer.get<Canvas>('canvas');
      const registry = viewer.get<Registry>('elementRegistry');
      const overlays = viewer.get<Overlays>('overlays');
      canvas.zoom('fit-viewport');
      const has = (id: string) => Boolean(registry.get(id));
      for (const [id, classes] of Object.entries(markers ?? {})) if (has(id)) classes.forEach((cls) => canvas.addMarker(id, cls));
      if (path) {
        const nodes = registry.getAll().map((e) => e.businessObject as never);
        for (const flow of pathTaken(nodes, path.steps, path.finished)) if (has(flow)) canvas.addMarker(flow, 'sz-path');
      }
      for (const [id, badge] of Object.entries(badges ?? {})) {
        if (!has(id) || badge.count < 1) continue;
        const html = document.createElement('div');
        html.className = `run-count${badge.overdue ? ' overdue' : ''}`;
        html.textContent = String(badge.count);
        html.title = badge.title ?? '';
        html.dataset.runCount = id;
        overlays.add(id, 'run-count', { position: { top: -10, right: 10 }, html });
      }
      setReady(true);
    }).catch((e: unknown) => { if (!cancelled) setError((e as Error).message); });
    return () => { cancelled = true; viewer.destroy(); };
  }, [xml, markers, badges, path]);

  return (
    <>
      {error && <Alert type="error" showIcon message={error} />}
      <div ref={container} className={`diagram ${className ?? ''}`} data-testid={testId} data-ready={ready ? 'true' : 'false'} role="img" aria-label={ariaLabel} />
    </>
  );
}
