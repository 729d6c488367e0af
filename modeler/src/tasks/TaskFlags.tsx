// Status tags of a task: parked (挂账, clock stopped), overdue, due soon, reminded (催办), supervised (督办), provisional deadline.
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Task } from '../api/types';
import { urgencyOf } from '../format/time';
import { useLabels, STATUS_COLORS } from '../i18n/labels';

/** `parked` is in the API's task view; optional here until the generated types carry it. */
export function TaskFlags({ task, now }: { task: Task & { parked?: boolean }; now: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (task.status !== 'open') {
    return (
      <Space size={4} wrap>
        <Tag color={STATUS_COLORS[task.status]}>{labels.status(task.status)}</Tag>
        {task.overdue && <Tag color="error">{t('inbox.overdue')}</Tag>}
      </Space>
    );
  }
  // A parked task's clock is stopped: neither due soon nor on track, whatever its old due time says.
  if (task.parked) {
    return (
      <Space size={4} wrap>
        <Tag color="purple" title={t('inbox.parkedHint')} data-flag="parked">{t('inbox.parked')}</Tag>
        {task.supervised && <Tag color="magenta" data-flag="supervised">{t('inbox.supervised')}</Tag>}
      </Space>
    );
  }
  const urgency = urgencyOf(task.dueAt, now, task.overdue);
  return (
    <Space size={4} wrap>
      {urgency === 'overdue' && <Tag color="error">{t('inbox.overdue')}</Tag>}
      {urgency === 'nearDue' && <Tag color="warning">{t('inbox.nearDue')}</Tag>}
      {urgency === 'normal' && <Tag color="green">{t('inbox.normal')}</Tag>}
      {task.supervised && <Tag color="magenta" data-flag="supervised">{t('inbox.supervised')}</Tag>}
      {task.reminded && <Tag color="orange">{t('inbox.reminded')}</Tag>}
      {task.provisionalDeadline && <Tag>{t('inbox.provisional')}</Tag>}
    </Space>
  );
}
