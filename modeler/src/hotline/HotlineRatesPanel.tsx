// The 三率 of 12345 orders on the leaders' dashboard: the period's response, resolution and satisfaction rates, per
// unit and as a trend, each drilling down to the orders it counted (docs/kpis.md has the definitions).
import { useMemo, useState } from 'react';
import { Button, Card, Col, Drawer, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useHotlineRateOrders, useHotlineRates, type HotlineRate } from '../api/hotline';
import type { HotlineRateOrders, HotlineRates } from '../api/types';
import { formatTime } from '../format/time';
import { QueryState } from '../app/QueryState';
import { EChart, type ChartOption } from '../dashboard/EChart';

const RATES: Array<{ rate: HotlineRate; key: 'responseRate' | 'resolutionRate' | 'satisfactionRate' }> = [
  { rate: 'response', key: 'responseRate' }, { rate: 'resolution', key: 'resolutionRate' }, { rate: 'satisfaction', key: 'satisfactionRate' },
];
const COLORS = ['#1d4f91', '#389e0d', '#d48806'];
const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`);
const chartValue = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

type UnitRow = HotlineRates['byUnit'][number];
type OrderRow = HotlineRateOrders['items'][number];
interface Drill { rate: HotlineRate; unitId?: string; unitName?: string; period?: string }

export function HotlineRatesPanel({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [drill, setDrill] = useState<Drill | null>(null);
  const rates = useHotlineRates({ from, to, unitId });
  const all = useHotlineRates({ from, to });
  const data = rates.data;
  const rateLabel = (rate: HotlineRate) => t(`hotlineRates.${rate}Rate`);
  const orders = useHotlineRateOrders(drill ? { from, to, rate: drill.rate, unitId: drill.unitId ?? unitId, period: drill.period } : null);

  const trendOption = useMemo<ChartOption>(() => ({
    color: COLORS,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: (data?.trend ?? []).map((p) => p.period) },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: RATES.map(({ rate, key }) => ({ name: rateLabel(rate), type: 'line', smooth: true, connectNulls: true, data: (data?.trend ?? []).map((p) => chartValue(p[key])) })),
  }), [data, t]);

  const rateCell = (rate: HotlineRate, key: (typeof RATES)[number]['key']) => (value: number | null, row: UnitRow) => (
    <Button type="link" size="small" disabled={value === null} aria-label={`${row.name} ${rateLabel(rate)}`}
      onClick={() => setDrill({ rate, unitId: row.unitId, unitName: row.name })}>
      {percent(row[key])}
    </Button>
  );
  const columns: ColumnsType<UnitRow> = [
    { title: t('dashboard.unit'), dataIndex: 'name', fixed: 'left', width: 160 },
    { title: t('hotlineRates.orders'), dataIndex: 'orders', width: 80, sorter: (a, b) => a.orders - b.orders },
    { title: t('hotlineRates.contacts'), dataIndex: 'contacts', width: 80 },
    { title: t('hotlineRates.visits'), dataIndex: 'visits', width: 80 },
    ...RATES.map(({ rate, key }) => ({
      title: rateLabel(rate), dataIndex: key, width: 110,
      sorter: (a: UnitRow, b: UnitRow) => (a[key] ?? -1) - (b[key] ?? -1),
      render: rateCell(rate, key),
    })),
  ];

  const orderColumns: ColumnsType<OrderRow> = [
    {
      title: t('hotline.order'), dataIndex: 'title', ellipsis: true,
      render: (_, o) => <div><Link to={`/instances/${o.instanceId}`}>{o.instanceId}</Link><div className="muted">{o.title}</div></div>,
    },
    { title: t('hotline.unit'), dataIndex: 'unitName', width: 140 },
    { title: t('hotlineRates.at'), dataIndex: 'at', width: 150, render: (v: string) => formatTime(v) },
    {
      title: '', key: 'met', width: 200, render: (_, o) => {
        if (drill?.rate === 'response') {
          const label = o.met ? t('hotlineRates.inTime') : o.contactedAt ? t('hotlineRates.late') : t('hotlineRates.missed');
          return <div><Tag color={o.met ? 'green' : 'red'}>{label}</Tag><div className="muted">{formatTime(o.contactedAt ?? o.contactDueAt)}</div></div>;
        }
        return (
          <Space size={4}>
            <Tag color={o.met ? 'green' : 'red'}>{o.met ? t('hotlineRates.met') : t('hotlineRates.notMet')}</Tag>
            <span>{o.resolved ? t('hotline.resolved') : ''} {o.satisfaction ? t(`enum.${o.satisfaction}`) : ''}</span>
          </Space>
        );
      },
    },
  ];

  const units = all.data?.byUnit ?? [];
  const empty = data && RATES.every(({ key }) => data[key] === null) && data.byUnit.length === 0;
  return (
    <Card size="small" title={t('hotlineRates.title')} data-testid="hotline-rates"
      extra={(
        <Select aria-label={t('hotline.unit')} allowClear style={{ width: 200 }} placeholder={t('hotlineRates.allUnits')} value={unitId} onChange={setUnitId}
          options={units.map((u) => ({ value: u.unitId, label: u.name }))} />
      )}>
      <QueryState loading={rates.isLoading} error={rates.error} endpoint="GET /api/metrics/hotline" retry={() => void rates.refetch()}>
        {data && (
          <div className="card-stack">
            <Row gutter={[12, 12]}>
              {RATES.map(({ rate, key }) => (
                <Col key={rate} flex="1 1 0">
                  <Card size="small" className="kpi-card" hoverable onClick={() => setDrill({ rate })}>
                    <Statistic title={rateLabel(rate)} value={percent(data[key])} valueStyle={{ color: '#1d4f91', fontWeight: 600 }} />
                  </Card>
                </Col>
              ))}
            </Row>
            {empty ? <Empty description={t('hotlineRates.empty')} /> : (
              <>
                <Typography.Text type="secondary">{t('hotlineRates.definitions')}</Typography.Text>
                <Table<UnitRow> rowKey="unitId" size="small" columns={columns} dataSource={data.byUnit} pagination={false} scroll={{ x: 700 }} data-testid="hotline-rates-units" />
                <EChart option={trendOption} ariaLabel={t('hotlineRates.trend')} testId="chart-hotline-trend"
                  onPointClick={(p) => { const r = RATES.find(({ rate }) => rateLabel(rate) === p.seriesName); if (r) setDrill({ rate: r.rate, period: p.name }); }} />
              </>
            )}
          </div>
        )}
      </QueryState>
      <Drawer open={drill !== null} onClose={() => setDrill(null)} width={760} destroyOnHidden
        title={drill ? t('hotlineRates.drillTitle', { unit: drill.unitName ?? units.find((u) => u.unitId === unitId)?.name ?? t('hotlineRates.allUnits'), rate: rateLabel(drill.rate), period: drill.period ? ` · ${drill.period}` : '' }) : ''}>
        <QueryState loading={orders.isLoading} error={orders.error} endpoint="GET /api/metrics/hotline/orders" retry={() => void orders.refetch()}>
          <Table<OrderRow> rowKey={(o) => `${o.instanceId}-${o.at}`} size="small" columns={orderColumns} dataSource={orders.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="hotline-rate-orders"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotlineRates.empty')} /> }} />
        </QueryState>
      </Drawer>
    </Card>
  );
}
