// The roles of DOMAIN.md §2, with their Chinese labels; a user holds one or more.
import { z } from 'zod';

export const ROLE_LABELS = {
  grid_worker: '网格员',
  community_staff: '社区工作人员',
  dispatcher: '派遣员',
  shift_chief: '值班长',
  platform_operator: '区综合指挥平台操作员',
  dept_handler: '部门承办人',
  district_leader: '区级挂包领导',
  enforcement_officer: '综合执法队员',
  case_officer: '办案人员',
  legal_reviewer: '法制审核员',
  hearing_officer: '听证主持人',
  agency_head: '部门负责人',
  window_clerk: '窗口受理员',
  approver: '审批员',
  verifier: '核查人员',
  auditor: '审计员',
  process_designer: '流程设计员',
  admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  applicant: '申请人',
  hotline_operator: '12345热线受理员',
} as const;

export type Role = keyof typeof ROLE_LABELS;
export const ROLES = Object.keys(ROLE_LABELS) as Role[];
export const roleSchema = z.enum(ROLES as [Role, ...Role[]]);

/** True for an account of a member of the public (the online portal): it holds no official's role. */
export const publicOnly = (roles: readonly string[]): boolean => roles.every((r) => r === 'applicant');

/**
 * The three administrators of 三员分立 (等保 2.0, GB/T 22239-2019 level 3): the system administrator (organisation,
 * users, catalogs), the security administrator (roles, unlocks, password resets) and the audit administrator (reads
 * the security log). Each is held alone: never two on one account, and never beside a role that acts on cases.
 */
export const ADMIN_ROLES = ['admin', 'security_admin', 'audit_admin'] as const satisfies readonly Role[];
export type AdminRole = (typeof ADMIN_ROLES)[number];
export const isAdminRole = (role: string): role is AdminRole => (ADMIN_ROLES as readonly string[]).includes(role);

/** Why a set of roles breaks 三员分立, or null when it does not. */
export function administratorConflict(roles: readonly string[]): string | null {
  const held = roles.filter(isAdminRole);
  if (held.length > 1) return `one account may hold only one administrator role, not ${held.join(' and ')} (三员分立)`;
  if (held.length === 1 && roles.some((r) => !isAdminRole(r))) {
    return `an administrator (${held[0]}) holds no other role: administrators never act on cases (三员分立)`;
  }
  return null;
}

/**
 * Roles whose holders act on no unit's cases: the security and audit administrators see no case at all (the system
 * administrator keeps the read-only case view it manages catalogs for).
 */
export const CASELESS_ROLES: readonly Role[] = ['security_admin', 'audit_admin'];
