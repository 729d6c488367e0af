// One instance for auditors: its case, the diagram overlaid with where it went and how often, the
// hash-chained audit trail with its verification badge, and export of that trail.
import { Button, Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAudit, useChainVerification, useInstance } from '../api/instances';
import { useOrgName } from '../api/org';
import { formatTime } from '../format/time';
import { useLabels, STATUS_COLORS } from '../i18n/labels';
import { QueryState } from '../app/QueryState';
import { CaseSummary } from './CaseSummary';
import { AuditTable } from './AuditTable';
import { ChainBadge } from './ChainBadge';
import { ConformanceBadge } from './ConformanceBadge';
import { InstanceDiagram } from './InstanceDiagram';
import { LicensingNotices } from './LicensingNotices';
import { RectificationNotice } from './RectificationNotice';
import { auditCsv, auditJson, download } from './audit-export';
import { CaseFile } from './CaseFileCard';
import { ClaimCodeCard } from './ClaimCodeCard';

export default function InstancePage() {
  const { instanceId = '' } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const orgName = useOrgName();
  const instance = useInstance(instanceId);
  const audit = useAudit(instanceId);
  const verify = useChainVerification(instanceId);
  const events = audit.data ?? [];

  return (
    <QueryState loading={instance.isLoading} error={instance.error} retry={() => void instance.refetch()}>
      {instance.data && (
        <div>
          <div className="page-header">
            <div>
              <Space size={8} wrap>
                <h1>{instance.data.title}</h1>
                <Tag color={STATUS_COLORS[instance.data.status]}>{labels.status(instance.data.status)}</Tag>
                <ChainBadge verification={verify.data} loading={verify.isLoading} />
                <ConformanceBadge instanceId={instanceId} />
              </Space>
              <div className="subtitle">{instance.data.instanceId} · {t('instance.version')} v{instance.data.processVersion} · {t('instances.startedAt')} {formatTime(instance.data.startedAt)}{instance.data.closedAt ? ` · ${t('instances.closedAt')} ${formatTime(instance.data.closedAt)}` : ''}</div>
            </div>
            <Space>
              {instance.data.processKey === 'random-inspection' && <Link to={`/random/draws/${instanceId}`}><Button>{t('random.draw.title')}</Button></Link>}
              <Button icon={<DownloadOutlined />} disabled={!audit.data} onClick={() => download(`${instanceId}-audit.csv`, auditCsv(events), 'text/csv;charset=utf-8')}>{t('instance.exportCsv')}</Button>
              <Button icon={<DownloadOutlined />} disabled={!audit.data} onClick={() => download(`${instanceId}-audit.json`, auditJson(instanceId, events, verify.data), 'application/json')}>{t('instance.exportJson')}</Button>
            </Space>
          </div>
          <LicensingNotices instance={instance.data} events={events} />
          <RectificationNotice instance={instance.data} />
          <Row gutter={16}>
            <Col span={16}>
              <Card title={t('instance.diagram')} size="small">
                {audit.data && <InstanceDiagram instance={instance.data} events={events} tall />}
              </Card>
            </Col>
            <Col span={8}>
              <div className="card-stack">
                <Card title={t('instance.overview')} size="small"><CaseSummary instance={instance.data} columns={1} /></Card>
                {instance.data.facts && <Card title={t('caseFile.title')} size="small" data-testid="case-file"><CaseFile facts={instance.data.facts} /></Card>}
                <ClaimCodeCard instance={instance.data} />
                {instance.data.currentSteps.length > 0 && (
                  <Card title={t('instance.currentSteps')} size="small">
                    <Descriptions size="small" column={1}>
                      {instance.data.currentSteps.map((s) => (
                        <Descriptions.Item key={s.taskId} label={labels.step(s.stepId, s.name)}>
                          <Space size={4} wrap>
                            <span>{orgName(s.orgUnitId)}</span>
                            <span className={s.overdue ? 'due-overdue' : undefined}>{formatTime(s.dueAt)}</span>
                            {s.overdue && <Tag color="error">{t('inbox.overdue')}</Tag>}
                            <Link to={`/tasks/${s.taskId}`}>{t('common.detail')}</Link>
                          </Space>
                        </Descriptions.Item>
                      ))}
                    </Descriptions>
                  </Card>
                )}
              </div>
            </Col>
          </Row>
          <Card title={t('instance.audit')} size="small" style={{ marginTop: 16 }}>
            <QueryState loading={audit.isLoading} error={audit.error}><AuditTable events={events} /></QueryState>
          </Card>
        </div>
      )}
    </QueryState>
  );
}
