// Whether this instance followed the documented procedure: its steps replayed over the diagram's flows.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useInstanceConformance } from '../api/instances';
import { useLabels } from '../i18n/labels';

export function ConformanceBadge({ instanceId }: { instanceId: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { data, error } = useInstanceConformance(instanceId);
  if (error || !data) return null;
  if (data.deviations.length === 0) return <Tag color="success" data-testid="conformance-badge">{t('instance.conforms')}</Tag>;
  const list = data.deviations.map((d) => `${labels.step(d.from, d.from)} → ${labels.step(d.to, d.to)}`).join('；');
  return (
    <Tooltip title={list}>
      <Tag color="warning" data-testid="conformance-badge">{t('instance.deviates', { count: data.deviations.length, fitness: Math.round(data.fitness * 100) })}</Tag>
    </Tooltip>
  );
}
