// The routes, with each page in its own chunk; the paths are the shareable deep links of the API contract.
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Spin } from 'antd';
import { RequireAuth } from '../auth/RequireAuth';
import { useAuth } from '../auth/AuthProvider';
import { homeOf } from '../auth/roles';
import { LoginPage } from '../auth/LoginPage';
import { NotFoundPage } from './NotFoundPage';

// The frame of signed-in pages (menu, header) is a chunk of its own too: the sign-in page loads none of it.
const AppLayout = lazy(() => import('../layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const InboxPage = lazy(() => import('../tasks/InboxPage'));
const TaskPage = lazy(() => import('../tasks/TaskPage'));
const HotlinePage = lazy(() => import('../hotline/HotlinePage'));
const GridReportPage = lazy(() => import('../cases/GridReportPage'));
const InstancesPage = lazy(() => import('../instances/InstancesPage'));
const InstancePage = lazy(() => import('../instances/InstancePage'));
const ProcessesPage = lazy(() => import('../processes/ProcessesPage'));
const DesignerPage = lazy(() => import('../processes/DesignerPage'));
const DashboardPage = lazy(() => import('../dashboard/DashboardPage'));
const ChangePasswordPage = lazy(() => import('../account/ChangePasswordPage'));
const TotpEnrolPage = lazy(() => import('../account/TotpEnrolPage'));
const OrgAdminPage = lazy(() => import('../admin/OrgAdminPage'));
const UsersAdminPage = lazy(() => import('../admin/UsersAdminPage'));
const SecurityLogPage = lazy(() => import('../admin/SecurityLogPage'));
const ImportPage = lazy(() => import('../admin/ImportPage'));
const StartPage = lazy(() => import('../cases/StartPage'));
const PortalPage = lazy(() => import('../portal/PortalPage'));
const RandomPlansPage = lazy(() => import('../random/RandomPlansPage'));
const PlanFormPage = lazy(() => import('../random/PlanFormPage'));
const DrawPage = lazy(() => import('../random/DrawPage'));
const PublicResultsPage = lazy(() => import('../random/PublicResultsPage'));

function Home() {
  const { user } = useAuth();
  return <Navigate to={user ? homeOf(user) : '/login'} replace />;
}

const fallback = <div className="page-loading"><Spin size="large" /></div>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* 一公开: no sign-in. /public/inspections is the name API.md gives the page. */}
      <Route path="/public/inspection-results" element={<Suspense fallback={fallback}><PublicResultsPage /></Suspense>} />
      <Route path="/public/inspections" element={<Suspense fallback={fallback}><PublicResultsPage /></Suspense>} />
      <Route path="/" element={<Home />} />
      <Route element={<RequireAuth />}>
        <Route path="/account/password" element={<Suspense fallback={fallback}><ChangePasswordPage /></Suspense>} />
        <Route path="/account/totp" element={<Suspense fallback={fallback}><TotpEnrolPage /></Suspense>} />
        <Route element={<Suspense fallback={fallback}><AppLayout /></Suspense>}>
          <Route path="/tasks" element={<Suspense fallback={fallback}><InboxPage /></Suspense>} />
          <Route path="/tasks/:taskId" element={<Suspense fallback={fallback}><TaskPage /></Suspense>} />
          <Route path="/report" element={<Suspense fallback={fallback}><GridReportPage /></Suspense>} />
          <Route path="/hotline" element={<Suspense fallback={fallback}><HotlinePage /></Suspense>} />
          <Route path="/instances" element={<Suspense fallback={fallback}><InstancesPage /></Suspense>} />
          <Route path="/instances/:instanceId" element={<Suspense fallback={fallback}><InstancePage /></Suspense>} />
          <Route path="/processes" element={<Suspense fallback={fallback}><ProcessesPage /></Suspense>} />
          <Route path="/processes/:key" element={<Suspense fallback={fallback}><DesignerPage /></Suspense>} />
          <Route path="/dashboard" element={<Suspense fallback={fallback}><DashboardPage /></Suspense>} />
          <Route path="/admin/org" element={<Suspense fallback={fallback}><OrgAdminPage /></Suspense>} />
          <Route path="/admin/users" element={<Suspense fallback={fallback}><UsersAdminPage /></Suspense>} />
          <Route path="/admin/security-log" element={<Suspense fallback={fallback}><SecurityLogPage /></Suspense>} />
          <Route path="/admin/import" element={<Suspense fallback={fallback}><ImportPage /></Suspense>} />
          <Route path="/start/:key" element={<Suspense fallback={fallback}><StartPage /></Suspense>} />
          <Route path="/portal" element={<Suspense fallback={fallback}><PortalPage /></Suspense>} />
          <Route path="/random" element={<Suspense fallback={fallback}><RandomPlansPage /></Suspense>} />
          <Route path="/random/plans/new" element={<Suspense fallback={fallback}><PlanFormPage /></Suspense>} />
          <Route path="/random/draws/:instanceId" element={<Suspense fallback={fallback}><DrawPage /></Suspense>} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
