// What each role may see in the app, and where each role's work is (its home page after login).
import type { User } from '../api/types';

/** Roles whose members work no inbox of tasks: readers, designers and the three administrators (三员分立). */
const READ_ONLY_ROLES = ['auditor', 'process_designer', 'admin', 'security_admin', 'audit_admin'];

/** The security and audit administrators see no case; the system administrator keeps the case view. */
export const seesCases = (user: User | null | undefined) => !!user && !user.roles.every((r) => r === 'security_admin' || r === 'audit_admin');

export const hasRole = (user: User | null | undefined, ...roles: string[]) => !!user && user.roles.some((r) => roles.includes(r));

export const worksInbox = (user: User | null | undefined) => !!user && user.roles.some((r) => !READ_ONLY_ROLES.includes(r));

/** The roles the KPI endpoint serves: leaders, auditors, admins, and the street's command centre. */
export const readsKpis = (user: User | null | undefined) => hasRole(user, 'district_leader', 'auditor', 'admin', 'shift_chief', 'dispatcher');

/** The roles the 12345 rates serve: the KPI readers and the 12345 centre. */
export const readsHotlineRates = (user: User | null | undefined) => readsKpis(user) || hasRole(user, 'hotline_operator');

/** The dashboard shows what the user may read of the KPIs and the 12345 rates. */
export const readsDashboard = readsHotlineRates;

export const readsProcesses = (user: User | null | undefined) => hasRole(user, 'process_designer', 'auditor', 'admin');

export function homeOf(user: User): string {
  if (hasRole(user, 'district_leader')) return '/dashboard';
  if (hasRole(user, 'process_designer')) return '/processes';
  if (hasRole(user, 'security_admin')) return '/admin/users';
  if (hasRole(user, 'audit_admin')) return '/admin/security-log';
  if (hasRole(user, 'auditor', 'admin')) return '/instances';
  // A member of the public has applications, not an inbox of official tasks.
  if (user.roles.every((r) => r === 'applicant')) return '/portal';
  if (hasRole(user, 'hotline_operator')) return '/hotline';
  return '/tasks';
}
