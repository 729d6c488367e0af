// The leaders' dashboard (领导驾驶舱): the assessment rates of a period as cards, per street and per
// department as bars and a table, and their trend over the period as lines; below them the 12345 三率.
import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useKpis } from '../api/metrics';
import { useProcesses } from '../api/org';
import { useServerNow } from '../api/clock';
import type { Kpis, Rates } from '../api/types';
import { ZONE } from '../format/time';
import { QueryState } from '../app/QueryState';
import { EChart, type ChartOption } from './EChart';
import { useUser } from '../auth/AuthProvider';
import { readsHotlineRates, readsKpis } from '../auth/roles';
import { HotlineRatesPanel } from '../hotline/HotlineRatesPanel';

const RATES = ['closureRate', 'onTimeRate', 'selfResolutionRate', 'satisfactionRate', 'reworkRate', 'overdueRate'] as const;
type Rate = (typeof RATES)[number];
/** Rates where a higher value is worse, shown in warning colours. */
const LOWER_IS_BETTER = new Set<Rate>(['reworkRate', 'overdueRate']);
const COLORS = ['#1d4f91', '#389e0d', '#13a8a8', '#d48806', '#cf1322', '#722ed1'];

const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`);
const chartValue = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

type UnitRow = Kpis['byUnit'][number];

export default function DashboardPage() {
  const { t } = useTranslation();
  const now = useServerNow();
  const { data: processes } = useProcesses();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs(now).tz(ZONE).subtract(29, 'day').startOf('day'), dayjs(now).tz(ZONE).endOf('day')]);
  const [processKey, setProcessKey] = useState<string | undefined>();
  const [kind, setKind] = useState<'street' | 'department'>('street');
  const user = useUser();
  const kpiReader = readsKpis(user);
  const kpis = useKpis({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), processKey }, kpiReader);
  const data = kpis.data;
  const rateLabel = (rate: Rate) => t(`dashboard.${rate}`);

  const units = useMemo(() => (data?.byUnit ?? []).filter((u) => u.kind === kind), [data, kind]);

  const barOption = useMemo<ChartOption>(() => ({
    color: COLORS,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: units.map((u) => u.name) },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: RATES.map((rate) => ({ name: rateLabel(rate), type: 'bar', data: units.map((u) => chartValue(u[rate])) })),
  }), [units, t]);

  const trendOption = useMemo<ChartOption>(() => ({
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: (data?.trend ?? []).map((p) => p.period) },
    yAxis: [{ type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }, { type: 'value', name: t('dashboard.cases'), minInterval: 1 }],
    series: [
      ...RATES.map((rate) => ({ name: rateLabel(rate), type: 'line', smooth: true, connectNulls: true, data: (data?.trend ?? []).map((p) => chartValue(p[rate])) })),
      { name: t('dashboard.cases'), type: 'bar', yAxisIndex: 1, itemStyle: { color: '#d9d9d9' }, data: (data?.trend ?? []).map((p) => p.cases) },
    ],
  }), [data, t]);

  const columns: ColumnsType<UnitRow> = [
    { title: t('dashboard.unit'), dataIndex: 'name', fixed: 'left', width: 160 },
    { title: t('dashboard.cases'), dataIndex: 'cases', width: 90, sorter: (a, b) => a.cases - b.cases },
    ...RATES.map((rate) => ({
      title: rateLabel(rate), dataIndex: rate, width: 110,
      sorter: (a: UnitRow, b: UnitRow) => (a[rate] ?? -1) - (b[rate] ?? -1),
      render: (v: number | null) => percent(v),
    })),
  ];

  const card = (title: string, value: string, rate?: Rate) => (
    <Card size="small" className="kpi-card">
      <Statistic title={title} value={value}
        valueStyle={{ color: rate && LOWER_IS_BETTER.has(rate) ? '#cf1322' : '#1d4f91', fontWeight: 600 }} />
    </Card>
  );

  return (
    <div>
      <div className="page-header">
        <div><h1>{t('dashboard.title')}</h1><div className="subtitle">{range[0].format('YYYY-MM-DD')} — {range[1].format('YYYY-MM-DD')}</div></div>
        <Space wrap>
          <span>{t('dashboard.range')}</span>
          <DatePicker.RangePicker aria-label={t('dashboard.range')} allowClear={false} value={range}
            onChange={(v) => { if (v?.[0] && v[1]) setRange([v[0].startOf('day'), v[1].endOf('day')]); }} />
          {kpiReader && <Select aria-label={t('instances.process')} allowClear style={{ width: 160 }} placeholder={t('inbox.allProcesses')} value={processKey}
            onChange={setProcessKey} options={(processes ?? []).map((p) => ({ value: p.key, label: p.name }))} />}
        </Space>
      </div>
      {kpiReader && <QueryState loading={kpis.isLoading} error={kpis.error} endpoint="GET /api/metrics/kpis" retry={() => void kpis.refetch()}>
        {data && (
          <div className="card-stack" data-testid="dashboard">
            <Row gutter={[12, 12]}>
              <Col flex="1 1 0">{card(t('dashboard.cases'), String(data.cases))}</Col>
              {RATES.map((rate) => <Col key={rate} flex="1 1 0">{card(rateLabel(rate), percent((data as Rates)[rate]), rate)}</Col>)}
            </Row>
            {data.cases === 0 && <Card><Empty description={t('dashboard.empty')} /></Card>}
            <Card size="small" title={t('dashboard.byUnit')}
              extra={<Tabs size="small" activeKey={kind} onChange={(k) => setKind(k as typeof kind)} items={[{ key: 'street', label: t('dashboard.streets') }, { key: 'department', label: t('dashboard.departments') }]} />}>
              <EChart option={barOption} ariaLabel={t('dashboard.byUnit')} testId="chart-units" />
              <Table<UnitRow> rowKey="orgUnitId" size="small" columns={columns} dataSource={units} pagination={false} scroll={{ x: 900 }} />
            </Card>
            <Card size="small" title={t('dashboard.trend')}>
              <EChart option={trendOption} ariaLabel={t('dashboard.trend')} testId="chart-trend" />
            </Card>
          </div>
        )}
      </QueryState>}
      {readsHotlineRates(user) && (
        <div style={{ marginTop: 12 }}>
          <HotlineRatesPanel from={range[0].format('YYYY-MM-DD')} to={range[1].format('YYYY-MM-DD')} />
        </div>
      )}
    </div>
  );
}
