// The process designer (like Camunda Modeler): edit the diagram and the step parameters, lint, save as a
// new version; browse versions, compare two, and check conformance between code and diagram.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, List, Space, Tabs, Tag } from 'antd';
import { CheckCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type Modeler from 'bpmn-js/lib/Modeler';
import { ApiError, type ErrorDetail } from '../api/client';
import { useProcess, usePublishDiagram } from '../api/processes';
import { useUser } from '../auth/AuthProvider';
import { hasRole } from '../auth/roles';
import { QueryState } from '../app/QueryState';
import { ProcessModeler } from '../bpmn/ProcessModeler';
import { flattenLint, type LintIssue } from '../bpmn/lint-config';
import { ParameterPanel } from './ParameterPanel';
import { LintReport } from './LintReport';
import { VersionHistory } from './VersionHistory';
import { VersionDiff } from './VersionDiff';
import { ConformancePanel } from './ConformancePanel';

interface Linting { lint(): Promise<Record<string, Array<{ id: string; message: string; category: string }>>>; toggle(active: boolean): void }
interface EventBus { on(event: string, cb: () => void): void; off(event: string, cb: () => void): void }

const TABS = ['design', 'versions', 'diff', 'conformance'] as const;

export default function DesignerPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const canSave = hasRole(user, 'process_designer');
  const process = useProcess(key);
  const publish = usePublishDiagram(key);
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'design';
  const [modeler, setModeler] = useState<Modeler | null>(null);
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<LintIssue[] | null>(null);
  const [rejected, setRejected] = useState<{ message: string; details: ErrorDetail[] } | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [pair, setPair] = useState<{ left?: number; right?: number }>({});

  const setTab = (next: string) => {
    const search = new URLSearchParams(params);
    if (next === 'design') search.delete('tab'); else search.set('tab', next);
    setParams(search, { replace: true });
  };

  const onReady = useCallback((m: Modeler | null) => { setModeler(m); setDirty(false); setIssues(null); }, []);

  useEffect(() => {
    if (!modeler) return undefined;
    const bus = modeler.get<EventBus>('eventBus');
    const onChange = () => setDirty(true);
    bus.on('commandStack.changed', onChange);
    return () => bus.off('commandStack.changed', onChange);
  }, [modeler]);

  const lint = async (): Promise<LintIssue[]> => {
    const linting = modeler!.get<Linting>('linting');
    const found = flattenLint(await linting.lint());
    linting.toggle(found.length > 0);
    setIssues(found);
    return found;
  };

  const save = async () => {
    if (!modeler) return;
    setRejected(null);
    const found = await lint();
    if (found.some((i) => i.category === 'error')) {
      void message.error(t('designer.lintErrors', { count: found.filter((i) => i.category === 'error').length }));
      return;
    }
    const { xml } = await modeler.saveXML({ format: true });
    try {
      const { version } = await publish.mutateAsync(xml!);
      void message.success(t('designer.saved', { version }));
      setDirty(false);
    } catch (e) {
      setRejected(e instanceof ApiError ? { message: e.message, details: e.details } : { message: (e as Error).message, details: [] });
    }
  };

  const select = (id: string) => {
    if (!modeler) return;
    const element = modeler.get<{ get(id: string): unknown }>('elementRegistry').get(id);
    if (element) modeler.get<{ select(e: unknown): void }>('selection').select(element);
  };

  const data = process.data;
  return (
    <QueryState loading={process.isLoading} error={process.error} retry={() => void process.refetch()}>
      {data && (
        <div>
          <div className="page-header">
            <div>
              <Space size={8}>
                <h1>{data.name}</h1>
                <Tag color="blue" data-testid="current-version">v{data.version}</Tag>
                {dirty && <Badge status="warning" text={t('designer.dirty')} />}
              </Space>
              <div className="subtitle"><code>{data.key}</code> · {data.description}</div>
            </div>
            {tab === 'design' && (
              <Space>
                <Button icon={<CheckCircleOutlined />} disabled={!modeler} onClick={() => void lint()}>{t('designer.lint')}</Button>
                {canSave && <Button type="primary" icon={<SaveOutlined />} disabled={!modeler} loading={publish.isPending} onClick={() => void save()}>{t('designer.save')}</Button>}
              </Space>
            )}
          </div>
          <Card size="small">
            <Tabs activeKey={tab} onChange={setTab} items={[
              {
                key: 'design', label: t('processes.design'),
                children: (
                  <div className="card-stack">
                    {!canSave && <Alert type="info" showIcon message={t('designer.readOnly')} />}
                    {importError && <Alert type="error" showIcon message={importError} />}
                    {rejected && (
                      <Alert type="error" showIcon message={`${t('designer.saveRejected')}：${rejected.message}`} data-testid="save-rejected"
                        description={rejected.details.length > 0 && <List size="small" dataSource={rejected.details} renderItem={(d) => <List.Item style={{ padding: '2px 0' }}>{d.message}</List.Item>} />} />
                    )}
                    {issues && <LintReport issues={issues} onSelect={select} />}
                    <div className="modeler-shell">
                      <ProcessModeler xml={data.bpmnXml} onReady={onReady} onImportError={setImportError} />
                      <ParameterPanel modeler={modeler} readOnly={!canSave} />
                    </div>
                  </div>
                ),
              },
              {
                key: 'versions', label: `${t('processes.versions')}（${data.versions.length}）`,
                children: <VersionHistory processKey={key} versions={data.versions} current={data.version} onCompare={(v) => { setPair({ left: v, right: data.version }); setTab('diff'); }} />,
              },
              {
                key: 'diff', label: t('processes.diff'),
                children: <VersionDiff processKey={key} versions={data.versions} left={pair.left} right={pair.right} onPick={(left, right) => setPair({ left, right })} />,
              },
              { key: 'conformance', label: t('processes.conformance'), children: <ConformancePanel processKey={key} /> },
            ]} />
          </Card>
        </div>
      )}
    </QueryState>
  );
}
