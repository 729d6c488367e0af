// The bpmn-js Modeler on a div, with bpmnlint (issue overlays and the lint toggle) and the Shanzhi
// extension. It hands its instance to the parent, which saves, lints and edits properties through it.
import { useEffect, useRef } from 'react';
import Modeler from 'bpmn-js/lib/Modeler';
import lintModule from 'bpmn-js-bpmnlint';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import { moddleExtensions } from './shanzhi-extension';
import { lintConfig } from './lint-config';
import { translateZhModule } from './translate-zh';
import i18n from '../i18n';

interface Props {
  xml: string;
  onReady(modeler: Modeler | null): void;
  onImportError(message: string): void;
}

export function ProcessModeler({ xml, onReady, onImportError }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onReady, onImportError });
  callbacks.current = { onReady, onImportError };

  useEffect(() => {
    if (!container.current) return undefined;
    const modeler = new Modeler({
      container: container.current,
      moddleExtensions,
      additionalModules: i18n.language === 'en' ? [lintModule] : [lintModule, translateZhModule],
      linting: { bpmnlint: lintConfig, active: false },
    });
    let cancelled = false;
    modeler.importXML(xml)
      .then(() => {
        if (cancelled) return;
        modeler.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
        callbacks.current.onReady(modeler);
      })
      .catch((e: unknown) => { if (!cancelled) callbacks.current.onImportError((e as Error).message); });
    return () => {
      cancelled = true;
      callbacks.current.onReady(null);
      modeler.destroy();
    };
  }, [xml]);

  return <div ref={container} className="modeler-canvas" data-testid="modeler" tabIndex={0} />;
}
