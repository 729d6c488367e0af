// The applicant's home (/portal): their applications with status and the next step, the exact notice and
// commitment to read before signing (with the sha256 that the signature records), the licence once issued, and
// the claim code of a counter filing to redeem. Signing and withdrawing go through the task's own Update.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { usePortalApplications, useRedeemClaim } from '../api/start';
import { useAct } from '../api/tasks';
import type { PortalApplication, PortalNotice } from '../api/types';
import { QueryState } from '../app/QueryState';
import { formatTime } from '../format/time';
import { useLabels, STATUS_COLORS } from '../i18n/labels';

function ClaimForm() {
  const { t } = useTranslation();
  const redeem = useRedeemClaim();
  const [form] = Form.useForm<{ code: string }>();
  const [done, setDone] = useState<string | null>(null);
  return (
    <Card title={t('portal.claimTitle')} size="small">
      <Typography.Paragraph type="secondary">{t('portal.claimHint')}</Typography.Paragraph>
      {done && <Alert type="success" showIcon message={t('portal.claimed', { id: done })} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="inline" name="claim" onFinish={async ({ code }) => {
        setDone(null);
        try {
          setDone((await redeem.mutateAsync(code.trim())).instanceId);
          form.resetFields();
        } catch (e) {
          form.setFields([{ name: 'code', errors: [e instanceof ApiError && e.status === 404 ? t('portal.claimUnknown') : (e as Error).message] }]);
        }
      }}>
        <Form.Item name="code" label={t('portal.claimCode')} rules={[{ required: true, whitespace: true, message: `${t('portal.claimCode')} ${t('form.required')}` }]}>
          <Input placeholder="XXXX-XXXX-XXXX" maxLength={32} style={{ width: 220, fontFamily: 'monospace' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={redeem.isPending}>{t('portal.claim')}</Button>
      </Form>
    </Card>
  );
}

/** The notice as the workflow opened the step with it, and the two choices: sign it, or withdraw to the normal route. */
function SignNotice({ taskId, notice }: { taskId: string; notice: PortalNotice }) {
  const { t } = useTranslation();
  const act = useAct(taskId);
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (action: 'sign' | 'withdraw') => {
    setProblem(null);
    try {
      await act.mutateAsync({ action, data: action === 'sign' ? { noticeVersion: notice.version } : {} });
      await queryClient.invalidateQueries({ queryKey: ['portal'] });
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  return (
    <div className="portal-notice" data-testid="notice">
      <Typography.Paragraph type="secondary">{t('portal.noticeHint')}</Typography.Paragraph>
      <pre className="notice-text">{notice.text}</pre>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('portal.noticeVersion', { version: notice.version })} · SHA-256 <Typography.Text code copyable data-testid="notice-sha256">{notice.sha256}</Typography.Text>
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Space>
        <Popconfirm title={t('portal.signConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => run('sign')}>
          <Button type="primary" loading={act.isPending} data-action="sign">{t('portal.sign')}</Button>
        </Popconfirm>
        <Popconfirm title={t('portal.withdrawConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => run('withdraw')}>
          <Button loading={act.isPending} data-action="withdraw">{t('portal.withdraw')}</Button>
        </Popconfirm>
      </Space>
    </div>
  );
}

function ApplicationCard({ app }: { app: PortalApplication }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Card size="small" data-testid={`application-${app.instanceId}`}
      title={<Space><span>{app.title}</span><Tag color={STATUS_COLORS[app.status]}>{labels.status(app.status)}</Tag></Space>}
      extra={<Link to={`/instances/${app.instanceId}`}>{t('portal.detail')}</Link>}>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('instances.id')}>{app.instanceId}</Descriptions.Item>
        <Descriptions.Item label={t('instances.startedAt')}>{formatTime(app.startedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('start.fields.applicant_name')}>{app.applicant.name}</Descriptions.Item>
        <Descriptions.Item label={t('field.route')}>{app.route ? labels.enumValue(app.route) : '—'}</Descriptions.Item>
      </Descriptions>
      {app.steps.length === 0 && !app.licence && app.status === 'running' && <Typography.Text type="secondary">{t('portal.processing')}</Typography.Text>}
      {app.steps.map((step) => (
        <div key={step.taskId} className="portal-step">
          <Space wrap>
            <Typography.Text strong>{t('portal.nextStep')}：{labels.step(step.stepId, step.name)}</Typography.Text>
            <Tag color={step.yours ? 'blue' : 'default'}>{step.yours ? t('portal.yourTurn') : t('portal.theirTurn')}</Tag>
            <Typography.Text type={step.overdue ? 'danger' : 'secondary'}>{t('portal.due', { due: formatTime(step.dueAt) })}{step.overdue ? ` · ${t('inbox.overdue')}` : ''}</Typography.Text>
            {step.yours && !step.notice && <Link to={`/tasks/${step.taskId}`}><Button size="small" type="primary">{t('portal.handle')}</Button></Link>}
          </Space>
          {step.yours && step.notice && <SignNotice taskId={step.taskId} notice={step.notice} />}
        </div>
      ))}
      {app.licence && (
        <Alert type={app.licence.status === 'issued' ? 'success' : 'error'} showIcon style={{ marginTop: 12 }} data-testid="licence"
          message={app.licence.status === 'issued' ? t('portal.licenceIssued', { no: app.licence.licenceNo }) : t('portal.licenceRevoked', { no: app.licence.licenceNo })}
          description={(
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('portal.licenceNo')}>{app.licence.licenceNo}</Descriptions.Item>
              <Descriptions.Item label={t('portal.holder')}>{app.licence.holderName}（{app.licence.creditCode}）</Descriptions.Item>
              <Descriptions.Item label={t('portal.issuedAt')}>{formatTime(app.licence.issuedAt)}</Descriptions.Item>
              {app.licence.revokedAt && <Descriptions.Item label={t('portal.revokedAt')}>{formatTime(app.licence.revokedAt)}：{app.licence.revocationReason}</Descriptions.Item>}
            </Descriptions>
          )} />
      )}
    </Card>
  );
}

export default function PortalPage() {
  const { t } = useTranslation();
  const applications = usePortalApplications();
  const items = applications.data?.items ?? [];
  return (
    <div>
      <div className="page-header">
        <div><h1>{t('portal.title')}</h1><div className="subtitle">{t('portal.subtitle')}</div></div>
        <Link to="/start/commitment-licensing"><Button type="primary">{t('portal.apply')}</Button></Link>
      </div>
      <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
        <QueryState loading={applications.isLoading} error={applications.error} retry={() => void applications.refetch()}>
          {items.length === 0
            ? <Card><Empty description={<><div>{t('portal.empty')}</div><div className="muted">{t('portal.emptyHint')}</div></>} /></Card>
            : items.map((app) => <ApplicationCard key={app.instanceId} app={app} />)}
        </QueryState>
        <ClaimForm />
      </Space>
    </div>
  );
}
