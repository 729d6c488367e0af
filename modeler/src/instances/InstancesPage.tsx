// Instance search for auditors (like Camunda Operate): process, status, org unit, overdue, date range and
// free text, keyset-paged with the server's cursor.
import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, TreeSelect } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useInstanceSearch, type InstanceFilters } from '../api/instances';
import { useOrgUnits, useProcesses } from '../api/org';
import type { InstanceSummary, OrgUnit } from '../api/types';
import { formatTime } from '../format/time';
import { useLabels, STATUS_COLORS } from '../i18n/labels';
import { QueryState } from '../app/QueryState';

const STATUSES = ['running', 'closed', 'rejected', 'revoked', 'cancelled'];
const FILTER_KEYS: Array<keyof InstanceFilters> = ['processKey', 'status', 'overdue', 'q', 'orgUnitId', 'from', 'to'];

interface TreeNode { value: string; title: string; children: TreeNode[] }

function orgTree(units: OrgUnit[]): TreeNode[] {
  const node = (u: OrgUnit): TreeNode => ({ value: u.id, title: u.name, children: units.filter((c) => c.parentId === u.id).map(node) });
  return units.filter((u) => !u.parentId).map(node);
}

export default function InstancesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as InstanceFilters, [params]);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const search = useInstanceSearch(filters, cursor);
  const { data: processes } = useProcesses();
  const { data: units } = useOrgUnits();
  const [form] = Form.useForm();

  const apply = (values: Record<string, unknown>) => {
    const next = new URLSearchParams();
    const range = values.range as [Dayjs, Dayjs] | undefined;
    const entries: Record<string, string | undefined> = {
      processKey: values.processKey as string, status: values.status as string, overdue: values.overdue as string,
      q: (values.q as string | undefined)?.trim(), orgUnitId: values.orgUnitId as string,
      from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'),
    };
    for (const [k, v] of Object.entries(entries)) if (v) next.set(k, v);
    setCursors([]);
    setParams(next, { replace: true });
  };

  const processName = (key: string) => processes?.find((p) => p.key === key)?.name ?? key;
  const columns: ColumnsType<InstanceSummary> = [
    { title: t('instances.id'), dataIndex: 'instanceId', width: 170, render: (id: string) => <Link to={`/instances/${id}`}>{id}</Link> },
    {
      title: t('instances.caseTitle'), dataIndex: 'title', ellipsis: true,
      render: (title: string, row) => <div><div className="cell-ellipsis" title={title}>{title}</div><div className="muted">{processName(row.processKey)}</div></div>,
    },
    {
      title: t('instances.status'), dataIndex: 'status', width: 140,
      render: (s: string, row) => <Space size={4}><Tag color={STATUS_COLORS[s]}>{labels.status(s)}</Tag>{row.overdue && <Tag color="error">{t('instances.overdue')}</Tag>}</Space>,
    },
    { title: t('instances.current'), dataIndex: 'currentSteps', width: 150, render: (steps: string[]) => (steps.length ? [...new Set(steps)].map((s) => labels.step(s)).join('、') : '—') },
    { title: t('instances.startedAt'), dataIndex: 'startedAt', width: 140, render: (v: string) => formatTime(v) },
    { title: t('instances.closedAt'), dataIndex: 'closedAt', width: 140, render: (v: string | null) => formatTime(v) },
  ];

  return (
    <div>
      <div className="page-header"><div><h1>{t('instances.title')}</h1></div></div>
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={apply} name="instance-search" className="search-form"
          initialValues={{ processKey: filters.processKey, status: filters.status, overdue: filters.overdue, q: filters.q, orgUnitId: filters.orgUnitId, range: filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : undefined }}>
          <Form.Item name="q" label={t('instances.q')}><Input allowClear placeholder={t('instances.qPlaceholder')} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="processKey" label={t('instances.process')}>
            <Select allowClear style={{ width: 140 }} options={(processes ?? []).map((p) => ({ value: p.key, label: p.name }))} />
          </Form.Item>
          <Form.Item name="status" label={t('instances.status')}>
            <Select allowClear style={{ width: 120 }} options={STATUSES.map((s) => ({ value: s, label: labels.status(s) }))} />
          </Form.Item>
          <Form.Item name="overdue" label={t('instances.overdue')}>
            <Select allowClear style={{ width: 110 }} options={[{ value: 'true', label: t('instances.overdueOnly') }, { value: 'false', label: t('instances.notOverdue') }]} />
          </Form.Item>
          <Form.Item name="orgUnitId" label={t('instances.org')}>
            <TreeSelect allowClear style={{ width: 180 }} treeData={orgTree(units ?? [])} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
          </Form.Item>
          <Form.Item name="range" label={t('instances.range')}><DatePicker.RangePicker style={{ width: 250 }} /></Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">{t('common.search')}</Button>
              <Button onClick={() => { form.resetFields(); form.setFieldsValue({ processKey: undefined, status: undefined, overdue: undefined, q: undefined, orgUnitId: undefined, range: undefined }); apply({}); }}>{t('common.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <QueryState loading={search.isLoading} error={search.error} retry={() => void search.refetch()}>
          <Table<InstanceSummary> rowKey="instanceId" columns={columns} dataSource={search.data?.items ?? []} pagination={false} size="middle"
            locale={{ emptyText: t('instances.empty') }} loading={search.isFetching && !search.isLoading} data-testid="instances-table" />
          <Space style={{ marginTop: 12, display: 'flex', justifyContent: 'flex-end' }}>
            <Button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>{t('common.prev')}</Button>
            <Button disabled={!search.data?.nextCursor} onClick={() => setCursors([...cursors, search.data!.nextCursor!])}>{t('common.next')}</Button>
          </Space>
        </QueryState>
      </Card>
    </div>
  );
}
