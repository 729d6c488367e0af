// What the law says a licensing applicant must be told, shown first on their case: an art. 79 refusal with its
// reason, the reason of an approved art. 42 extension and the new due time, a deemed acceptance (art. 32), and
// whether the decision fell within its limit; and, to the applicant and whoever supervises the case, a licence issued
// with missing material (容缺) waiting for the filing, with its date.
import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent, InstanceDetail } from '../api/types';
import { formatTime } from '../format/time';

interface LicensingOutcome {
  refusal?: { message: string } | null;
  decision?: { within: 'limit' | 'extension' | 'late' } | null;
}

export function LicensingNotices({ instance, events }: { instance: InstanceDetail; events: AuditEvent[] }) {
  const { t } = useTranslation();
  if (instance.processKey !== 'commitment-licensing') return null;
  const outcome = (instance.outcome ?? {}) as LicensingOutcome;
  const extension = events.find((e) => e.stepId === 'Service_NotifyExtension' && e.data.kind === 'extension');
  const deemed = events.find((e) => e.action === 'deemedAccepted');
  const notices = [
    outcome.refusal && <Alert key="refusal" type="error" showIcon data-testid="licensing-refusal" message={t('licensing.refusal')} description={outcome.refusal.message} />,
    extension && (
      <Alert key="extension" type="warning" showIcon data-testid="licensing-extension" message={t('licensing.extension')}
        description={t('licensing.extensionBody', {
          due: formatTime(String(extension.data.dueAt)), extended: formatTime(String(extension.data.extendedDueAt)),
          reason: String(extension.data.reason), basis: String(extension.data.basis),
        })} />
    ),
    deemed && <Alert key="deemed" type="info" showIcon message={t('licensing.deemed')} description={t('licensing.deemedBody', { at: formatTime(String(deemed.data.receivedAt)) })} />,
    ...(instance.waiting ?? []).filter((w) => w.kind === 'missingMaterial').map((w) => (
      <Alert key={`waiting-${w.taskId}`} type={w.overdue ? 'error' : 'warning'} showIcon data-testid="licensing-waiting"
        message={w.overdue ? t('licensing.waitingFilingOverdue', { deadline: formatTime(w.deadline), missing: w.missing.join('、') }) : t('licensing.waitingFiling')}
        description={w.overdue ? undefined : t('licensing.waitingFilingBody', { deadline: formatTime(w.deadline), missing: w.missing.join('、') })} />
    )),
    outcome.decision && (
      <Alert key="decision" type={outcome.decision.within === 'late' ? 'error' : 'success'} showIcon
        message={t('licensing.decisionWithin', { within: t(`licensing.within.${outcome.decision.within}`) })} />
    ),
  ].filter(Boolean);
  if (notices.length === 0) return null;
  return <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>{notices}</Space>;
}
