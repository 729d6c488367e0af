// The cells of an audit event shared by the audit table and the timeline: its data with labels, and
// whether the step's time limit was met.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent, TimeLimit } from '../api/types';
import { useOrgName, useUserName } from '../api/org';
import { formatTime } from '../format/time';
import { useLabels } from '../i18n/labels';

const HIDDEN_DATA = new Set(['taskId', 'dueAt', 'acknowledgeBy', 'onTime', 'calendarVersion', 'provisional', 'role', 'orgUnitId', 'timeLimit']);
export const ACTION_COLORS: Record<string, string> = {
  start: 'blue', open: 'default', claim: 'cyan', whistle: 'volcano', dispatch: 'geekblue', close: 'green', closed: 'green', pass: 'green',
  fail: 'red', rework: 'red', timeout: 'red', supervise: 'magenta', remind: 'orange', escalate: 'volcano', reject: 'default',
};

export function LimitCell({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const data = event.data;
  if (event.action === 'timeout' || event.action === 'supervise') return <Tag color="error">{t('audit.late')}</Tag>;
  if (event.action === 'remind') return <Tag color="warning">{labels.action('remind')}</Tag>;
  if (typeof data.onTime === 'boolean') {
    return (
      <Tooltip title={typeof (data.dueAt ?? data.acknowledgeBy) === 'string' ? t('audit.due', { due: formatTime(String(data.dueAt ?? data.acknowledgeBy)) }) : undefined}>
        <Tag color={data.onTime ? 'success' : 'error'}>{data.onTime ? t('audit.onTime') : t('audit.late')}</Tag>
      </Tooltip>
    );
  }
  if (event.action === 'open' && typeof data.dueAt === 'string') {
    const limit = data.timeLimit as TimeLimit | undefined;
    return (
      <div className="muted">
        {limit && <div>{limit.amount} {labels.unit(limit.unit)}</div>}
        <div>{t('audit.due', { due: formatTime(data.dueAt) })}</div>
      </div>
    );
  }
  return <span className="muted">—</span>;
}

export function DataCell({ data }: { data: Record<string, unknown> }) {
  const labels = useLabels();
  const orgName = useOrgName();
  const userName = useUserName();
  const entries = Object.entries(data).filter(([k]) => !HIDDEN_DATA.has(k));
  if (entries.length === 0) return <span className="muted">—</span>;
  const show = (key: string, value: unknown): string => {
    if ((key === 'departments' || key === 'lead' || key === 'departmentId') && (typeof value === 'string' || Array.isArray(value))) {
      return Array.isArray(value) ? value.map((v) => orgName(String(v))).join('、') : orgName(value);
    }
    if (key === 'satisfaction' && typeof value === 'string') return labels.enumValue(value);
    if ((key === 'caseOfficers' || key === 'inspectors') && Array.isArray(value)) return value.map((id) => userName(String(id))).join('、');
    if (key === 'input' && value && typeof value === 'object') {
      const input = value as Record<string, unknown>;
      return [input.location, input.description].filter(Boolean).join('：');
    }
    if (typeof value === 'boolean') return value ? '✓' : '✗';
    // Machine codes (reasons, kinds) get their label; free text contains spaces or is long and stays as is.
    if (typeof value === 'string' && /^[A-Za-z_]{1,40}$/.test(value)) return labels.enumValue(value);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  };
  return (
    <div className="audit-data">
      {entries.map(([k, v]) => <div key={k}><span className="k">{labels.field(k)}：</span>{show(k, v)}</div>)}
    </div>
  );
}
