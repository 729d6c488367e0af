// A penalty case's running facts: the 90-day limit with the days left (stopped for hearing, testing, appraisal) and,
// while a fine is open, what it comes to today with the late surcharge — both as the API computed them when read.
import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseClock, PaymentFacts } from '../api/types';
import { formatTime } from '../format/time';
import { useLabels } from '../i18n/labels';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export function CaseClockFacts({ clock }: { clock: CaseClock }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const left = clock.daysRemaining >= 0 ? t('penalty.daysLeft', { count: clock.daysRemaining }) : t('penalty.overdueDays', { count: -clock.daysRemaining });
  return (
    <Descriptions size="small" column={1} data-testid="case-clock">
      <Descriptions.Item label={t('penalty.dueAt')}>{formatTime(clock.dueAt)}</Descriptions.Item>
      <Descriptions.Item label={t('penalty.caseLimit')}>
        <Tag color={clock.daysRemaining < 0 ? 'error' : clock.daysRemaining <= 10 ? 'warning' : 'processing'}>{left}</Tag>
        {clock.paused && clock.pausedFor && <Tag>{t('penalty.paused', { reason: labels.enumValue(clock.pausedFor) })}</Tag>}
        {clock.pausedDays > 0 && <Tag>{t('penalty.pausedDays', { count: clock.pausedDays })}</Tag>}
      </Descriptions.Item>
    </Descriptions>
  );
}

export function PaymentFactsView({ payment }: { payment: PaymentFacts }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} data-testid="payment-facts">
      <Descriptions.Item label={t('penalty.paymentDue')}>{formatTime(payment.dueAt)}</Descriptions.Item>
      <Descriptions.Item label={t('penalty.fine')}>{yuan(payment.fineFen)}</Descriptions.Item>
      {payment.lateDays > 0 && (
        <Descriptions.Item label={t('penalty.surcharge')}>{yuan(payment.surchargeFen)}（{t('penalty.lateDays', { count: payment.lateDays })}）</Descriptions.Item>
      )}
      <Descriptions.Item label={t('penalty.owedToday')}><strong>{yuan(payment.owedFen)}</strong></Descriptions.Item>
    </Descriptions>
  );
}
