// Sign-in page. After signing in, the user goes back to the deep link that sent them here, or to their home.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Divider, Form, Input, Spin, Typography } from 'antd';
import { IdcardOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { useAuth } from './AuthProvider';
import { homeOf } from './roles';
import { LanguageSwitch } from '../layout/LanguageSwitch';

/** Only same-app paths are followed, so a crafted link cannot send the user elsewhere. */
function safeReturnTo(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : null;
}

interface SignInOptions { password: boolean; oidc: { enabled: boolean; label?: string; loginUrl?: string } }

/**
 * What single sign-on handed back in the address fragment (`#sso=<token>` or `#ssoError=<reason>`), read once and
 * wiped from the address bar at once so the token stays out of the history.
 */
function takeSsoFragment(): { token: string | null; error: string | null } {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const found = { token: params.get('sso'), error: params.get('ssoError') };
  if (found.token || found.error) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  return found;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { user, login, adoptToken } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The account has a second factor: the same form asks for the authenticator's code.
  const [needsCode, setNeedsCode] = useState(false);
  const returnTo = safeReturnTo(params.get('returnTo'));
  const options = useQuery({ queryKey: ['auth-options'], queryFn: () => api<SignInOptions>('/auth/options'), staleTime: Infinity });
  const [sso] = useState(takeSsoFragment);
  const [ssoBusy, setSsoBusy] = useState(sso.token !== null);
  const adopted = useRef(false);

  useEffect(() => {
    if (sso.error) setError(t('login.ssoFailed', { reason: sso.error }));
    if (!sso.token || adopted.current) return;
    adopted.current = true;
    adoptToken(sso.token)
      .then((signedIn) => {
        const next = signedIn.mustChangePassword ? '/account/password' : signedIn.totpRequired ? '/account/totp' : returnTo ?? homeOf(signedIn.user);
        void navigate(next, { replace: true });
      })
      .catch((e: unknown) => { setError(t('login.ssoFailed', { reason: (e as Error).message })); })
      .finally(() => { setSsoBusy(false); });
  }, [sso, adoptToken, navigate, returnTo, t]);

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
        {ssoBusy && <Spin tip={t('login.ssoBusy')} style={{ display: 'block', marginTop: 16 }}><div /></Spin>}
        {options.data?.oidc.enabled && options.data.oidc.loginUrl && (
          <>
            <Divider plain>{t('login.ssoOr')}</Divider>
            {/* A full page navigation: the identity platform's own sign-in page, then back here. */}
            <Button block size="large" icon={<IdcardOutlined />} href={options.data.oidc.loginUrl} disabled={ssoBusy}>
              {options.data.oidc.label ?? t('login.sso')}
            </Button>
          </>
        )}
        <Typography.Paragraph type="secondary" className="login-demo">{t('login.demo')}</Typography.Paragraph>
      </Card>
    </div>
  );
}
