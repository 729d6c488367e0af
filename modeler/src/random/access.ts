// Who sees the double-random pages: the plans' owners (platform operators, agency heads), leaders and auditors, admins.
import type { User } from '../api/types';
import { hasRole } from '../auth/roles';

export const readsRandomInspection = (user: User | null | undefined) => hasRole(user, 'platform_operator', 'agency_head', 'district_leader', 'auditor', 'admin');
