// Guards the signed-in part of the app: without a session, go to the login page and remember where we were; an
// account bound to change its password or enrol a second factor does that first.
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from './AuthProvider';

export function RequireAuth() {
  const { user, session } = useAuth();
  const location = useLocation();
  if (!user) {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  if (session?.mustChangePassword && location.pathname !== '/account/password') return <Navigate to="/account/password" replace />;
  if (!session?.mustChangePassword && session?.totpRequired && location.pathname !== '/account/totp') return <Navigate to="/account/totp" replace />;
  return <Outlet />;
}
