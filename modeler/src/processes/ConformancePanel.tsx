// Where code and diagram disagree: step ids missing on either side (static), and how well recorded
// instances replay over the diagram's sequence flows (fitness, deviations).
import { Card, Col, Empty, List, Progress, Row, Statistic, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useConformance } from '../api/processes';
import { QueryState } from '../app/QueryState';
import { useLabels } from '../i18n/labels';

export function ConformancePanel({ processKey }: { processKey: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const conformance = useConformance(processKey);
  const data = conformance.data;
  const idList = (ids: string[]) => (ids.length === 0
    ? <Tag color="success">{t('designer.allPresent')}</Tag>
    : <List size="small" dataSource={ids} renderItem={(id) => <List.Item><Tag color="error">{id}</Tag>{labels.step(id, '')}</List.Item>} />);
  return (
    <QueryState loading={conformance.isLoading} error={conformance.error} endpoint={`GET /api/processes/${processKey}/conformance`} retry={() => void conformance.refetch()}>
      {data && (
        <div className="card-stack" data-testid="conformance">
          <Row gutter={16}>
            <Col span={8}>
              <Card size="small">
                <div className="muted">{t('designer.fitness')}</div>
                {data.fitness === null ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : <Progress type="dashboard" percent={Math.round(data.fitness * 1000) / 10} status={data.fitness < 1 ? 'exception' : 'success'} />}
              </Card>
            </Col>
            <Col span={8}><Card size="small"><Statistic title={t('designer.instancesChecked')} value={data.instancesChecked} /></Card></Col>
            <Col span={8}><Card size="small"><Statistic title={t('designer.deviations')} value={data.deviations.length} valueStyle={{ color: data.deviations.length ? '#cf1322' : '#389e0d' }} /></Card></Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}><Card size="small" title={t('designer.missingInDiagram')}>{idList(data.static.missingInDiagram)}</Card></Col>
            <Col span={12}><Card size="small" title={t('designer.missingInCode')}>{idList(data.static.missingInCode)}</Card></Col>
          </Row>
          <Card size="small" title={t('designer.deviations')}>
            <Table size="small" rowKey={(d) => `${d.instanceId}-${d.from}-${d.to}`} dataSource={data.deviations} pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: t('designer.noDeviations') }}
              columns={[
                { title: t('instances.id'), dataIndex: 'instanceId', render: (id: string) => <Link to={`/instances/${id}`}>{id}</Link> },
                { title: t('designer.from'), dataIndex: 'from', render: (id: string) => `${labels.step(id, id)}（${id}）` },
                { title: t('designer.to'), dataIndex: 'to', render: (id: string) => `${labels.step(id, id)}（${id}）` },
              ]} />
          </Card>
        </div>
      )}
    </QueryState>
  );
}
