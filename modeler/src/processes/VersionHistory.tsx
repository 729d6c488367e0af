// The published versions of a process, newest first, with who published them and when; each can be viewed
// or compared with the current one.
import { useState } from 'react';
import { Button, Modal, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProcessVersion } from '../api/processes';
import { useUsers } from '../api/org';
import type { ProcessVersionInfo } from '../api/types';
import { DiagramViewer } from '../bpmn/DiagramViewer';
import { formatTime } from '../format/time';

function VersionViewer({ processKey, version }: { processKey: string; version: number }) {
  const { data } = useProcessVersion(processKey, version);
  return data ? <DiagramViewer xml={data.bpmnXml} className="tall" testId="version-viewer" /> : null;
}

interface Props { processKey: string; versions: ProcessVersionInfo[]; current: number; onCompare(version: number): void }

export function VersionHistory({ processKey, versions, current, onCompare }: Props) {
  const { t } = useTranslation();
  const { data: users } = useUsers();
  const [viewing, setViewing] = useState<number | null>(null);
  const who = (id: string) => users?.find((u) => u.id === id)?.name ?? (id === 'system' ? t('audit.system') : id);
  return (
    <>
      <Table<ProcessVersionInfo> rowKey="version" size="middle" pagination={false} dataSource={versions} data-testid="version-history"
        columns={[
          { title: t('processes.version'), dataIndex: 'version', width: 120, render: (v: number) => <Space>v{v}{v === current && <Tag color="blue">{t('processes.version')}</Tag>}</Space> },
          { title: t('processes.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, true) },
          { title: t('processes.createdBy'), dataIndex: 'createdBy', render: who },
          {
            title: '', key: 'op', width: 200, align: 'right',
            render: (_, v) => (
              <Space>
                <Button size="small" onClick={() => setViewing(v.version)}>{t('designer.viewVersion')}</Button>
                {v.version !== current && <Button size="small" onClick={() => onCompare(v.version)}>{t('designer.compareWith')}</Button>}
              </Space>
            ),
          },
        ]} />
      <Modal open={viewing !== null} onCancel={() => setViewing(null)} footer={null} width={1100} title={`v${viewing ?? ''}`} destroyOnClose>
        {viewing !== null && <VersionViewer processKey={processKey} version={viewing} />}
      </Modal>
    </>
  );
}
