// Sign-in page. After signing in, the user goes back to the deep link that sent them here, or to their home.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useAuth } from './AuthProvider';
import { homeOf } from './roles';
import { LanguageSwitch } from '../layout/LanguageSwitch';

/** Only same-app paths are followed, so a crafted link cannot send the user elsewhere. */
function safeReturnTo(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The account has a second factor: the same form asks for the authenticator's code.
  const [needsCode, setNeedsCode] = useState(false);
  const returnTo = safeReturnTo(params.get('returnTo'));

  if (user) return <Navigate to={returnTo ?? homeOf(user)} replace />;

  const submit = async (values: { username: string; password: string; totp?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(values.username.trim(), values.password, values.totp?.trim() || undefined);
      const next = signedIn.mustChangePassword ? '/account/password' : signedIn.totpRequired ? '/account/totp' : returnTo ?? homeOf(signedIn.user);
      void navigate(next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TOTP_REQUIRED') {
        setError(needsCode ? t('login.totpWrong') : null);
        setNeedsCode(true);
      } else {
        setError(e instanceof ApiError && e.status === 401 ? t('login.failed') : e instanceof ApiError && e.status === 429 ? t('login.throttled') : (e as Error).message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-banner">
        <div className="login-brand"><span className="brand-mark">治</span>{t('app.fullName')}</div>
        <Typography.Paragraph className="login-slogan">{t('login.slogan')}</Typography.Paragraph>
        <Typography.Paragraph className="login-subtitle">{t('app.subtitle')}</Typography.Paragraph>
      </div>
      <Card className="login-card" title={t('login.title')} extra={<LanguageSwitch />}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} name="login">
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          {needsCode && (
            <Form.Item label={t('login.totp')} name="totp" extra={t('login.totpHint')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpRequired') }]}>
              <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="numeric" maxLength={6} size="large" autoFocus />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>{t('login.submit')}</Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-demo">{t('login.demo')}</Typography.Paragraph>
      </Card>
    </div>
  );
}
