// The history of a case so far, newest first, as a timeline beside the task a clerk is working on.
import { Space, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../api/types';
import { useOrgName } from '../api/org';
import { formatTime } from '../format/time';
import { useLabels } from '../i18n/labels';
import { ACTION_COLORS, DataCell, LimitCell } from './AuditCells';

const DOT_COLORS: Record<string, string> = { timeout: 'red', supervise: 'red', fail: 'red', rework: 'red', remind: 'orange', open: 'gray', close: 'green', closed: 'green', pass: 'green' };

export function AuditTimeline({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const orgName = useOrgName();
  return (
    <Timeline
      data-testid="audit-timeline"
      items={[...events].reverse().map((e) => ({
        key: e.seq,
        color: DOT_COLORS[e.action] ?? 'blue',
        children: (
          <div>
            <Space size={6} wrap>
              <span className="muted">{formatTime(e.at, true)}</span>
              <Tag color={ACTION_COLORS[e.action] ?? 'processing'}>{labels.action(e.action)}</Tag>
              {e.stepId && <span>{labels.step(e.stepId)}</span>}
              <LimitCell event={e} />
            </Space>
            <div className="muted">{e.actor ? `${e.actor.name} · ${labels.role(e.actor.role)} · ${orgName(e.actor.orgUnitId)}` : t('audit.system')}</div>
            {e.action !== 'open' && <DataCell data={e.data} />}
          </div>
        ),
      }))}
    />
  );
}
