// One task: the case, where it stands on the diagram, its history, and a form per action. Claiming and
// deciding happen in place; afterwards the next task is offered without a page reload.
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Result, Row, Space, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useClaim, useTask } from '../api/tasks';
import { useAudit, useInstance } from '../api/instances';
import { useServerNow } from '../api/clock';
import { useOrgName } from '../api/org';
import type { ActionForm } from '../api/types';
import { useUser } from '../auth/AuthProvider';
import { formatTime } from '../format/time';
import { useLabels } from '../i18n/labels';
import { QueryState } from '../app/QueryState';
import { CaseSummary } from '../instances/CaseSummary';
import { AuditTimeline } from '../instances/AuditTimeline';
import { InstanceDiagram } from '../instances/InstanceDiagram';
import { ActionFormView } from './ActionFormView';
import { DueCell, isParked } from './DueCell';
import { TaskFlags } from './TaskFlags';
import { NextTaskPanel } from './NextTaskPanel';
import { CaseClockFacts, PaymentFactsView } from '../instances/PenaltyFacts';

export default function TaskPage() {
  const { taskId = '' } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const user = useUser();
  const { message } = App.useApp();
  const now = useServerNow();
  const orgName = useOrgName();
  const task = useTask(taskId);
  const instance = useInstance(task.data?.instanceId);
  const audit = useAudit(task.data?.instanceId);
  const claim = useClaim();
  const [done, setDone] = useState<{ taskId: string; label: string } | null>(null);
  const [activeAction, setActiveAction] = useState<string | undefined>();

  const onDone = (form: ActionForm, status: string) => {
    const label = labels.formAction(form.action, form.label);
    if (status === 'open') {
      void message.success(t('task.doneKeepsOpen', { action: label }));
      void task.refetch();
      void audit.refetch();
      return;
    }
    setDone({ taskId, label });
  };

  if (done && done.taskId === taskId && task.data) {
    return <Card><NextTaskPanel doneTaskId={taskId} instanceId={task.data.instanceId} caseTitle={task.data.title} actionLabel={done.label} /></Card>;
  }

  const data = task.data;
  const mine = data?.assigneeId === user.id;
  return (
    <QueryState loading={task.isLoading} error={task.error} retry={() => void task.refetch()}>
      {data && (
        <div>
          <div className="page-header">
            <div>
              <Space size={8} wrap>
                <Tag color="blue">{labels.step(data.stepId, data.name)}</Tag>
                <h1>{data.title}</h1>
              </Space>
              <div className="subtitle">
                <Link to={`/instances/${data.instanceId}`}>{data.instanceId}</Link>
                {' · '}{t('task.assignee')}：{data.assigneeId ? (mine ? user.name : data.assigneeName ?? t('task.claimedByOther')) : t('task.unassigned')}
                {data.completedByName && <>{' · '}{t('inbox.completedBy')}：{data.completedByName}</>}
              </div>
            </div>
            <Space>
              {data.status === 'open' && !data.assigneeId && (
                <Button type="primary" loading={claim.isPending}
                  onClick={() => claim.mutate(taskId, { onSuccess: () => { void message.success(t('inbox.claimed')); }, onError: (e) => { void message.error((e as Error).message); } })}>
                  {t('inbox.claim')}
                </Button>
              )}
              <Link to="/tasks"><Button>{t('task.backToInbox')}</Button></Link>
            </Space>
          </div>
          <Row gutter={16}>
            <Col span={15}>
              <div className="card-stack">
                <Card title={t('task.summary')} size="small">
                  <QueryState loading={instance.isLoading} error={instance.error}>
                    {instance.data && <CaseSummary instance={instance.data} />}
                  </QueryState>
                </Card>
                <Card title={t('task.diagram')} size="small">
                  {instance.data && audit.data && <InstanceDiagram instance={instance.data} events={audit.data} />}
                </Card>
                <Card title={t('task.history')} size="small">
                  <QueryState loading={audit.isLoading} error={audit.error}>
                    <div className="history-scroll"><AuditTimeline events={audit.data ?? []} /></div>
                  </QueryState>
                </Card>
              </div>
            </Col>
            <Col span={9}>
              <div className="card-stack">
                <Card size="small" title={labels.step(data.stepId, data.name)}>
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label={t('inbox.due')}><DueCell dueAt={data.dueAt} now={now} overdue={data.overdue} done={data.status !== 'open'} parked={isParked(data)} /></Descriptions.Item>
                    {data.timeLimit && <Descriptions.Item label={t('task.limit')}>{data.timeLimit.amount} {labels.unit(data.timeLimit.unit)}</Descriptions.Item>}
                    <Descriptions.Item label={t('task.createdAt')}>{formatTime(data.createdAt)}</Descriptions.Item>
                    <Descriptions.Item label={t('audit.role')}>{labels.role(data.role)} · {orgName(data.orgUnitId)}</Descriptions.Item>
                    <Descriptions.Item label={t('inbox.tags')}><TaskFlags task={data} now={now} /></Descriptions.Item>
                  </Descriptions>
                </Card>
                {data.context?.payment && <Card size="small" title={t('penalty.payment')}><PaymentFactsView payment={data.context.payment} /></Card>}
                {instance.data?.clock && data.status === 'open' && <Card size="small" title={t('penalty.caseLimit')}><CaseClockFacts clock={instance.data.clock} /></Card>}
                <Card size="small" title={t('task.actions')} data-testid="action-forms">
                  {data.status !== 'open' || data.forms.length === 0
                    ? <Result status="info" title={t('task.closedTask')} />
                    : (
                      <>
                        {!data.assigneeId && <Typography.Paragraph type="secondary">{t('task.claimHint')}</Typography.Paragraph>}
                        <Tabs
                          activeKey={activeAction ?? data.forms[0].action}
                          onChange={setActiveAction}
                          items={data.forms.map((form) => ({
                            key: form.action,
                            label: labels.formAction(form.action, form.label),
                            children: <ActionFormView taskId={taskId} form={form} onDone={onDone} />,
                          }))}
                        />
                      </>
                    )}
                </Card>
              </div>
            </Col>
          </Row>
        </div>
      )}
    </QueryState>
  );
}
