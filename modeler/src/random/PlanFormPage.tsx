// A double-random inspection plan (/random/plans/new): matters, the units taking part, the sample (a number or a
// share of the registry), inspectors per subject (at least two) and credit weighting. It goes to an agency head for
// approval; the draw follows by itself, and the draw page shows it.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Result, Select, Space, Switch } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useCatalog, useOrgUnits } from '../api/org';
import { useStartInstance } from '../api/start';
import './i18n';

interface Values {
  title: string; matterCodes: string[]; departmentIds: string[]; sampleMode: 'count' | 'percent'; count?: number; percent?: number;
  inspectorsPerSubject: number; weighting: boolean;
}

const FIELDS: Record<string, keyof Values> = {
  'input.title': 'title', 'input.matterCodes': 'matterCodes', 'input.departmentIds': 'departmentIds', 'input.sample': 'count',
  'input.sample.count': 'count', 'input.sample.percent': 'percent', 'input.inspectorsPerSubject': 'inspectorsPerSubject', 'input.weighting': 'weighting',
};

/** The form field an API error path lands on (`input.matterCodes.1` on the matters). */
function fieldOf(path: string): keyof Values | undefined {
  for (let p = path; p.includes('.'); p = p.slice(0, p.lastIndexOf('.'))) if (FIELDS[p]) return FIELDS[p];
  return undefined;
}

export default function PlanFormPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const matters = useCatalog('matters');
  const units = useOrgUnits();
  const start = useStartInstance('random-inspection');
  const [started, setStarted] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const sampleMode = Form.useWatch('sampleMode', form) ?? 'count';
  const unitOptions = (units.data ?? []).filter((u) => u.kind === 'street' || u.kind === 'department')
    .map((u) => ({ value: u.id, label: `${u.name}（${t(`orgKind.${u.kind}`)}）` }));

  const submit = async (v: Values) => {
    setProblem(null);
    const input = {
      title: v.title.trim(), matterCodes: v.matterCodes, departmentIds: v.departmentIds,
      sample: v.sampleMode === 'count' ? { count: v.count } : { percent: v.percent },
      inspectorsPerSubject: v.inspectorsPerSubject, weighting: v.weighting ? 'credit' : 'none',
    };
    try {
      const answer = await start.mutateAsync(input);
      setStarted(answer.instanceId);
    } catch (e) {
      if (!(e instanceof ApiError)) { setProblem((e as Error).message); return; }
      const onFields = e.details.filter((d) => fieldOf(d.path));
      form.setFields(onFields.map((d) => ({ name: fieldOf(d.path)!, errors: [d.message] })));
      const rest = e.details.filter((d) => !onFields.includes(d));
      setProblem(onFields.length > 0 && rest.length === 0 ? null : [e.message, ...rest.map((d) => `${d.path}: ${d.message}`)].join('；'));
    }
  };

  if (started) {
    return (
      <Card>
        <Result status="success" title={t('random.form.submitted', { id: started })} subTitle={t('random.form.submittedHint')}
          extra={(
            <Space wrap>
              <Link to={`/random/draws/${started}`}><Button type="primary">{t('random.form.viewDraw')}</Button></Link>
              <Link to={`/instances/${started}`}><Button>{t('random.plans.instance')}</Button></Link>
              <Button onClick={() => { setStarted(null); form.resetFields(); }}>{t('random.form.another')}</Button>
            </Space>
          )} />
      </Card>
    );
  }

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('random.form.title')}</h1>
          <div className="subtitle">{t('random.form.subtitle')}</div>
        </div>
      </div>
      <Card style={{ maxWidth: 880 }}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ sampleMode: 'count', count: 10, percent: 5, inspectorsPerSubject: 2, weighting: false }}>
          <Form.Item name="title" label={t('random.form.planTitle')} rules={[{ required: true, whitespace: true, message: `${t('random.form.planTitle')}${t('form.required')}` }, { max: 200 }]}>
            <Input placeholder={t('random.form.planTitlePlaceholder')} maxLength={200} />
          </Form.Item>
          <Form.Item name="matterCodes" label={t('random.form.matters')} rules={[{ required: true, message: `${t('random.form.matters')}${t('form.required')}` }]}>
            <Select mode="multiple" loading={matters.isLoading} optionFilterProp="label" data-testid="plan-matters"
              options={(matters.data ?? []).map((m) => ({ value: m.code, label: m.name }))} />
          </Form.Item>
          <Form.Item name="departmentIds" label={t('random.form.departments')} rules={[{ required: true, message: `${t('random.form.departments')}${t('form.required')}` }]}>
            <Select mode="multiple" loading={units.isLoading} optionFilterProp="label" options={unitOptions} data-testid="plan-units" />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item name="sampleMode" label={t('random.form.sampleMode')}>
              <Radio.Group optionType="button" options={[{ value: 'count', label: t('random.form.byCount') }, { value: 'percent', label: t('random.form.byPercent') }]} />
            </Form.Item>
            {sampleMode === 'count' ? (
              <Form.Item name="count" label={t('random.form.count')} rules={[{ required: true, message: `${t('random.form.count')}${t('form.required')}` }]}>
                <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} />
              </Form.Item>
            ) : (
              <Form.Item name="percent" label={t('random.form.percent')} rules={[{ required: true, message: `${t('random.form.percent')}${t('form.required')}` }]}>
                <InputNumber min={0.1} max={100} step={1} style={{ width: 160 }} />
              </Form.Item>
            )}
            <Form.Item name="inspectorsPerSubject" label={t('random.form.inspectorsPerSubject')} extra={t('random.form.inspectorsHint')} rules={[{ required: true }]}>
              <InputNumber min={2} max={5} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.Item name="weighting" label={t('random.form.weighting')} extra={t('random.form.weightingHint')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={start.isPending}>{t('random.form.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
