// The frame of every signed-in page: side menu by role (with inbox counts), header with the simulated
// clock, language and user menu, and the page below.
import { useMemo, useState, type ReactNode } from 'react';
import { Badge, Layout, Menu, Space } from 'antd';
import {
  ApartmentOutlined, AuditOutlined, ClusterOutlined, DashboardOutlined, FileAddOutlined, FileSearchOutlined, InboxOutlined, NotificationOutlined, PhoneOutlined,
  SolutionOutlined, TeamOutlined, ScheduleOutlined, UploadOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/AuthProvider';
import type { User } from '../api/types';
import { hasRole, readsDashboard, readsProcesses, seesCases, worksInbox } from '../auth/roles';
import { useTaskCounts } from '../api/tasks';
import { ClockControl } from './ClockControl';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';
import { readsRandomInspection } from '../random/access';
import '../random/i18n';

const { Sider, Header, Content, Footer } = Layout;

/** The start forms and the portal, by role: [path, menu label key, icon]. */
function startEntries(user: User): Array<[string, string, ReactNode]> {
  const entries: Array<[string, string, ReactNode]> = [];
  if (hasRole(user, 'enforcement_officer')) entries.push(['/start/inspection-penalty', 'menu.inspect', <AuditOutlined key="i" />]);
  if (hasRole(user, 'window_clerk')) entries.push(['/start/commitment-licensing', 'menu.file', <FileAddOutlined key="f" />]);
  if (hasRole(user, 'applicant')) entries.push(['/portal', 'menu.portal', <SolutionOutlined key="p" />]);
  return entries;
}

export function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const inbox = worksInbox(user);
  const { data: counts } = useTaskCounts(inbox);

  const items = useMemo(() => {
    const entries = [];
    if (inbox) {
      entries.push({
        key: '/tasks', icon: <InboxOutlined />,
        label: (
          <Link to="/tasks" className="menu-with-count">
            <span>{t('menu.tasks')}</span>
            <span className="menu-counts" aria-label="counts">
              {counts && counts.mine > 0 && <Badge count={counts.mine} color={counts.overdue > 0 ? '#cf1322' : '#1677ff'} title={`${t('inbox.mine')} ${counts.mine}`} />}
              {counts && counts.available > 0 && <Badge count={counts.available} color="#8c8c8c" title={`${t('inbox.available')} ${counts.available}`} />}
            </span>
          </Link>
        ),
      });
    }
    if (hasRole(user, 'grid_worker')) entries.push({ key: '/report', icon: <NotificationOutlined />, label: <Link to="/report">{t('menu.report')}</Link> });
    if (hasRole(user, 'hotline_operator')) entries.push({ key: '/hotline', icon: <PhoneOutlined />, label: <Link to="/hotline">{t('menu.hotline')}</Link> });
    for (const [path, label, icon] of startEntries(user)) entries.push({ key: path, icon, label: <Link to={path}>{t(label)}</Link> });
    if (readsRandomInspection(user)) entries.push({ key: '/random', icon: <ScheduleOutlined />, label: <Link to="/random">{t('random.menu')}</Link> });
    if (seesCases(user)) entries.push({ key: '/instances', icon: <FileSearchOutlined />, label: <Link to="/instances">{t('menu.instances')}</Link> });
    if (readsProcesses(user)) entries.push({ key: '/processes', icon: <ApartmentOutlined />, label: <Link to="/processes">{t('menu.processes')}</Link> });
    if (readsDashboard(user)) entries.push({ key: '/dashboard', icon: <DashboardOutlined />, label: <Link to="/dashboard">{t('menu.dashboard')}</Link> });
    // The admin area (三员分立): each administrator sees their own part.
    if (hasRole(user, 'admin')) entries.push({ key: '/admin/org', icon: <ClusterOutlined />, label: <Link to="/admin/org">{t('menu.org')}</Link> });
    if (hasRole(user, 'admin')) entries.push({ key: '/admin/import', icon: <UploadOutlined />, label: <Link to="/admin/import">{t('menu.csvImport')}</Link> });
    if (hasRole(user, 'admin', 'security_admin')) entries.push({ key: '/admin/users', icon: <TeamOutlined />, label: <Link to="/admin/users">{t('menu.users')}</Link> });
    if (hasRole(user, 'audit_admin')) entries.push({ key: '/admin/security-log', icon: <AuditOutlined />, label: <Link to="/admin/security-log">{t('menu.securityLog')}</Link> });
    return entries;
  }, [t, user, inbox, counts]);

  const selected = items.map((i) => i.key).find((key) => location.pathname === key || location.pathname.startsWith(`${key}/`));

  return (
    <Layout className="app-layout">
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={216} className="app-sider">
        <Link to="/" className="app-brand" aria-label={t('app.fullName')}>
          <span className="brand-mark">治</span>
          {!collapsed && <span className="brand-text">{t('app.name')}<small>{t('app.product')}</small></span>}
        </Link>
        <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={items} />
      </Sider>
      <Layout>
        <Header className="app-header">
          <Space size="middle" className="app-header-right">
            <ClockControl />
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Header>
        <Content className="app-content">
          <Outlet />
        </Content>
        <Footer className="app-footer">{t('app.footer')}</Footer>
      </Layout>
    </Layout>
  );
}
