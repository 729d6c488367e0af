// Starting a case of any process from its start form (/start/:key): an enforcement officer's inspection, a window
// clerk's counter filing, an applicant's own application. A counter filing's claim code is shown once, to hand over.
import { useState } from 'react';
import { Alert, Button, Card, Result, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useStartForm } from '../api/start';
import type { Started } from '../api/types';
import { QueryState } from '../app/QueryState';
import { formatTime } from '../format/time';
import { StartForm } from './StartForm';

function StartedResult({ started, onAnother }: { started: Started; onAnother(): void }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Result status="success" title={t('start.started', { id: started.instanceId })}
        subTitle={started.claim ? undefined : t('start.startedHint')}
        extra={(
          <Space>
            <Link to={`/instances/${started.instanceId}`}><Button type="primary">{t('report.viewInstance')}</Button></Link>
            <Button onClick={onAnother}>{t('start.another')}</Button>
          </Space>
        )}>
        {started.claim && (
          <Alert type="warning" showIcon data-testid="claim-code" message={t('start.claimTitle')}
            description={(
              <>
                <Typography.Title level={3} copyable style={{ margin: '8px 0', fontFamily: 'monospace' }}>{started.claim.code}</Typography.Title>
                {t('start.claimBody', { expires: formatTime(started.claim.expiresAt) })}
              </>
            )} />
        )}
      </Result>
    </Card>
  );
}

export default function StartPage() {
  const { key } = useParams();
  const { t, i18n } = useTranslation();
  const form = useStartForm(key);
  const [started, setStarted] = useState<Started | null>(null);
  const hint = `start.hint.${key}`;
  if (started) return <StartedResult started={started} onAnother={() => setStarted(null)} />;
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{form.data ? t('start.title', { name: form.data.name }) : t('start.loading')}</h1>
          <div className="subtitle">{i18n.exists(hint) ? t(hint) : form.data?.description}</div>
        </div>
      </div>
      <Card style={{ maxWidth: 880 }}>
        <QueryState loading={form.isLoading} error={form.error}>
          {form.data && <StartForm form={form.data} submitLabel={t('start.submit')} onStarted={setStarted} />}
        </QueryState>
      </Card>
    </div>
  );
}
