// A due time in Shanghai time with how long is left or how far it is overdue.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime, relativeDue, urgencyOf } from '../format/time';

export function DueCell({ dueAt, now, overdue, done }: { dueAt: string; now: number; overdue?: boolean; done?: boolean }) {
  const { t } = useTranslation();
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
