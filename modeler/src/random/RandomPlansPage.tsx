// The double-random home (/random): the KPIs of the plans drawn lately, the plans with their draw, and a look-up in the
// subjects registry. The drawn inspectors find their inspections in the inbox, as every other task.
import { useState } from 'react';
import { Button, Card, Col, Empty, Input, Row, Space, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/AuthProvider';
import { hasRole } from '../auth/roles';
import { useInstanceSearch } from '../api/instances';
import { useRandomKpis, useSubjects } from '../api/random';
import type { InstanceSummary } from '../api/types';
import { QueryState } from '../app/QueryState';
import { formatTime } from '../format/time';
import { useLabels, STATUS_COLORS } from '../i18n/labels';
import './i18n';

const percent = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

function Kpis() {
  const { t } = useTranslation();
  const kpis = useRandomKpis();
  const k = kpis.data;
  return (
    <Card title={t('random.kpi.title')} size="small">
      <QueryState loading={kpis.isLoading} error={kpis.error}>
        {k && (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}><Statistic title={t('random.kpi.inspectedShare')} value={percent(k.inspectedShare)} /></Col>
              <Col xs={12} md={6}><Statistic title={t('random.kpi.problemShare')} value={percent(k.problemShare)} /></Col>
              <Col xs={12} md={6}><Statistic title={t('random.kpi.publishedOnTimeRate')} value={percent(k.publishedOnTimeRate)} /></Col>
              <Col xs={12} md={6}>
                <Statistic title={t('random.kpi.drawToInspection')} value={k.drawToInspectionDays.median === null ? t('random.kpi.none') : t('random.kpi.days', { count: k.drawToInspectionDays.median })} />
              </Col>
            </Row>
            <div className="muted" style={{ marginTop: 8 }}>{t('random.kpi.counts', k)}</div>
          </>
        )}
      </QueryState>
    </Card>
  );
}

function Plans() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [cursors, setCursors] = useState<string[]>([]);
  const search = useInstanceSearch({ processKey: 'random-inspection' }, cursors[cursors.length - 1]);
  const columns: ColumnsType<InstanceSummary> = [
    { title: t('random.plans.planTitle'), dataIndex: 'title', render: (title: string, row) => <Link to={`/instances/${row.instanceId}`}>{title}</Link> },
    { title: t('random.plans.status'), dataIndex: 'status', width: 180, render: (s: string, row) => <Space size={4} wrap><Tag color={STATUS_COLORS[s]}>{labels.status(s)}</Tag>{row.overdue && <Tag color="error">{t('inbox.overdue')}</Tag>}</Space> },
    { title: t('random.plans.startedAt'), dataIndex: 'startedAt', width: 160, render: (at: string) => formatTime(at) },
    { title: t('random.plans.draw'), dataIndex: 'instanceId', width: 120, render: (id: string) => <Link to={`/random/draws/${id}`}>{t('random.plans.draw')}</Link> },
  ];
  const items = search.data?.items ?? [];
  return (
    <Card title={t('random.plans.list')} size="small">
      <QueryState loading={search.isLoading} error={search.error} retry={() => void search.refetch()}>
        {items.length === 0 && cursors.length === 0
          ? <Empty description={<><div>{t('random.plans.empty')}</div><div className="muted">{t('random.plans.emptyHint')}</div></>} />
          : (
            <>
              <Table rowKey="instanceId" size="small" columns={columns} dataSource={items} pagination={false} scroll={{ x: true }} />
              <Space style={{ marginTop: 12 }}>
                <Button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>{t('common.prev')}</Button>
                <Button disabled={!search.data?.nextCursor} onClick={() => setCursors([...cursors, search.data!.nextCursor!])}>{t('common.next')}</Button>
              </Space>
            </>
          )}
      </QueryState>
    </Card>
  );
}

function Registry() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const subjects = useSubjects(q, cursors[cursors.length - 1]);
  const items = subjects.data?.items ?? [];
  return (
    <Card title={t('random.plans.registry')} size="small">
      <Input.Search allowClear placeholder={t('random.plans.registryHint')} onSearch={(v) => { setCursors([]); setQ(v.trim()); }} style={{ maxWidth: 420, marginBottom: 12 }} />
      <QueryState loading={subjects.isLoading} error={subjects.error}>
        {items.length === 0 && cursors.length === 0 ? <Empty description={q ? t('random.publicPage.emptySearch', { q }) : t('random.plans.registryEmpty')} /> : (
          <>
            <Table rowKey="creditCode" size="small" pagination={false} dataSource={items} scroll={{ x: true }} columns={[
              { title: t('random.draw.subject'), dataIndex: 'name' },
              { title: t('random.draw.creditCode'), dataIndex: 'creditCode', render: (c: string) => <span className="mono">{c}</span> },
              { title: t('random.plans.gridCode'), dataIndex: 'gridCode', width: 110 },
              { title: t('random.plans.creditGrade'), dataIndex: 'creditGrade', width: 100 },
            ]} />
            <Space style={{ marginTop: 12 }}>
              <Button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>{t('common.prev')}</Button>
              <Button disabled={!subjects.data?.nextCursor} onClick={() => setCursors([...cursors, subjects.data!.nextCursor!])}>{t('common.next')}</Button>
            </Space>
          </>
        )}
      </QueryState>
    </Card>
  );
}

export default function RandomPlansPage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('random.plans.title')}</h1>
          <div className="subtitle">{t('random.plans.subtitle')}</div>
        </div>
        <Space wrap>
          <Link to="/public/inspection-results" target="_blank">{t('random.plans.publicLink')}</Link>
          {hasRole(user, 'platform_operator', 'agency_head') && <Link to="/random/plans/new"><Button type="primary" icon={<PlusOutlined />}>{t('random.newPlan')}</Button></Link>}
        </Space>
      </div>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {hasRole(user, 'district_leader', 'auditor', 'admin', 'agency_head', 'platform_operator') && <Kpis />}
        <Plans />
        <Registry />
      </Space>
    </div>
  );
}
