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
  applicant: '申请人',
  hotline_operator: '12345热线受理员',
} as const;

export type Role = keyof typeof ROLE_LABELS;
export const ROLES = Object.keys(ROLE_LABELS) as Role[];
export const roleSchema = z.enum(ROLES as [Role, ...Role[]]);

/** True for an account of a member of the public (the online portal): it holds no official's role. */
export const publicOnly = (roles: readonly string[]): boolean => roles.every((r) => r === 'applicant');

/** Roles that may read every instance and task, whatever their org unit. */
export const READ_ALL_ROLES: readonly Role[] = ['auditor', 'admin', 'process_designer', 'district_leader'];
