// A penalty case whose inspectors ordered rectification has no task open until the deadline: the case page says it
// is waiting, what was required and until when, so supervision sees a quiet case as waiting rather than stalled.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InstanceDetail } from '../api/types';
import { formatTime } from '../format/time';

export function RectificationNotice({ instance }: { instance: InstanceDetail }) {
  const { t } = useTranslation();
  const waiting = (instance.waiting ?? []).filter((w) => w.kind === 'rectification');
  return waiting.map((w) => (
    <Alert key={`rectification-${w.taskId}`} type="info" showIcon data-testid="rectification-waiting" style={{ marginBottom: 16 }}
      message={t('penalty.waitingRectification', { deadline: formatTime(w.deadline) })}
      description={w.missing.length > 0 ? t('penalty.rectificationRequired', { requirement: w.missing.join('；') }) : undefined} />
  ));
}
