// The clerk's inbox (like Camunda Tasklist): my tasks, tasks to claim and done tasks, sorted by due time,
// overdue rows red and rows due within two hours orange, filterable by process and urgency.
import { useMemo, useState } from 'react';
import { App, Badge, Button, Card, Empty, Segmented, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useClaim, useInbox, useTaskCounts, type InboxTab } from '../api/tasks';
import { useProcesses } from '../api/org';
import { useServerNow } from '../api/clock';
import type { Task } from '../api/types';
import { formatTime, urgencyOf, type Urgency } from '../format/time';
import { useLabels } from '../i18n/labels';
import { QueryState } from '../app/QueryState';
import { DueCell, isParked } from './DueCell';
import { TaskFlags } from './TaskFlags';

const TABS: InboxTab[] = ['mine', 'available', 'completed'];

export default function InboxPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.includes(params.get('tab') as InboxTab) ? params.get('tab') : 'mine') as InboxTab;
  const processKey = params.get('process') ?? undefined;
  const [urgency, setUrgency] = useState<'all' | Urgency>('all');
  const now = useServerNow();
  const { data: counts } = useTaskCounts();
  const { data: processes } = useProcesses();
  const inbox = useInbox(tab, processKey);
  const claim = useClaim();

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };

  const rows = useMemo(() => {
    const all = inbox.data?.pages.flatMap((p) => p.items) ?? [];
    return tab === 'completed' || urgency === 'all' ? all : all.filter((task) => !isParked(task) && urgencyOf(task.dueAt, now, task.overdue) === urgency);
  }, [inbox.data, urgency, now, tab]);

  const processName = (key: string) => processes?.find((p) => p.key === key)?.name ?? key;

  const doClaim = (task: Task) => claim.mutate(task.taskId, {
    onSuccess: () => { void message.success(`${t('inbox.claimed')}：${task.title}`); void navigate(`/tasks/${task.taskId}`); },
    onError: (e) => { void message.error((e as Error).message); },
  });

  const columns: ColumnsType<Task> = [
    {
      title: t('inbox.caseTitle'), dataIndex: 'title', ellipsis: true,
      render: (_, task) => (
        <div>
          <Link to={`/tasks/${task.taskId}`} className="task-link">{task.title}</Link>
          <div className="muted">{task.instanceId}</div>
        </div>
      ),
    },
    { title: t('inbox.step'), dataIndex: 'stepId', width: 150, render: (_, task) => labels.step(task.stepId, task.name) },
    { title: t('inbox.process'), dataIndex: 'processKey', width: 120, render: (key: string) => processName(key) },
    { title: tab === 'completed' ? t('inbox.completedBy') : t('task.assignee'), key: 'who', width: 100, render: (_, task) => (tab === 'completed' ? task.completedByName : task.assigneeName) ?? '—' },
    tab === 'completed'
      ? { title: t('inbox.completedAt'), dataIndex: 'completedAt', width: 160, render: (v: string | null) => formatTime(v) }
      : { title: t('inbox.due'), dataIndex: 'dueAt', width: 170, render: (_, task) => <DueCell dueAt={task.dueAt} now={now} overdue={task.overdue} parked={isParked(task)} /> },
    tab === 'completed'
      ? { title: t('inbox.outcome'), dataIndex: 'outcomeAction', width: 120, render: (v: string | null) => (v ? labels.action(v) : '—') }
      : { title: t('inbox.tags'), key: 'flags', width: 150, render: (_, task) => <TaskFlags task={task} now={now} /> },
    {
      title: '', key: 'op', width: 100, align: 'right',
      render: (_, task) => (tab === 'available'
        ? <Button type="primary" size="small" loading={claim.isPending && claim.variables === task.taskId} onClick={() => doClaim(task)}>{t('inbox.claim')}</Button>
        : <Link to={`/tasks/${task.taskId}`}><Button size="small">{tab === 'completed' ? t('common.detail') : t('inbox.open')}</Button></Link>),
    },
  ];

  const empty = tab === 'mine' ? t('inbox.emptyMine') : tab === 'available' ? t('inbox.emptyAvailable') : t('inbox.emptyCompleted');
  const tabLabel = (key: InboxTab) => {
    const count = key === 'mine' ? counts?.mine : key === 'available' ? counts?.available : undefined;
    return <Space size={6}>{t(`inbox.${key}`)}{count ? <Badge count={count} color={key === 'mine' && counts?.overdue ? '#cf1322' : '#1d4f91'} /> : null}</Space>;
  };

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('inbox.title')}</h1>
          {counts && <div className="subtitle">{t('inbox.mine')} {counts.mine} · {t('inbox.overdue')} {counts.overdue} · {t('inbox.available')} {counts.available}</div>}
        </div>
      </div>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key === 'mine' ? undefined : key)}
          items={TABS.map((key) => ({ key, label: tabLabel(key) }))}
          tabBarExtraContent={(
            <Space wrap>
              <Select
                aria-label={t('inbox.process')} style={{ width: 180 }} value={processKey ?? ''}
                onChange={(v) => setParam('process', v || undefined)}
                options={[{ value: '', label: t('inbox.allProcesses') }, ...(processes ?? []).map((p) => ({ value: p.key, label: p.name }))]}
              />
              {tab !== 'completed' && (
                <Segmented
                  value={urgency} onChange={(v) => setUrgency(v as typeof urgency)}
                  options={[
                    { value: 'all', label: t('inbox.statusAll') }, { value: 'overdue', label: t('inbox.overdue') },
                    { value: 'nearDue', label: t('inbox.nearDue') }, { value: 'normal', label: t('inbox.normal') },
                  ]}
                />
              )}
            </Space>
          )}
        />
        <QueryState loading={inbox.isLoading} error={inbox.error} retry={() => void inbox.refetch()}>
          <Table<Task>
            rowKey="taskId" columns={columns} dataSource={rows} pagination={false} size="middle"
            data-testid={`inbox-${tab}`}
            rowClassName={(task) => {
              if (task.status !== 'open') return '';
              if (isParked(task)) return 'row-parked';
              const u = urgencyOf(task.dueAt, now, task.overdue);
              return u === 'overdue' ? 'row-overdue' : u === 'nearDue' ? 'row-neardue' : '';
            }}
            locale={{ emptyText: <Empty description={empty} /> }}
          />
          {inbox.hasNextPage && (
            <div style={{ textAlign: 'center', marginTop: 12 }}>
              <Button onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>{t('common.more')}</Button>
            </div>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {tab === 'available' ? t('task.claimHint') : null}
          </Typography.Paragraph>
        </QueryState>
      </Card>
    </div>
  );
}
