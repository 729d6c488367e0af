// Enrolling the second factor (RFC 6238 TOTP): the password again, then the secret for the authenticator app (as an
// otpauth:// link and in base32 to type in), then one code to confirm. Administrators must do it in production.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Steps, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { homeOf } from '../auth/roles';

export default function TotpEnrolPage() {
  const { t } = useTranslation();
  const { session, settled } = useAuth();
  const navigate = useNavigate();
  const [secret, setSecret] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError && e.details.length > 0 ? e.details.map((d) => d.message).join('；') : (e as Error).message);
    }
  };

  return (
    <div className="login-page">
      <Card className="login-card" title={t('account.totpTitle')}>
        {session?.totpRequired && <Alert type="warning" showIcon message={t('account.totpMust')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Steps size="small" current={secret ? 1 : 0} items={[{ title: t('account.totpStep1') }, { title: t('account.totpStep2') }]} style={{ marginBottom: 16 }} />
        {!secret ? (
          <Form layout="vertical" name="totp-enrol" onFinish={(v: { password: string }) => run(async () => {
            setSecret(await api('/auth/totp/enroll', { method: 'POST', body: { password: v.password } }));
          })}>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('account.required') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>{t('account.totpStart')}</Button>
          </Form>
        ) : (
          <Form layout="vertical" name="totp-confirm" onFinish={(v: { code: string }) => run(async () => {
            await api('/auth/totp/confirm', { method: 'POST', body: { code: v.code.trim() } });
            settled('totpRequired');
            void navigate(session ? homeOf(session.user) : '/', { replace: true });
          })}>
            <Typography.Paragraph>{t('account.totpScan')}</Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: secret.otpauthUrl }}><a href={secret.otpauthUrl}>{t('account.totpLink')}</a></Typography.Paragraph>
            <Typography.Paragraph>{t('account.totpSecret')}<Typography.Text code copyable data-testid="totp-secret">{secret.secret}</Typography.Text></Typography.Paragraph>
            <Form.Item label={t('login.totp')} name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpRequired') }]}>
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>{t('account.totpConfirm')}</Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
