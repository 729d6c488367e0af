// A visual diff of two versions: side-by-side diagrams (removed red on the left, added green on the right,
// changed orange on both) and the list of attribute changes.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Empty, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProcessVersion } from '../api/processes';
import type { ProcessVersionInfo } from '../api/types';
import { DiagramViewer } from '../bpmn/DiagramViewer';
import { useLabels } from '../i18n/labels';
import { diffDiagrams, type ElementChange } from './diagram-diff';

const KIND_COLORS = { added: 'success', removed: 'error', changed: 'warning' } as const;

interface Props { processKey: string; versions: ProcessVersionInfo[]; left?: number; right?: number; onPick(left: number, right: number): void }

export function VersionDiff({ processKey, versions, left, right, onPick }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const l = left ?? sorted[1]?.version ?? sorted[0]?.version;
  const r = right ?? sorted[0]?.version;
  const before = useProcessVersion(processKey, l);
  const after = useProcessVersion(processKey, r);
  const [changes, setChanges] = useState<ElementChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!before.data || !after.data) return;
    let cancelled = false;
    diffDiagrams(before.data.bpmnXml, after.data.bpmnXml)
      .then((c) => { if (!cancelled) setChanges(c); })
      .catch((e: unknown) => { if (!cancelled) setError((e as Error).message); });
    return () => { cancelled = true; };
  }, [before.data, after.data]);

  const markers = useMemo(() => {
    const leftMarkers: Record<string, string[]> = {};
    const rightMarkers: Record<string, string[]> = {};
    for (const c of changes ?? []) {
      if (c.kind !== 'added') leftMarkers[c.id] = [c.kind === 'removed' ? 'sz-removed' : 'sz-changed'];
      if (c.kind !== 'removed') rightMarkers[c.id] = [c.kind === 'added' ? 'sz-added' : 'sz-changed'];
    }
    return { left: leftMarkers, right: rightMarkers };
  }, [changes]);

  if (versions.length < 2) return <Empty description={t('designer.noChanges')} />;
  const options = sorted.map((v) => ({ value: v.version, label: `v${v.version}` }));
  const attributeLabel = (attribute: string) => ({ role: t('designer.role'), timeLimit: t('designer.timeLimit'), timeUnit: t('designer.timeUnit'), name: t('designer.elementName') } as Record<string, string>)[attribute] ?? attribute;
  const valueLabel = (attribute: string, value: string) => (attribute === 'role' && value ? labels.role(value) : attribute === 'timeUnit' && value ? labels.unit(value) : value || '—');

  return (
    <div data-testid="version-diff">
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t('designer.left')}</span>
        <Select aria-label={t('designer.left')} style={{ width: 100 }} value={l} options={options} onChange={(v) => onPick(v, r)} />
        <span>{t('designer.right')}</span>
        <Select aria-label={t('designer.right')} style={{ width: 100 }} value={r} options={options} onChange={(v) => onPick(l, v)} />
        <Tag color="success">{t('designer.added')}</Tag><Tag color="error">{t('designer.removed')}</Tag><Tag color="warning">{t('designer.changed')}</Tag>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <div className="diff-grid">
        <div>
          <div className="muted">v{l}</div>
          {before.data && <DiagramViewer xml={before.data.bpmnXml} markers={markers.left} testId="diff-left" />}
        </div>
        <div>
          <div className="muted">v{r}</div>
          {after.data && <DiagramViewer xml={after.data.bpmnXml} markers={markers.right} testId="diff-right" />}
        </div>
      </div>
      <Table<ElementChange & { key: string }>
        style={{ marginTop: 12 }} size="small" pagination={false}
        dataSource={(changes ?? []).map((c) => ({ ...c, key: `${c.kind}-${c.id}` }))}
        locale={{ emptyText: t('designer.noChanges') }}
        columns={[
          { title: t('designer.element'), dataIndex: 'id', render: (id: string, c) => <span><code>{id}</code> {c.name !== id ? c.name : ''}</span> },
          { title: '', dataIndex: 'kind', width: 80, render: (k: ElementChange['kind']) => <Tag color={KIND_COLORS[k]}>{t(`designer.${k}`)}</Tag> },
          {
            title: t('designer.attribute'), dataIndex: 'attributes',
            render: (attrs: ElementChange['attributes']) => attrs.map((a) => (
              <div key={a.attribute}>{attributeLabel(a.attribute)}：{valueLabel(a.attribute, a.before)} → <b>{valueLabel(a.attribute, a.after)}</b></div>
            )),
          },
        ]}
      />
    </div>
  );
}
