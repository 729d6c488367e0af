// 安全审计日志, for the audit administrator: sign-ins, failures, lockouts and every administrative change with its
// before → after, newest first, with the hash chain's verification and a CSV export (itself logged).
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { query } from '../api/client';
import { readSession } from '../auth/session-storage';
import { useSecurityLog, useSecurityLogVerdict, type SecurityEvent } from '../api/admin';
import { QueryState } from '../app/QueryState';
import { download } from '../instances/audit-export';

export default function SecurityLogPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [event, setEvent] = useState('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const filters = { from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), event: event || undefined };
  const log = useSecurityLog(filters, cursors[cursors.length - 1]);
  const verdict = useSecurityLogVerdict();

  const exportCsv = async () => {
    // The export goes through fetch with the bearer token (a plain link would carry no token).
    const res = await fetch(`/api/admin/security-log/export${query(filters)}`, { headers: { authorization: `Bearer ${readSession()?.token ?? ''}` } });
    download(`security-log-${filters.from ?? 'start'}-${filters.to ?? 'now'}.csv`, await res.text(), 'text/csv');
  };

  return (
    <div className="page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>{t('admin.logTitle')}</Typography.Title>
        {verdict.data && (verdict.data.ok
          ? <Tag icon={<SafetyCertificateOutlined />} color="success">{t('admin.chainOk', { count: verdict.data.events, hash: t(`instance.algorithms.${verdict.data.hashAlgorithm}`) })}</Tag>
          : <Tag color="error">{t('admin.chainBroken', { seq: verdict.data.firstBrokenSeq })}</Tag>)}
      </Space>
      <Alert type="info" showIcon message={t('admin.logHint')} style={{ marginBottom: 12 }} />
      <Space style={{ marginBottom: 12 }} wrap>
        <DatePicker.RangePicker value={range} onChange={(v) => { setRange(v); setCursors([null]); }} />
        <Input.Search allowClear placeholder={t('admin.eventFilter')} onSearch={(v) => { setEvent(v.trim()); setCursors([null]); }} style={{ width: 200 }} />
        <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()}>{t('admin.exportCsv')}</Button>
      </Space>
      <QueryState loading={log.isLoading} error={log.error} retry={() => void log.refetch()}>
        <Card size="small">
          <Table<SecurityEvent> rowKey="seq" size="small" pagination={false} dataSource={log.data?.items ?? []} locale={{ emptyText: t('admin.noEvents') }}
            columns={[
              { title: '#', dataIndex: 'seq', width: 70 },
              { title: t('admin.at'), dataIndex: 'at', width: 190, render: (at: string) => at.replace('T', ' ').slice(0, 19) },
              { title: t('admin.event'), dataIndex: 'event', render: (e: string) => <Tag>{t(`securityEvent.${e}`, { defaultValue: e })}</Tag> },
              { title: t('admin.actor'), dataIndex: 'actor', render: (a: SecurityEvent['actor']) => a?.name ?? t('admin.system') },
              { title: t('admin.target'), dataIndex: 'target', render: (x: SecurityEvent['target']) => (x ? `${x.kind} ${x.id}` : '—') },
              { title: t('admin.change'), dataIndex: 'data', render: (d: Record<string, unknown>) => <Typography.Text code className="wrap">{JSON.stringify(d)}</Typography.Text> },
              { title: t('admin.address'), dataIndex: 'address', width: 120 },
            ]} />
          <Space style={{ marginTop: 12 }}>
            <Button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>{t('common.prev')}</Button>
            <Button disabled={!log.data?.nextCursor} onClick={() => setCursors([...cursors, log.data!.nextCursor])}>{t('common.next')}</Button>
          </Space>
        </Card>
      </QueryState>
    </div>
  );
}
