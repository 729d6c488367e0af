// The audit chain's verification result: green when every hash links up, red naming the first broken row.
import { Tag, Tooltip } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ChainVerification } from '../api/types';

export function ChainBadge({ verification, loading }: { verification?: ChainVerification; loading: boolean }) {
  const { t } = useTranslation();
  if (loading || !verification) return <Tag icon={<LoadingOutlined />}>{t('instance.verifying')}</Tag>;
  return verification.ok
    ? <Tooltip title={`${verification.events} events`}><Tag icon={<CheckCircleFilled />} color="success" data-testid="chain-badge" data-ok="true">{t('instance.verify')}</Tag></Tooltip>
    : <Tag icon={<CloseCircleFilled />} color="error" data-testid="chain-badge" data-ok="false">{t('instance.broken', { seq: verification.firstBrokenSeq })}</Tag>;
}
