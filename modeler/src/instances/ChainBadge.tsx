// The audit trail's verification result, saying what was verified: green "verified up to checkpoint T" with the
// count of newer events (which only the chain and the projections vouch for), amber when no signed checkpoint
// exists yet (a cut-off or re-hashed chain would go unseen), red with the reason of each break. The tooltip names
// the chain's hash and the checkpoint's signature (SM3 / SM2 where the installation chose 商用密码).
import { Tag, Tooltip } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AuditBreak, ChainVerification } from '../api/types';
import { formatTime } from '../format/time';

export function ChainBadge({ verification, loading }: { verification?: ChainVerification; loading: boolean }) {
  const { t } = useTranslation();
  if (loading || !verification) return <Tag icon={<LoadingOutlined />}>{t('instance.verifying')}</Tag>;
  const reason = (b: AuditBreak) => t(`instance.breaks.${b.kind}`, { seq: b.seq, taskId: b.taskId });
  const chainHash = <div>{t('instance.chainHash', { hash: t(`instance.algorithms.${verification.hashAlgorithm}`) })}</div>;
  if (!verification.ok) {
    return (
      <Tooltip title={<ul style={{ margin: 0, paddingLeft: 16 }}>{verification.breaks.map((b, i) => <li key={i}>{reason(b)}</li>)}</ul>}>
        <Tag icon={<CloseCircleFilled />} color="error" data-testid="chain-badge" data-ok="false">
          {t('instance.broken', { reason: verification.breaks.length > 0 ? reason(verification.breaks[0]) : '' })}
          {verification.breaks.length > 1 ? ` (+${verification.breaks.length - 1})` : ''}
        </Tag>
      </Tooltip>
    );
  }
  const upTo = verification.verifiedUpTo;
  if (!upTo) {
    return (
      <Tooltip title={<>{t('instance.chainOnlyHint')}{chainHash}</>}>
        <Tag icon={<ExclamationCircleFilled />} color="warning" data-testid="chain-badge" data-ok="true">{t('instance.chainOnly')}</Tag>
      </Tooltip>
    );
  }
  const newer = verification.eventsAfterCheckpoint;
  return (
    <Tooltip title={(
      <>
        {t('instance.coverage', { covered: upTo.events, newer })}
        {chainHash}
        <div>{t('instance.checkpointSignature', { signature: t(`instance.algorithms.${upTo.signatureAlgorithm}`) })}</div>
      </>
    )}>
      <Tag icon={<CheckCircleFilled />} color="success" data-testid="chain-badge" data-ok="true" data-checkpoint={upTo.checkpointAt}>
        {t('instance.verifiedTo', { time: formatTime(upTo.checkpointAt, true) })}
        {newer > 0 ? t('instance.newerEvents', { count: newer }) : ''}
      </Tag>
    </Tooltip>
  );
}
