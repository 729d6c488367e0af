// The demo organisation and users of API.md "Running it": one district, two streets with their communities
// and grids, five district departments, one user per role key (a second street's users end in `_b`), and two
// department officers holding two roles each.
import type { Role } from '../domain/roles';
import { ROOT_UNIT, STANDARD_DEPARTMENTS, type OrgUnitSeed } from './default-org';

export type { OrgUnitSeed } from './default-org';
export interface UserSeed { username: string; name: string; roles: Role[]; orgUnitId: string }

export const DEMO_PASSWORD = 'demo123';

export const DEMO_ORG_UNITS: OrgUnitSeed[] = [
  ROOT_UNIT,
  { id: 'street-a', kind: 'street', name: '东湖街道', parentId: 'district' },
  { id: 'community-a1', kind: 'community', name: '东湖社区', parentId: 'street-a' },
  { id: 'grid-a1-1', kind: 'grid', name: '东湖社区第一网格', parentId: 'community-a1', code: 'G-A1-01' },
  { id: 'grid-a1-2', kind: 'grid', name: '东湖社区第二网格', parentId: 'community-a1', code: 'G-A1-02' },
  { id: 'community-a2', kind: 'community', name: '湖滨社区', parentId: 'street-a' },
  { id: 'grid-a2-1', kind: 'grid', name: '湖滨社区第一网格', parentId: 'community-a2', code: 'G-A2-01' },
  { id: 'grid-a2-2', kind: 'grid', name: '湖滨社区第二网格', parentId: 'community-a2', code: 'G-A2-02' },
  { id: 'street-b', kind: 'street', name: '西园街道', parentId: 'district' },
  { id: 'community-b1', kind: 'community', name: '西园社区', parentId: 'street-b' },
  { id: 'grid-b1-1', kind: 'grid', name: '西园社区第一网格', parentId: 'community-b1', code: 'G-B1-01' },
  { id: 'grid-b1-2', kind: 'grid', name: '西园社区第二网格', parentId: 'community-b1', code: 'G-B1-02' },
  { id: 'community-b2', kind: 'community', name: '桂园社区', parentId: 'street-b' },
  { id: 'grid-b2-1', kind: 'grid', name: '桂园社区第一网格', parentId: 'community-b2', code: 'G-B2-01' },
  { id: 'grid-b2-2', kind: 'grid', name: '桂园社区第二网格', parentId: 'community-b2', code: 'G-B2-02' },
  ...STANDARD_DEPARTMENTS,
];

const streetUsers = (suffix: string, street: string, community: string, grid: string): UserSeed[] => [
  { username: `grid_worker${suffix}`, name: suffix ? '赵网格' : '王网格', roles: ['grid_worker'], orgUnitId: grid },
  { username: `community_staff${suffix}`, name: suffix ? '钱社区' : '李社区', roles: ['community_staff'], orgUnitId: community },
  { username: `dispatcher${suffix}`, name: suffix ? '孙派遣' : '张派遣', roles: ['dispatcher'], orgUnitId: street },
  { username: `shift_chief${suffix}`, name: suffix ? '周值班' : '刘值班', roles: ['shift_chief'], orgUnitId: street },
  { username: `enforcement_officer${suffix}`, name: suffix ? '吴执法' : '陈执法', roles: ['enforcement_officer'], orgUnitId: street },
  { username: `enforcement_officer2${suffix}`, name: suffix ? '郑执法' : '杨执法', roles: ['enforcement_officer'], orgUnitId: street },
  { username: `window_clerk${suffix}`, name: suffix ? '冯窗口' : '黄窗口', roles: ['window_clerk'], orgUnitId: street },
  { username: `approver${suffix}`, name: suffix ? '卫审批' : '何审批', roles: ['approver'], orgUnitId: street },
  { username: `verifier${suffix}`, name: suffix ? '蒋核查' : '高核查', roles: ['verifier'], orgUnitId: street },
  { username: `applicant${suffix}`, name: suffix ? '沈申请' : '林申请', roles: ['applicant'], orgUnitId: street },
  // The street's head (街道办事处主任): the agency head who approves a licensing decision's extension (行政许可法 art. 42).
  { username: `street_head${suffix}`, name: suffix ? '秦主任' : '尤主任', roles: ['agency_head'], orgUnitId: street },
];

export const DEMO_USERS: UserSeed[] = [
  ...streetUsers('', 'street-a', 'community-a1', 'grid-a1-1'),
  ...streetUsers('_b', 'street-b', 'community-b1', 'grid-b1-1'),
  { username: 'dept_handler', name: '马承办', roles: ['dept_handler'], orgUnitId: 'dept-urban' },
  { username: 'dept_handler2', name: '罗承办', roles: ['dept_handler'], orgUnitId: 'dept-market' },
  { username: 'district_leader', name: '梁领导', roles: ['district_leader'], orgUnitId: 'district' },
  { username: 'platform_operator', name: '宋平台', roles: ['platform_operator'], orgUnitId: 'district' },
  { username: 'case_officer', name: '谢办案', roles: ['case_officer'], orgUnitId: 'dept-urban' },
  { username: 'case_officer2', name: '韩办案', roles: ['case_officer'], orgUnitId: 'dept-urban' },
  { username: 'legal_reviewer', name: '唐法制', roles: ['legal_reviewer'], orgUnitId: 'dept-urban' },
  // Two people with two posts, as small bureaus have: the rules, not the roles, keep the duties apart, and the
  // demo shows it — investigating a case bars them from its legal review and from hosting its hearing (查处分离).
  { username: 'case_legal', name: '潘办审', roles: ['case_officer', 'legal_reviewer'], orgUnitId: 'dept-urban' },
  { username: 'case_hearing', name: '田办听', roles: ['case_officer', 'hearing_officer'], orgUnitId: 'dept-urban' },
  { username: 'hearing_officer', name: '许听证', roles: ['hearing_officer'], orgUnitId: 'dept-urban' },
  { username: 'agency_head', name: '邓局长', roles: ['agency_head'], orgUnitId: 'dept-urban' },
  { username: 'hotline_operator', name: '董热线', roles: ['hotline_operator'], orgUnitId: 'district' },
  { username: 'auditor', name: '曹审计', roles: ['auditor'], orgUnitId: 'district' },
  { username: 'process_designer', name: '彭设计', roles: ['process_designer'], orgUnitId: 'district' },
  // 三员分立: the system, security and audit administrators, one role each (demo accounts: no second factor, no forced change).
  { username: 'admin', name: '曾管理', roles: ['admin'], orgUnitId: 'district' },
  { username: 'security_admin', name: '严安全', roles: ['security_admin'], orgUnitId: 'district' },
  { username: 'audit_admin', name: '鲁审计', roles: ['audit_admin'], orgUnitId: 'district' },
];

export interface PortalSubjectSeed { username: string; name: string; creditCode: string; idNumber?: string }

/** The subjects the demo portal accounts may apply for, as if verified at registration (valid GB 32100 codes). */
export const DEMO_PORTAL_SUBJECTS: PortalSubjectSeed[] = [
  { username: 'applicant', name: '东湖便利店', creditCode: '91330106MA2H00001E' },
  { username: 'applicant_b', name: '西园小吃店', creditCode: '91330106MA2H00002H' },
];
