// The 12345 centre's workspace (接诉即办工作台): take a call with the dispatch catalog's suggestion, then work the
// three queues — calls to dispatch or answer, dispatch objections to rule on, return visits to pay. Urgent orders
// come first, then by due time; overdue rows are red.
import { Badge, Card, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useHotlineQueues } from '../api/hotline';
import { useServerNow } from '../api/clock';
import type { HotlineQueueItem } from '../api/types';
import { QueryState } from '../app/QueryState';
import { DueCell } from '../tasks/DueCell';
import { IntakeForm } from './IntakeForm';
import { QueueAction } from './QueueAction';

type Tab = 'intake' | 'objections' | 'returnVisits';
const TABS: Tab[] = ['intake', 'objections', 'returnVisits'];

export default function HotlinePage() {
  const { t } = useTranslation();
  const now = useServerNow();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.includes(params.get('tab') as Tab) ? params.get('tab') : 'intake') as Tab;
  const queues = useHotlineQueues();

  const order: ColumnsType<HotlineQueueItem>[number] = {
    title: t('hotline.order'), key: 'order', ellipsis: true,
    render: (_, item) => (
      <div>
        <Space size={4}>
          {item.urgent && <Tag color="red">{t('hotline.urgent')}</Tag>}
          <Tag>{t(`hotline.kinds.${item.kind}`, { defaultValue: item.kind })}</Tag>
          <Link to={`/instances/${item.instanceId}`}>{item.instanceId}</Link>
        </Space>
        <div>{item.content}</div>
        {item.location && <div className="muted">{item.location}</div>}
      </div>
    ),
  };
  const caller: ColumnsType<HotlineQueueItem>[number] = {
    title: t('hotline.caller'), key: 'caller', width: 150,
    render: (_, item) => <div><div>{item.caller.name}</div><div className="muted">{item.caller.phone}</div></div>,
  };
  const due: ColumnsType<HotlineQueueItem>[number] = {
    title: t('hotline.due'), dataIndex: 'dueAt', width: 170, render: (_, item) => <DueCell dueAt={item.dueAt} now={now} overdue={item.overdue} />,
  };
  const rowClassName = (item: HotlineQueueItem) => (item.overdue ? 'row-overdue' : '');

  const intakeColumns: ColumnsType<HotlineQueueItem> = [
    order, caller,
    { title: t('hotline.suggested'), dataIndex: 'suggestedUnitName', width: 150, render: (v: string | null) => v ?? '—' },
    due,
    {
      title: '', key: 'actions', width: 190, render: (_, item) => (
        <Space>
          <QueueAction item={item} action="dispatch" label={t('hotline.dispatch')} primary />
          {item.kind === 'consultation' && <QueueAction item={item} action="answer" label={t('hotline.answer')} />}
        </Space>
      ),
    },
  ];
  const objectionColumns: ColumnsType<HotlineQueueItem> = [
    order,
    { title: t('hotline.unit'), dataIndex: 'unitName', width: 150 },
    { title: t('hotline.objection'), dataIndex: 'objection', width: 220 },
    due,
    {
      title: '', key: 'actions', width: 220, render: (_, item) => (
        <Space>
          <QueueAction item={item} action="uphold" label={t('hotline.uphold')} primary />
          <QueueAction item={item} action="refuse" label={t('hotline.refuse')} />
        </Space>
      ),
    },
  ];
  const visitColumns: ColumnsType<HotlineQueueItem> = [
    order, caller,
    { title: t('hotline.unit'), dataIndex: 'unitName', width: 140 },
    {
      title: t('hotline.result'), key: 'result', width: 220, render: (_, item) => (
        <div>
          {item.reported === false ? <Typography.Text type="danger">{t('hotline.notReported')}</Typography.Text> : <div>{item.result ?? '—'}</div>}
          {item.linkedCaseId && <div className="muted">{t('hotline.linkedCase')}：<Link to={`/instances/${item.linkedCaseId}`}>{item.linkedCaseId}</Link></div>}
          {item.reopened && <Tag color="orange">{t('hotline.reopened')}</Tag>}
        </div>
      ),
    },
    due,
    {
      title: '', key: 'actions', width: 220, render: (_, item) => (
        <Space>
          <QueueAction item={item} action="record" label={t('hotline.record')} primary />
          {!item.reopened && <QueueAction item={item} action="reopen" label={t('hotline.reopen')} danger />}
        </Space>
      ),
    },
  ];

  const table = (items: HotlineQueueItem[] | undefined, columns: ColumnsType<HotlineQueueItem>, empty: string, testId: string) => (
    <Table<HotlineQueueItem> rowKey="taskId" size="small" data-testid={testId} columns={columns} dataSource={items ?? []} rowClassName={rowClassName}
      pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 900 }} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }} />
  );
  const count = (items: HotlineQueueItem[] | undefined) => {
    const overdue = (items ?? []).some((i) => i.overdue);
    return <Badge count={items?.length ?? 0} showZero={false} color={overdue ? '#cf1322' : '#1677ff'} style={{ marginLeft: 6 }} />;
  };
  const data = queues.data;

  return (
    <div>
      <div className="page-header"><div><h1>{t('hotline.title')}</h1><div className="subtitle">{t('hotline.subtitle')}</div></div></div>
      <Tabs activeKey={tab} onChange={(k) => setParams(k === 'intake' ? {} : { tab: k }, { replace: true })} items={[
        {
          key: 'intake', label: <span>{t('hotline.intakeTab')}{count(data?.intake)}</span>,
          children: (
            <div className="card-stack">
              <IntakeForm onStarted={() => void queues.refetch()} />
              <Card size="small" title={t('hotline.intakeQueue')}>
                <QueryState loading={queues.isLoading} error={queues.error} endpoint="GET /api/hotline/queues" retry={() => void queues.refetch()}>
                  {table(data?.intake, intakeColumns, t('hotline.emptyIntake'), 'queue-intake')}
                </QueryState>
              </Card>
            </div>
          ),
        },
        {
          key: 'objections', label: <span>{t('hotline.objectionsTab')}{count(data?.objections)}</span>,
          children: (
            <Card size="small" title={t('hotline.objectionQueue')}>
              <QueryState loading={queues.isLoading} error={queues.error} endpoint="GET /api/hotline/queues" retry={() => void queues.refetch()}>
                {table(data?.objections, objectionColumns, t('hotline.emptyObjections'), 'queue-objections')}
              </QueryState>
            </Card>
          ),
        },
        {
          key: 'returnVisits', label: <span>{t('hotline.visitsTab')}{count(data?.returnVisits)}</span>,
          children: (
            <Card size="small" title={t('hotline.visitQueue')}>
              <QueryState loading={queues.isLoading} error={queues.error} endpoint="GET /api/hotline/queues" retry={() => void queues.refetch()}>
                {table(data?.returnVisits, visitColumns, t('hotline.emptyVisits'), 'queue-visits')}
              </QueryState>
            </Card>
          ),
        },
      ]} />
    </div>
  );
}
