// A due time in Shanghai time with how long is left or how far it is overdue; a parked task's clock is stopped.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime, relativeDue, urgencyOf } from '../format/time';
import type { Task } from '../api/types';

/** Parked (挂账): open but its clock stopped. `parked` is in the API's task view, optional until the generated types carry it. */
export const isParked = (task: Task) => task.status === 'open' && (task as Task & { parked?: boolean }).parked === true;

export function DueCell({ dueAt, now, overdue, done, parked }: { dueAt: string; now: number; overdue?: boolean; done?: boolean; parked?: boolean }) {
  const { t } = useTranslation();
  if (parked && !done) return <div><div className="muted">{formatTime(dueAt)}</div><Typography.Text type="secondary">{t('inbox.parkedHint')}</Typography.Text></div>;
  const urgency = urgencyOf(dueAt, now, overdue);
  return (
    <div>
      <div>{formatTime(dueAt)}</div>
      {!done && (
        <Typography.Text className={urgency === 'overdue' ? 'due-overdue' : urgency === 'nearDue' ? 'due-neardue' : undefined} type={urgency === 'normal' ? 'secondary' : undefined}>
          {relativeDue(dueAt, now, t)}
        </Typography.Text>
      )}
    </div>
  );
}
