// The window clerk's re-issue of a counter filing's claim code (补发认领码) on the case page: a party who lost the code
// or let it expire gets a new one, shown this once; the previous code stops working. The API refuses (in the
// clerk's language) a case filed online, one already claimed, or one no longer running.
import { Alert, Button, Card, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useReissueClaimCode } from '../api/start';
import type { InstanceDetail } from '../api/types';
import { useUser } from '../auth/AuthProvider';
import { hasRole } from '../auth/roles';
import { formatTime } from '../format/time';

export function ClaimCodeCard({ instance }: { instance: InstanceDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const reissue = useReissueClaimCode();
  if (instance.processKey !== 'commitment-licensing' || instance.status !== 'running' || !hasRole(user, 'window_clerk')) return null;
  const refusal = reissue.error instanceof ApiError ? reissue.error.message : reissue.error?.message;
  return (
    <Card title={t('claim.title')} size="small" data-testid="claim-code-card">
      {reissue.data ? (
        <Alert type="warning" showIcon data-testid="reissued-claim-code" message={t('start.claimTitle')}
          description={(
            <>
              <Typography.Title level={4} copyable style={{ margin: '8px 0', fontFamily: 'monospace' }}>{reissue.data.code}</Typography.Title>
              {t('claim.validUntil', { expires: formatTime(reissue.data.expiresAt) })}
            </>
          )} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('claim.hint')}</Typography.Paragraph>
          {refusal && <Alert type="error" showIcon role="alert" message={refusal} style={{ marginBottom: 12 }} />}
          <Popconfirm title={t('claim.confirm')} onConfirm={() => reissue.mutate(instance.instanceId)} okText={t('claim.reissue')} cancelText={t('common.cancel')}>
            <Button loading={reissue.isPending}>{t('claim.reissue')}</Button>
          </Popconfirm>
        </>
      )}
    </Card>
  );
}
