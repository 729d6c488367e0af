// The diagram of the version an instance runs on, overlaid with its progress, and a legend.
import { useMemo } from 'react';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent, InstanceDetail } from '../api/types';
import { useProcessVersion } from '../api/processes';
import { DiagramViewer } from '../bpmn/DiagramViewer';
import { QueryState } from '../app/QueryState';
import { instanceDecorations } from './instance-decorations';

function Legend() {
  const { t } = useTranslation();
  return (
    <div className="diagram-legend" aria-hidden>
      <span><span className="legend-swatch" style={{ borderColor: '#389e0d', background: '#f6ffed' }} />{t('instance.legendCompleted')}</span>
      <span><span className="legend-swatch" style={{ borderColor: '#1d4f91', background: '#e6f4ff' }} />{t('instance.legendCurrent')}</span>
      <span><span className="legend-swatch" style={{ borderColor: '#cf1322', background: '#fff1f0' }} />{t('instance.legendOverdue')}</span>
      <span><span className="legend-swatch" style={{ borderColor: '#389e0d', borderWidth: '0 0 3px 0', borderRadius: 0 }} />{t('instance.legendPath')}</span>
      <Space size={6}><span className="run-count" style={{ display: 'inline-block' }}>2</span>{t('instance.legendRuns')}</Space>
    </div>
  );
}

export function InstanceDiagram({ instance, events, tall }: { instance: InstanceDetail; events: AuditEvent[]; tall?: boolean }) {
  const { t } = useTranslation();
  const version = useProcessVersion(instance.processKey, instance.processVersion);
  const decorations = useMemo(() => instanceDecorations(instance, events), [instance, events]);
  // Opened on where the case stands now; a closed case shows its whole path.
  const focus = useMemo(() => instance.currentSteps.map((s) => s.stepId), [instance.currentSteps]);
  return (
    <QueryState loading={version.isLoading} error={version.error}>
      <Legend />
      {version.data && <DiagramViewer xml={version.data.bpmnXml} {...decorations} focus={focus} className={tall ? 'tall' : undefined} ariaLabel={t('instance.diagram')} />}
    </QueryState>
  );
}
