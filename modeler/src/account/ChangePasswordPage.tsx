// The forced (or voluntary) password change: first sign-in, an account an administrator created, or a reset. The
// rules are the server's (≥ 10 characters, three classes, not the user name); its field errors land on the fields.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { homeOf } from '../auth/roles';

interface Values { currentPassword: string; newPassword: string; repeat: string }

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { session, settled } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api('/auth/password', { method: 'POST', body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      settled('mustChangePassword');
      void navigate(session?.totpRequired ? '/account/totp' : session ? homeOf(session.user) : '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        form.setFields(e.details.map((d) => ({ name: d.path as keyof Values, errors: [t(`account.rule.${d.message}`, { defaultValue: d.message })] })));
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <Card className="login-card" title={t('account.passwordTitle')}>
        {session?.mustChangePassword && <Alert type="warning" showIcon message={t('account.mustChange')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Typography.Paragraph type="secondary">{t('account.rules')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} name="password-change">
          <Form.Item label={t('account.current')} name="currentPassword" rules={[{ required: true, message: t('account.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label={t('account.new')} name="newPassword" rules={[{ required: true, message: t('account.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('account.repeat')} name="repeat" dependencies={['newPassword']}
            rules={[{ required: true, message: t('account.required') }, ({ getFieldValue }) => ({
              validator: (_rule, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('account.mismatch')))),
            })]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('account.change')}</Button>
        </Form>
      </Card>
    </div>
  );
}
