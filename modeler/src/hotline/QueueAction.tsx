// One decision on a queue item, in a dialog: dispatch or answer a call, uphold or refuse an objection, record a
// return visit or reopen the order. The API checks everything again; its refusals show in the dialog.
import { useMemo, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useOrgUnits } from '../api/org';
import { useAct } from '../api/tasks';
import type { HotlineQueueItem } from '../api/types';

export type QueueActionName = 'dispatch' | 'answer' | 'uphold' | 'refuse' | 'record' | 'reopen';

const SATISFACTION = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

/** The units an order goes to (art. 12): streets, departments, and the district to coordinate. */
function useReceivingUnits(exclude?: string | null) {
  const { data: units } = useOrgUnits();
  const { t } = useTranslation();
  return useMemo(() => (units ?? [])
    .filter((u) => ['street', 'department', 'district'].includes(u.kind) && u.id !== exclude)
    .map((u) => ({ value: u.id, label: `${u.name}（${t(`orgKind.${u.kind}`)}）` })), [units, exclude, t]);
}

export function QueueAction({ item, action, label, primary, danger }: { item: HotlineQueueItem; action: QueueActionName; label: string; primary?: boolean; danger?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const act = useAct(item.taskId);
  const units = useReceivingUnits(action === 'uphold' ? item.unitId : null);

  const initial = action === 'dispatch' ? { unitId: item.suggestedUnitId ?? undefined } : action === 'record' ? { resolved: true, satisfaction: 'satisfied' } : {};

  const submit = async () => {
    setProblem(null);
    const values = await form.validateFields();
    const data = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
    try {
      await act.mutateAsync({ action, data });
      setOpen(false);
      form.resetFields();
    } catch (e) {
      if (!(e instanceof ApiError)) { setProblem((e as Error).message); return; }
      const fields = e.details.filter((d) => d.path.startsWith('data.')).map((d) => ({ name: d.path.slice(5), errors: [d.message] }));
      form.setFields(fields);
      setProblem(e.message);
    }
  };

  const required = (name: string) => [{ required: true, whitespace: true, message: `${name} ${t('form.required')}` }];
  return (
    <>
      <Button size="small" type={primary ? 'primary' : 'default'} danger={danger} onClick={() => setOpen(true)}>{label}</Button>
      <Modal open={open} title={`${label} · ${item.instanceId}`} okText={t('common.confirm')} cancelText={t('common.cancel')}
        onOk={() => void submit()} confirmLoading={act.isPending} onCancel={() => { setOpen(false); setProblem(null); }} destroyOnHidden>
        <p className="muted">{item.title}</p>
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} role="alert" />}
        <Form form={form} layout="vertical" initialValues={initial} name={`hotline-${action}`}>
          {(action === 'dispatch' || action === 'uphold') && (
            <Form.Item name="unitId" label={t('hotline.dispatchTo')} rules={[{ required: true, message: `${t('hotline.dispatchTo')} ${t('form.required')}` }]}
              extra={item.suggestedUnitName ? `${t('hotline.suggestion')}：${item.suggestedUnitName}` : undefined}>
              <Select showSearch optionFilterProp="label" options={units} />
            </Form.Item>
          )}
          {action === 'answer' && <Form.Item name="answer" label={t('hotline.answerText')} rules={required(t('hotline.answerText'))}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>}
          {(action === 'refuse' || action === 'reopen') && <Form.Item name="reason" label={t('hotline.reason')} rules={required(t('hotline.reason'))}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>}
          {action === 'record' && (
            <>
              <Form.Item name="resolved" label={t('hotline.resolved')} rules={[{ required: true }]}>
                <Radio.Group options={[{ value: true, label: t('common.yes') }, { value: false, label: t('common.no') }]} />
              </Form.Item>
              <Form.Item name="satisfaction" label={t('hotline.satisfaction')} rules={[{ required: true }]}>
                <Select options={SATISFACTION.map((s) => ({ value: s, label: t(`enum.${s}`) }))} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
