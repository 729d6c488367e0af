// A read-only BPMN diagram (bpmn-js NavigatedViewer: drag to pan, ctrl/⌘ + wheel to zoom) with markers and count
// badges on elements. With focus steps it opens on them and their neighbours, readable; a toolbar zooms and
// switches to the whole diagram. The bpmn.io watermark stays, as its licence requires.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space, Tooltip } from 'antd';
import { AimOutlined, ExpandOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import { moddleExtensions } from './shanzhi-extension';
import { pathTaken } from './path-taken';
import { bounds, focusViewbox, neighbourhood, type Box } from './viewport';

export interface DiagramDecorations {
  /** CSS marker classes per element id (sz-completed, sz-current, sz-overdue, sz-added, …). */
  markers?: Record<string, string[]>;
  /** A number shown at the element's top-right corner. */
  badges?: Record<string, { count: number; overdue?: boolean; title?: string }>;
  /** Steps in the order they were opened: the flows between them are marked as the path taken. */
  path?: { steps: string[]; finished: boolean };
  /** Steps to open the view on (the current ones); without any, the whole diagram is fitted. */
  focus?: string[];
}

interface Props extends DiagramDecorations {
  xml: string;
  className?: string;
  testId?: string;
  ariaLabel?: string;
}

interface Registry { getAll(): Array<{ id: string; businessObject: unknown }>; get(id: string): unknown }
interface Canvas {
  addMarker(id: string, cls: string): void;
  zoom(level?: string | number, center?: 'auto'): number;
  viewbox(box?: Box): Box & { outer: { width: number; height: number } };
}
interface Overlays { add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): void }

interface View { zoomBy(factor: number): void; whole(): void; focus(): void }

export function DiagramViewer({ xml, markers, badges, path, focus, className, testId = 'diagram', ariaLabel }: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [framing, setFraming] = useState<'focus' | 'whole'>('whole');

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
      const focused = (focus ?? []).map((id) => registry.get(id)).filter(Boolean) as never[];
      const area = neighbourhood(focused);
      const steps = bounds(focused);
      view.current = {
        zoomBy: (factor) => { canvas.zoom(canvas.zoom() * factor, 'auto'); },
        whole: () => { canvas.zoom('fit-viewport', 'auto'); setFraming('whole'); },
        focus: () => {
          if (!area || !steps) { canvas.zoom('fit-viewport', 'auto'); setFraming('whole'); return; }
          canvas.viewbox(focusViewbox(area, steps, canvas.viewbox().outer));
          setFraming('focus');
        },
      };
      view.current.focus();
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
  }, [xml, markers, badges, path, focus]);

  return (
    <>
      {error && <Alert type="error" showIcon message={error} />}
      <div className="diagram-toolbar" data-testid={`${testId}-toolbar`}>
        <Space size={4}>
          <Tooltip title={t('diagram.zoomIn')}><Button size="small" icon={<ZoomInOutlined />} aria-label={t('diagram.zoomIn')} onClick={() => view.current?.zoomBy(1.25)} /></Tooltip>
          <Tooltip title={t('diagram.zoomOut')}><Button size="small" icon={<ZoomOutOutlined />} aria-label={t('diagram.zoomOut')} onClick={() => view.current?.zoomBy(0.8)} /></Tooltip>
          {focus && focus.length > 0 && (
            <Button size="small" icon={<AimOutlined />} type={framing === 'focus' ? 'primary' : 'default'} ghost={framing === 'focus'} onClick={() => view.current?.focus()}>{t('diagram.current')}</Button>
          )}
          <Button size="small" icon={<ExpandOutlined />} type={framing === 'whole' ? 'primary' : 'default'} ghost={framing === 'whole'} onClick={() => view.current?.whole()}>{t('diagram.whole')}</Button>
        </Space>
        <span className="muted" style={{ fontSize: 12 }}>{t('diagram.hint')}</span>
      </div>
      <div ref={container} className={`diagram ${className ?? ''}`} data-testid={testId} data-ready={ready ? 'true' : 'false'} data-framing={framing} role="img" aria-label={ariaLabel} />
    </>
  );
}
