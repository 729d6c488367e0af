// The role keys an account may be given, in the order of DOMAIN.md §2 (labels come from the i18n files).
export const ROLE_KEYS = [
  'grid_worker', 'community_staff', 'dispatcher', 'shift_chief', 'platform_operator', 'dept_handler', 'district_leader',
  'enforcement_officer', 'case_officer', 'legal_reviewer', 'hearing_officer', 'agency_head', 'window_clerk', 'approver',
  'verifier', 'auditor', 'process_designer', 'admin', 'security_admin', 'audit_admin', 'applicant',
] as const;
