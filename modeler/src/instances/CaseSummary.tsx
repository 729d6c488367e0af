// The case as reported: the instance input with Chinese labels (category and grid resolved to names).
import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InstanceDetail } from '../api/types';
import { useCatalog, useEventCategories, useOrgUnits, useUserName } from '../api/org';
import { useLabels, STATUS_COLORS } from '../i18n/labels';
import { formatTime } from '../format/time';

const SHOWN_FIRST = ['category', 'source', 'gridCode', 'location', 'description', 'requester', 'selfResolved', 'photos'];

function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(renderValue).join('、');
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).map(renderValue).join(' · ');
  return String(value);
}

export function CaseSummary({ instance, columns = 2 }: { instance: InstanceDetail; columns?: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { data: categories } = useEventCategories();
  const { data: units } = useOrgUnits();
  const { data: matters } = useCatalog('matters');
  const { data: licenceItems } = useCatalog('licence-items');
  const userName = useUserName();
  const input = instance.input;
  const keys = [...SHOWN_FIRST.filter((k) => k in input), ...Object.keys(input).filter((k) => !SHOWN_FIRST.includes(k))];
  const show = (key: string, value: unknown) => {
    if (key === 'category') return categories?.find((c) => c.code === value)?.name ?? String(value);
    if (key === 'source' || key === 'origin' || key === 'route') return labels.enumValue(String(value));
    if (key === 'matter') return matters?.find((m) => m.code === value)?.name ?? String(value);
    if (key === 'itemCode') return licenceItems?.find((m) => m.code === value)?.name ?? String(value);
    if (key === 'inspectors' && Array.isArray(value)) return value.map((id) => userName(String(id))).join('、');
    if (key === 'gridCode') {
      const grid = units?.find((u) => u.code === value);
      return grid ? `${grid.name}（${String(value)}）` : String(value);
    }
    return renderValue(value);
  };
  return (
    <Descriptions size="small" column={columns} bordered styles={{ label: { width: 110 } }}>
      <Descriptions.Item label={t('instances.id')}>{instance.instanceId}</Descriptions.Item>
      <Descriptions.Item label={t('instances.status')}><Tag color={STATUS_COLORS[instance.status]}>{labels.status(instance.status)}</Tag></Descriptions.Item>
      {keys.map((key) => (
        <Descriptions.Item key={key} label={labels.field(key)} span={key === 'description' ? columns : 1}>{show(key, input[key])}</Descriptions.Item>
      ))}
      <Descriptions.Item label={t('instances.startedAt')}>{formatTime(instance.startedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('instance.version')}>v{instance.processVersion}</Descriptions.Item>
    </Descriptions>
  );
}
