// The processes designers own: name, key, current version and description, each opening the modeler.
import { Button, Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useProcesses } from '../api/org';
import type { ProcessSummary } from '../api/types';
import { QueryState } from '../app/QueryState';

export default function ProcessesPage() {
  const { t } = useTranslation();
  const processes = useProcesses();
  return (
    <div>
      <div className="page-header"><div><h1>{t('processes.title')}</h1></div></div>
      <Card>
        <QueryState loading={processes.isLoading} error={processes.error} retry={() => void processes.refetch()}>
          <Table<ProcessSummary> rowKey="key" dataSource={processes.data ?? []} pagination={false} data-testid="processes-table"
            columns={[
              { title: t('processes.name'), dataIndex: 'name', width: 160, render: (name: string, p) => <Link to={`/processes/${p.key}`}>{name}</Link> },
              { title: t('processes.key'), dataIndex: 'key', width: 200, render: (k: string) => <code>{k}</code> },
              { title: t('processes.version'), dataIndex: 'version', width: 100, render: (v: number) => <Tag color="blue">v{v}</Tag> },
              { title: t('processes.description'), dataIndex: 'description' },
              { title: '', key: 'op', width: 130, align: 'right', render: (_, p) => <Link to={`/processes/${p.key}`}><Button type="primary" size="small">{t('processes.open')}</Button></Link> },
            ]} />
        </QueryState>
      </Card>
    </div>
  );
}
