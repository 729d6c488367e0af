// The audit trail (全网留痕) as a table: who, in which role and unit, when, which step, what, the data, and
// whether the step's time limit was met.
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../api/types';
import { useOrgName } from '../api/org';
import { formatTime } from '../format/time';
import { useLabels } from '../i18n/labels';
import { ACTION_COLORS, DataCell, LimitCell } from './AuditCells';

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const orgName = useOrgName();
  const columns: ColumnsType<AuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 56 },
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatTime(v, true) },
    {
      title: t('audit.actor'), key: 'actor', width: 170,
      render: (_, e) => (e.actor
        ? <div><div>{e.actor.name}</div><div className="muted">{labels.role(e.actor.role)} · {orgName(e.actor.orgUnitId)}</div></div>
        : <Tag>{t('audit.system')}</Tag>),
    },
    { title: t('audit.step'), dataIndex: 'stepId', width: 120, render: (v: string | null) => (v ? labels.step(v) : '—') },
    { title: t('audit.action'), dataIndex: 'action', width: 110, render: (v: string) => <Tag color={ACTION_COLORS[v] ?? 'processing'}>{labels.action(v)}</Tag> },
    { title: t('audit.data'), dataIndex: 'data', render: (v: Record<string, unknown>) => <DataCell data={v} /> },
    { title: t('audit.limit'), key: 'limit', width: 150, render: (_, e) => <LimitCell event={e} /> },
  ];
  columns.push({
      title: t('audit.hash'), dataIndex: 'hash', width: 110,
      render: (v: string, e) => (
        <Tooltip title={<Space direction="vertical" size={0}><span>prev {e.prevHash}</span><span>hash {v}</span></Space>}>
          <Typography.Text className="hash">{v.slice(0, 10)}…</Typography.Text>
        </Tooltip>
      ),
  });
  return (
    <Table<AuditEvent> rowKey="seq" size="small" columns={columns} dataSource={events} pagination={false}
      data-testid="audit-table" />
  );
}
