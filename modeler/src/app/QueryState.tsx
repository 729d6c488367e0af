// Loading, error and "not provided by the server yet" states for a query, in one place so pages look alike.
import type { ReactNode } from 'react';
import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, isMissingRoute } from '../api/client';

interface Props {
  loading: boolean;
  error: unknown;
  retry?: () => void;
  /** The endpoint behind the query, named in the unavailable state when the server answers 404 for it. */
  endpoint?: string;
  children: ReactNode;
}

export function QueryState({ loading, error, retry, endpoint, children }: Props) {
  const { t } = useTranslation();
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (error) {
    if (endpoint && isMissingRoute(error)) {
      return <Empty description={<><div>{t('common.unavailable')}</div><div className="muted">{t('common.unavailableHint', { endpoint })}</div></>} />;
    }
    if (error instanceof ApiError && error.status === 404) return <Result status="404" title={t('common.notFound')} subTitle={error.message} />;
    if (error instanceof ApiError && error.status === 403) return <Result status="403" title={t('common.forbidden')} subTitle={error.message} />;
    return (
      <Alert type="error" showIcon message={t('common.error')} description={(error as Error).message}
        action={retry && <Button size="small" onClick={retry}>{t('common.retry')}</Button>} />
    );
  }
  return <>{children}</>;
}
