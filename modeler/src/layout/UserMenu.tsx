// The signed-in user in the header: name, unit and roles, and sign-out.
import { Avatar, Dropdown, Space, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth, useUser } from '../auth/AuthProvider';
import { useOrgName } from '../api/org';

export function UserMenu() {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const orgName = useOrgName();
  const roles = user.roles.map((r) => t(`role.${r}`)).join('、');
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', disabled: true, label: <div className="user-card"><div>{user.name}（{user.username}）</div><div className="muted">{t('user.org')}：{orgName(user.orgUnitId)}</div><div className="muted">{t('user.roles')}：{roles}</div></div> },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), onClick: () => { logout(); void navigate('/login'); } },
        ],
      }}
    >
      <button type="button" className="user-button" aria-label={t('user.profile')}>
        <Space>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4f91' }} />
          <Typography.Text>{user.name}</Typography.Text>
          <Typography.Text type="secondary" className="user-role">{roles}</Typography.Text>
        </Space>
      </button>
    </Dropdown>
  );
}
