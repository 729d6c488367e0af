// Starting a whistle-escalation case: a grid worker's report (上报事件, grid defaulting to their own). Field errors
// from the API land on the fields. (12345 calls are taken by the centre's workspace, modeler/src/hotline.)
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Result, Row, Select, Space, Switch, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, idempotencyKeys } from '../api/client';
import { useEventCategories, useOrgUnits } from '../api/org';
import { useUser } from '../auth/AuthProvider';

const PROCESS_KEY = 'whistle-escalation';

interface Values {
  category: string; gridCode: string; location: string; description: string; photos?: string[];
  selfResolved?: boolean; selfResult?: string; afterPhotos?: string[];
}

/** API paths (input.requester.phone) → the form's field names. */
const FIELD_OF_PATH: Record<string, keyof Values> = {
  'input.category': 'category', 'input.gridCode': 'gridCode', 'input.location': 'location', 'input.description': 'description',
  'input.selfResolved': 'selfResult', 'input.selfResolved.result': 'selfResult', 'input.photos': 'photos',
  'input.selfResolved.photos': 'afterPhotos',
};

export default function ReportPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { data: categories } = useEventCategories();
  const { data: units } = useOrgUnits();
  const [problem, setProblem] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const selfResolved = Form.useWatch('selfResolved', form);

  const grids = useMemo(() => (units ?? []).filter((u) => u.kind === 'grid' && u.code), [units]);
  const myGrid = grids.find((g) => g.id === user.orgUnitId)?.code ?? undefined;
  // Grid workers report what they see on the street; the 12345 kinds are for orders the hotline files.
  const isHotlineKind = (code: string) => code.startsWith('hotline');
  const categoryOptions = (categories ?? [])
    .filter((c) => !isHotlineKind(c.code))
    .map((c) => ({ value: c.code, label: c.name }));

  // The organisation may load after the form mounted: default the grid once it is known, unless already chosen.
  useEffect(() => {
    if (myGrid && !form.getFieldValue('gridCode')) form.setFieldsValue({ gridCode: myGrid });
  }, [myGrid, form, started]);

  // A report sent again after a lost answer or a 503 carries the same key, so the case is created once.
  const [keys] = useState(idempotencyKeys);
  const start = useMutation({
    mutationFn: (input: Record<string, unknown>) => api<{ instanceId: string }>(`/processes/${PROCESS_KEY}/instances`, { method: 'POST', body: { input }, idempotencyKey: keys.keyFor(input) }),
    onSuccess: () => { keys.clear(); return queryClient.invalidateQueries({ queryKey: ['instances'] }); },
  });

  const submit = async (v: Values) => {
    setProblem(null);
    const input: Record<string, unknown> = {
      category: v.category, gridCode: v.gridCode, location: v.location.trim(), description: v.description.trim(), source: 'grid',
    };
    if (v.photos?.length) input.photos = v.photos;
    // Self-resolution is recorded with after-photos (DOMAIN §4.1), apart from the photos of the problem.
    if (v.selfResolved) input.selfResolved = { result: v.selfResult?.trim(), photos: v.afterPhotos ?? [] };
    try {
      const { instanceId } = await start.mutateAsync(input);
      form.resetFields();
      setStarted(instanceId);
    } catch (e) {
      if (!(e instanceof ApiError)) { setProblem((e as Error).message); return; }
      const mapped = e.details.filter((d) => FIELD_OF_PATH[d.path]);
      form.setFields(mapped.map((d) => ({ name: FIELD_OF_PATH[d.path], errors: [d.message] })));
      const rest = e.details.filter((d) => !FIELD_OF_PATH[d.path]);
      setProblem([e.message, ...rest.map((d) => `${d.path}: ${d.message}`)].join('；'));
    }
  };

  const title = t('report.gridTitle');
  if (started) {
    return (
      <Card>
        <Result status="success" title={t('report.started', { id: started })}
          extra={(
            <Space>
              <Link to={`/instances/${started}`}><Button type="primary">{t('report.viewInstance')}</Button></Link>
              <Button onClick={() => setStarted(null)}>{t('report.another')}</Button>
            </Space>
          )} />
      </Card>
    );
  }
  const required = (label: string) => [{ required: true, whitespace: true, message: `${label} ${t('form.required')}` }];
  return (
    <div>
      <div className="page-header"><div><h1>{title}</h1><div className="subtitle">{t('report.hint')}</div></div></div>
      <Card style={{ maxWidth: 880 }}>
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={submit} name="report-grid">
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="category" label={t('report.category')} rules={[{ required: true, message: `${t('report.category')} ${t('form.required')}` }]}>
                <Select options={categoryOptions} showSearch optionFilterProp="label" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="gridCode" label={t('report.gridCode')} rules={[{ required: true, message: `${t('report.gridCode')} ${t('form.required')}` }]}>
                <Select showSearch optionFilterProp="label" options={grids.map((g) => ({ value: g.code!, label: `${g.code} ${g.name}` }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="location" label={t('report.location')} rules={required(t('report.location'))}><Input maxLength={500} /></Form.Item>
          <Form.Item name="description" label={t('report.description')} rules={required(t('report.description'))}><Input.TextArea rows={4} maxLength={4000} showCount /></Form.Item>
          <Form.Item name="photos" label={t('report.photos')}><Select mode="tags" open={false} suffixIcon={null} maxCount={20} /></Form.Item>
          <Form.Item name="selfResolved" label={t('report.selfResolved')} valuePropName="checked"><Switch /></Form.Item>
          {selfResolved && <Form.Item name="selfResult" label={t('report.selfResult')} rules={required(t('report.selfResult'))}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>}
          {selfResolved && (
            <Form.Item name="afterPhotos" label={t('report.afterPhotos')} extra={t('report.afterPhotosHint')}
              rules={[{ required: true, type: 'array', min: 1, message: `${t('report.afterPhotos')} ${t('form.required')}` }]}>
              <Select mode="tags" open={false} suffixIcon={null} maxCount={20} />
            </Form.Item>
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={start.isPending}>{t('report.submit')}</Button>
            <Typography.Text type="secondary">{user.name}</Typography.Text>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
