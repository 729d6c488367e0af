// 用户管理 under 三员分立: the system administrator creates accounts (with a first password, changed at first sign-in),
// moves and deactivates them; the security administrator grants roles, resets passwords and lifts lockouts. Each sees
// only the buttons of their own part; the server refuses the rest anyway.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useOrgName, useOrgUnits } from '../api/org';
import { useAdminUsers, useChangeUser, useCreateUser, useResetPassword, useSetRoles, useUnlock, type AdminUser } from '../api/admin';
import { useUser } from '../auth/AuthProvider';
import { hasRole } from '../auth/roles';
import { useLabels } from '../i18n/labels';
import { QueryState } from '../app/QueryState';
import { ROLE_KEYS } from './role-keys';

type Dialog = { kind: 'create' } | { kind: 'roles' | 'reset' | 'move'; user: AdminUser } | null;

export default function UsersAdminPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useUser();
  const labels = useLabels();
  const users = useAdminUsers();
  const units = useOrgUnits();
  const orgName = useOrgName();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const createUser = useCreateUser();
  const changeUser = useChangeUser();
  const setRoles = useSetRoles();
  const resetPassword = useResetPassword();
  const unlock = useUnlock();
  const isAdmin = hasRole(me, 'admin');
  const isSecurity = hasRole(me, 'security_admin');
  const unitOptions = (units.data ?? []).filter((u) => u.active !== false).map((u) => ({ value: u.id, label: u.code ? `${u.name}（${u.code}）` : u.name }));

  const close = () => { setDialog(null); setError(null); form.resetFields(); };
  const submit = async () => {
    const values = await form.validateFields();
    try {
      if (dialog?.kind === 'create') await createUser.mutateAsync(values);
      else if (dialog?.kind === 'roles') await setRoles.mutateAsync({ id: dialog.user.id, roles: values.roles ?? [] });
      else if (dialog?.kind === 'reset') await resetPassword.mutateAsync({ id: dialog.user.id, password: values.password });
      else if (dialog?.kind === 'move') {
        const moved = await changeUser.mutateAsync({ id: dialog.user.id, orgUnitId: values.orgUnitId });
        if (moved.tasksReturnedToPool.length > 0) void message.info(t('admin.tasksReturned', { count: moved.tasksReturnedToPool.length }));
      }
      void message.success(t('admin.saved'));
      close();
    } catch (e) {
      if (e instanceof ApiError && e.details.some((d) => d.path !== '(body)')) form.setFields(e.details.map((d) => ({ name: d.path, errors: [d.message] })));
      else setError((e as Error).message);
    }
  };
  const deactivate = async (user: AdminUser) => {
    try {
      const changed = await changeUser.mutateAsync({ id: user.id, active: !user.active });
      void message.success(changed.tasksReturnedToPool.length > 0 ? t('admin.tasksReturned', { count: changed.tasksReturnedToPool.length }) : t('admin.saved'));
    } catch (e) { void message.error((e as Error).message); }
  };

  const rows = (users.data?.items ?? []).filter((u) => !filter || u.username.includes(filter) || u.name.includes(filter));
  return (
    <div className="page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>{t('admin.usersTitle')}</Typography.Title>
        <Space>
          <Input.Search allowClear placeholder={t('admin.searchUser')} onSearch={setFilter} style={{ width: 220 }} />
          {isAdmin && <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>{t('admin.newUser')}</Button>}
        </Space>
      </Space>
      <QueryState loading={users.isLoading} error={users.error} retry={() => void users.refetch()}>
        <Card size="small">
          <Table<AdminUser> rowKey="id" dataSource={rows} size="small" pagination={{ pageSize: 20 }} locale={{ emptyText: t('admin.noUsers') }}
            columns={[
              { title: t('login.username'), dataIndex: 'username' },
              { title: t('admin.personName'), dataIndex: 'name' },
              { title: t('user.org'), dataIndex: 'orgUnitId', render: (id: string) => orgName(id) },
              { title: t('user.roles'), dataIndex: 'roles', render: (roles: string[]) => (roles.length ? roles.map((r) => <Tag key={r}>{labels.role(r)}</Tag>) : <Typography.Text type="secondary">{t('admin.noRoles')}</Typography.Text>) },
              { title: t('admin.state'), key: 'state', render: (_: unknown, u: AdminUser) => (<Space size={4}>
                {u.active ? <Tag color="green">{t('admin.active')}</Tag> : <Tag>{t('admin.inactive')}</Tag>}
                {u.mustChangePassword && <Tag color="orange">{t('admin.mustChange')}</Tag>}
                {u.totpEnrolled && <Tag color="blue">TOTP</Tag>}
              </Space>) },
              { title: '', key: 'actions', render: (_: unknown, u: AdminUser) => u.id === me.id ? null : (<Space size={4} wrap>
                {isSecurity && <Button size="small" onClick={() => { setDialog({ kind: 'roles', user: u }); form.setFieldsValue({ roles: u.roles }); }}>{t('admin.roles')}</Button>}
                {isSecurity && <Button size="small" onClick={() => setDialog({ kind: 'reset', user: u })}>{t('admin.resetPassword')}</Button>}
                {isSecurity && <Button size="small" onClick={() => void unlock.mutateAsync({ id: u.id, reason: t('admin.unlockReason') }).then((r) => message.success(t('admin.unlocked', { count: r.lifted })))}>{t('admin.unlock')}</Button>}
                {isAdmin && <Button size="small" onClick={() => { setDialog({ kind: 'move', user: u }); form.setFieldsValue({ orgUnitId: u.orgUnitId }); }}>{t('admin.move')}</Button>}
                {isAdmin && <Button size="small" danger={u.active} onClick={() => void deactivate(u)}>{u.active ? t('admin.deactivate') : t('admin.reactivate')}</Button>}
              </Space>) },
            ]} />
        </Card>
      </QueryState>
      <Modal open={dialog !== null} onCancel={close} onOk={() => void submit()} okText={t('common.confirm')} cancelText={t('common.cancel')} destroyOnClose
        title={dialog?.kind === 'create' ? t('admin.newUser') : dialog ? `${t(`admin.${dialog.kind === 'reset' ? 'resetPassword' : dialog.kind}`)}：${dialog.user.name}` : ''}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" name="user-dialog" preserve={false}>
          {dialog?.kind === 'create' && (<>
            <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('account.required') }]}><Input autoComplete="off" /></Form.Item>
            <Form.Item label={t('admin.personName')} name="name" rules={[{ required: true, message: t('account.required') }]}><Input /></Form.Item>
            <Form.Item label={t('user.org')} name="orgUnitId" rules={[{ required: true, message: t('account.required') }]}>
              <Select showSearch optionFilterProp="label" options={unitOptions} />
            </Form.Item>
            <Form.Item label={t('admin.firstPassword')} name="password" extra={t('account.rules')} rules={[{ required: true, message: t('account.required') }]}><Input.Password autoComplete="new-password" /></Form.Item>
          </>)}
          {dialog?.kind === 'roles' && (
            <Form.Item label={t('user.roles')} name="roles" extra={t('admin.rolesHint')}>
              <Select mode="multiple" options={ROLE_KEYS.map((r) => ({ value: r, label: labels.role(r) }))} />
            </Form.Item>
          )}
          {dialog?.kind === 'reset' && (
            <Form.Item label={t('admin.newPassword')} name="password" extra={t('account.rules')} rules={[{ required: true, message: t('account.required') }]}><Input.Password autoComplete="new-password" /></Form.Item>
          )}
          {dialog?.kind === 'move' && (
            <Form.Item label={t('user.org')} name="orgUnitId" extra={t('admin.moveHint')} rules={[{ required: true, message: t('account.required') }]}>
              <Select showSearch optionFilterProp="label" options={unitOptions} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
