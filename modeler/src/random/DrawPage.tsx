// A plan's draw (/random/draws/:instanceId): the seed, algorithm version and registry hash it was drawn with, the
// command anyone can re-run it with, the subjects drawn with their inspectors and tasks, and every recusal.
import { Alert, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useDraw, type DrawRecord } from '../api/random';
import { QueryState } from '../app/QueryState';
import { formatTime } from '../format/time';
import './i18n';
import './random.css';

type SubjectRow = DrawRecord['subjects'][number] & { inspectors: string[]; task?: DrawRecord['tasks'][number] };
type RecusalRow = DrawRecord['recusals'][number];
const TASK_COLORS: Record<string, string> = { open: 'processing', completed: 'success', cancelled: 'default', timedOut: 'error' };

function DrawView({ draw, instanceId }: { draw: DrawRecord; instanceId: string }) {
  const { t } = useTranslation();
  const name = (id: string | null) => (id ? draw.inspectorNames[id] ?? id : t('random.draw.noReplacement'));
  const sample = 'count' in draw.plan.sample ? t('random.draw.sampleCount', { count: draw.plan.sample.count }) : t('random.draw.samplePercent', { percent: draw.plan.sample.percent });
  const rows: SubjectRow[] = draw.subjects.map((s) => ({ ...s, inspectors: draw.inspectors[s.creditCode] ?? [], task: draw.tasks.find((x) => x.creditCode === s.creditCode) }));
  const columns: ColumnsType<SubjectRow> = [
    { title: t('random.draw.subject'), dataIndex: 'name' },
    { title: t('random.draw.creditCode'), dataIndex: 'creditCode', render: (code: string) => <span className="mono">{code}</span> },
    { title: t('random.draw.inspectors'), dataIndex: 'inspectors', render: (ids: string[]) => <Space wrap size={4}>{ids.map((id) => <Tag key={id}>{name(id)}</Tag>)}</Space> },
    {
      title: t('random.draw.task'), dataIndex: 'task',
      render: (task: SubjectRow['task']) => (task ? <Link to={`/tasks/${task.taskId}`}><Tag color={TASK_COLORS[task.status]}>{t(`random.draw.${task.status}`)}</Tag></Link> : '—'),
    },
  ];
  const recusalColumns: ColumnsType<RecusalRow> = [
    { title: t('random.draw.subject'), dataIndex: 'creditCode', render: (code: string) => draw.subjects.find((s) => s.creditCode === code)?.name ?? code },
    { title: t('random.draw.recused'), dataIndex: 'userId', render: (id: string) => name(id) },
    { title: t('random.draw.reason'), dataIndex: 'reason', render: (reason: string, r) => <>{reason === 'sameGrid' ? t('random.draw.sameGrid') : reason} <span className="muted">（{r.declared ? t('random.draw.declared') : t('random.draw.atDraw')}）</span></> },
    { title: t('random.draw.replacement'), dataIndex: 'replacement', render: (id: string | null) => name(id) },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" className="draw-facts">
          <Descriptions.Item label={t('random.draw.seed')}><Typography.Text className="mono" copyable data-testid="draw-seed">{draw.seed}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('random.draw.algorithm')}><span className="mono" data-testid="draw-algorithm">{draw.algorithm}</span></Descriptions.Item>
          <Descriptions.Item label={t('random.draw.registryHash')}><Typography.Text className="mono" copyable>{draw.registryHash}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('random.draw.drawnAt')}>{formatTime(draw.drawnAt)}</Descriptions.Item>
          <Descriptions.Item label={t('random.draw.registrySize')}>{t('random.draw.registrySizeText', draw.registrySize)}</Descriptions.Item>
          <Descriptions.Item label={t('random.draw.sample')}>
            {sample} · {t('random.draw.perSubject', { count: draw.plan.inspectorsPerSubject })} · {draw.plan.weighting === 'credit' ? t('random.draw.weighted') : t('random.draw.unweighted')}
          </Descriptions.Item>
        </Descriptions>
        <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('random.draw.verify')}
          description={<><Typography.Text code copyable data-testid="verify-command">{draw.verifyCommand}</Typography.Text><div className="muted">{t('random.draw.verifyHint')}</div></>} />
      </Card>
      <Card title={t('random.draw.subjects')}>
        <Table rowKey="creditCode" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: true }} />
      </Card>
      <Card title={t('random.draw.recusals')}>
        {draw.recusals.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('random.draw.noRecusals')} />
          : <Table rowKey={(r) => `${r.creditCode}-${r.userId}`} size="small" columns={recusalColumns} dataSource={draw.recusals} pagination={false} scroll={{ x: true }} />}
      </Card>
      <Link to={`/instances/${instanceId}`}>{t('random.plans.instance')} →</Link>
    </Space>
  );
}

export default function DrawPage() {
  const { t } = useTranslation();
  const { instanceId } = useParams();
  const draw = useDraw(instanceId);
  const notYet = draw.error instanceof ApiError && draw.error.status === 404;
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('random.draw.title')}</h1>
          <div className="subtitle mono">{instanceId}</div>
        </div>
      </div>
      {notYet ? (
        <Card><Empty description={<><div>{t('random.draw.notYet')}</div><div className="muted">{t('random.draw.notYetHint')}</div></>}>
          <Link to={`/instances/${instanceId}`}>{t('random.plans.instance')}</Link>
        </Empty></Card>
      ) : (
        <QueryState loading={draw.isLoading} error={draw.error} retry={() => void draw.refetch()}>
          {draw.data && instanceId && <DrawView draw={draw.data} instanceId={instanceId} />}
        </QueryState>
      )}
    </div>
  );
}
