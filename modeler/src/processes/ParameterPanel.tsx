// The side panel of the modeler: the selected task's Shanzhi parameters (handling role, time limit and
// unit), written back to the diagram with modeling.updateProperties so undo/redo and dirty state work.
import { useEffect, useState } from 'react';
import { Card, Descriptions, Empty, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type Modeler from 'bpmn-js/lib/Modeler';
import { TIME_UNITS } from '../bpmn/shanzhi-extension';
import { useLabels } from '../i18n/labels';
import { zhCN } from '../i18n/zh-CN';

interface BusinessObject { id: string; name?: string; $type: string; $instanceOf(type: string): boolean; get(name: string): unknown }
interface Shape { id: string; businessObject: BusinessObject }
interface EventBus { on(event: string, cb: (e: { newSelection?: Shape[]; element?: Shape }) => void): void; off(event: string, cb: unknown): void }
interface Modeling { updateProperties(element: Shape, props: Record<string, unknown>): void }
interface ElementRegistry { filter(fn: (e: Shape) => boolean): Shape[]; get(id: string): Shape | undefined }

/** The diagram's tasks, for picking one by keyboard instead of on the canvas. */
function tasksOf(modeler: Modeler | null): Shape[] {
  if (!modeler) return [];
  return modeler.get<ElementRegistry>('elementRegistry').filter((e) => e.businessObject?.$instanceOf?.('bpmn:Task') && !e.id.endsWith('_label'));
}

const ROLE_KEYS = Object.keys(zhCN.role);

export function ParameterPanel({ modeler, readOnly }: { modeler: Modeler | null; readOnly: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [selected, setSelected] = useState<Shape | null>(null);
  const [, setRevision] = useState(0);

  useEffect(() => {
    if (!modeler) { setSelected(null); return undefined; }
    const bus = modeler.get<EventBus>('eventBus');
    const onSelection = (e: { newSelection?: Shape[] }) => setSelected(e.newSelection?.length === 1 ? e.newSelection[0] : null);
    // Undo, redo and our own edits change the element: re-read its attributes.
    const onChanged = () => setRevision((r) => r + 1);
    bus.on('selection.changed', onSelection);
    bus.on('elements.changed', onChanged);
    return () => { bus.off('selection.changed', onSelection); bus.off('elements.changed', onChanged); };
  }, [modeler]);

  const pick = (id: string) => {
    const element = modeler?.get<ElementRegistry>('elementRegistry').get(id);
    if (!modeler || !element) return;
    modeler.get<{ select(e: Shape): void }>('selection').select(element);
    modeler.get<{ scrollToElement(e: Shape): void }>('canvas').scrollToElement(element);
  };

  const bo = selected?.businessObject;
  const isTask = Boolean(bo && bo.$instanceOf('bpmn:Task'));
  const update = (props: Record<string, unknown>) => {
    if (modeler && selected) modeler.get<Modeling>('modeling').updateProperties(selected, props);
  };

  return (
    <Card size="small" title={t('designer.properties')} className="modeler-panel" data-testid="parameter-panel">
      <Form layout="vertical" name="step-picker">
        <Form.Item label={t('designer.pickStep')} htmlFor="param-step" style={{ marginBottom: 12 }}>
          <Select id="param-step" showSearch optionFilterProp="label" value={bo?.id} placeholder={t('designer.pickStepHint')}
            options={tasksOf(modeler).map((e) => ({ value: e.id, label: `${e.businessObject.name ?? ''}（${e.id}）` }))}
            onChange={pick} />
        </Form.Item>
      </Form>
      {!bo && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('designer.selectTask')} />}
      {bo && (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('designer.elementId')}><code>{bo.id}</code></Descriptions.Item>
          <Descriptions.Item label={t('designer.elementName')}>{bo.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('designer.element')}>{bo.$type.replace('bpmn:', '')}</Descriptions.Item>
        </Descriptions>
      )}
      {bo && isTask && (
        <Form layout="vertical" disabled={readOnly} key={bo.id} name="step-parameters">
          <Form.Item label={t('designer.role')} htmlFor="param-role">
            <Select id="param-role" allowClear value={(bo.get('shanzhi:role') as string | undefined) ?? undefined}
              placeholder={t('designer.noRole')} showSearch optionFilterProp="label"
              options={ROLE_KEYS.map((key) => ({ value: key, label: `${labels.role(key)}（${key}）` }))}
              onChange={(v) => update({ 'shanzhi:role': v ?? undefined })} />
          </Form.Item>
          <Form.Item label={t('designer.timeLimit')} htmlFor="param-limit">
            <InputNumber id="param-limit" min={1} precision={0} style={{ width: '100%' }}
              value={(bo.get('shanzhi:timeLimit') as number | undefined) ?? null}
              onChange={(v) => update({ 'shanzhi:timeLimit': typeof v === 'number' ? v : undefined })} />
          </Form.Item>
          <Form.Item label={t('designer.timeUnit')} htmlFor="param-unit">
            <Select id="param-unit" value={(bo.get('shanzhi:timeUnit') as string | undefined) ?? undefined}
              options={TIME_UNITS.map((u) => ({ value: u, label: labels.unit(u) }))}
              onChange={(v) => update({ 'shanzhi:timeUnit': v })} />
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}
