// The centre takes a call (受理): caller, kind, dispatch category, grid and place, urgency. The dispatch catalog's
// suggestion shows as soon as a category is picked; the order then waits in the intake queue to be dispatched or,
// for a consultation, answered at once. Field errors from the API land on the fields.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useOrgUnits } from '../api/org';
import { useStartInstance } from '../api/start';
import { useDispatchCatalog, useDispatchSuggestion } from '../api/hotline';

export const HOTLINE_KINDS = ['complaint', 'request', 'report', 'consultation', 'suggestion'] as const;

interface Values {
  callerName: string; callerPhone: string; kind: (typeof HOTLINE_KINDS)[number]; category: string; gridCode?: string;
  location?: string; content: string; urgent?: boolean;
}

/** API paths (input.caller.phone) → the form's field names. */
const FIELD_OF_PATH: Record<string, keyof Values> = {
  'input.caller': 'callerName', 'input.caller.name': 'callerName', 'input.caller.phone': 'callerPhone', 'input.kind': 'kind',
  'input.category': 'category', 'input.gridCode': 'gridCode', 'input.location': 'location', 'input.content': 'content', 'input.urgent': 'urgent',
};

export function IntakeForm({ onStarted }: { onStarted?: (instanceId: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { data: units } = useOrgUnits();
  const { data: catalog } = useDispatchCatalog();
  const start = useStartInstance('hotline-order');
  const [problem, setProblem] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const category = Form.useWatch('category', form);
  const gridCode = Form.useWatch('gridCode', form);
  const suggestion = useDispatchSuggestion(category, gridCode);

  const grids = useMemo(() => (units ?? []).filter((u) => u.kind === 'grid' && u.code), [units]);

  const submit = async (v: Values) => {
    setProblem(null);
    const input: Record<string, unknown> = {
      caller: { name: v.callerName.trim(), phone: v.callerPhone.trim() }, kind: v.kind, category: v.category, content: v.content.trim(),
    };
    if (v.gridCode) input.gridCode = v.gridCode;
    if (v.location?.trim()) input.location = v.location.trim();
    if (v.urgent) input.urgent = true;
    try {
      const { instanceId } = await start.mutateAsync(input);
      form.resetFields();
      setStarted(instanceId);
      onStarted?.(instanceId);
    } catch (e) {
      if (!(e instanceof ApiError)) { setProblem((e as Error).message); return; }
      const mapped = e.details.filter((d) => FIELD_OF_PATH[d.path]);
      form.setFields(mapped.map((d) => ({ name: FIELD_OF_PATH[d.path], errors: [d.message] })));
      const rest = e.details.filter((d) => !FIELD_OF_PATH[d.path]);
      setProblem([e.message, ...rest.map((d) => `${d.path}: ${d.message}`)].join('；'));
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: `${label} ${t('form.required')}` }];
  const s = suggestion.data;
  return (
    <Card size="small" title={t('hotline.newCall')} data-testid="hotline-intake-form">
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} role="alert" />}
      {started && (
        <Alert type="success" showIcon closable onClose={() => setStarted(null)} style={{ marginBottom: 12 }} role="status"
          message={<span>{t('hotline.started', { id: started })} <Link to={`/instances/${started}`}>{started}</Link></span>} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} name="hotline-intake" initialValues={{ kind: 'complaint', urgent: false }}>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="callerName" label={t('hotline.callerName')} rules={required(t('hotline.callerName'))}><Input maxLength={100} /></Form.Item></Col>
          <Col span={12}>
            <Form.Item name="callerPhone" label={t('hotline.callerPhone')}
              rules={[...required(t('hotline.callerPhone')), { pattern: /^[0-9+\- ]{5,20}$/, message: t('form.phone') }]}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="kind" label={t('hotline.kind')} rules={[{ required: true, message: `${t('hotline.kind')} ${t('form.required')}` }]}>
              <Select options={HOTLINE_KINDS.map((k) => ({ value: k, label: t(`hotline.kinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="category" label={t('hotline.category')} rules={[{ required: true, message: `${t('hotline.category')} ${t('form.required')}` }]}>
              <Select showSearch optionFilterProp="label" options={(catalog ?? []).map((c) => ({ value: c.code, label: c.name }))} />
            </Form.Item>
          </Col>
          <Col span={6}><Form.Item name="urgent" label={t('hotline.urgent')} valuePropName="checked"><Switch /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="gridCode" label={t('hotline.gridCode')} tooltip={t('hotline.gridHint')}>
              <Select allowClear showSearch optionFilterProp="label" options={grids.map((g) => ({ value: g.code!, label: `${g.code} ${g.name}` }))} />
            </Form.Item>
          </Col>
          <Col span={14}><Form.Item name="location" label={t('hotline.location')}><Input maxLength={500} /></Form.Item></Col>
        </Row>
        <Form.Item name="content" label={t('hotline.content')} rules={required(t('hotline.content'))}><Input.TextArea rows={3} maxLength={4000} showCount /></Form.Item>
        <div className="hotline-suggestion" data-testid="dispatch-suggestion" aria-live="polite" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('hotline.suggestion')}：</Typography.Text>
          {s ? (
            <Space size={4} wrap>
              <Typography.Text strong>{s.name}</Typography.Text>
              <Tag>{t(`hotline.basis.${s.basis}`)}</Tag>
              {s.complex && <Tag color="orange">{t('hotline.complex')}</Tag>}
            </Space>
          ) : <Typography.Text type="secondary">{suggestion.error ? (suggestion.error as Error).message : t('hotline.suggestionNone')}</Typography.Text>}
        </div>
        <Button type="primary" htmlType="submit" loading={start.isPending}>{t('hotline.submit')}</Button>
      </Form>
    </Card>
  );
}
