// The units every district starts with, in production as in the demo: the district itself (the root) and the five
// district departments the default catalogs route to (matters and event categories name them by id). A district
// renames them, adds its streets, communities and grids, and more departments, through the admin API or an import.
export interface OrgUnitSeed { id: string; kind: 'district' | 'street' | 'community' | 'grid' | 'department'; name: string; parentId: string | null; code?: string }

export const ROOT_UNIT: OrgUnitSeed = { id: 'district', kind: 'district', name: '示范区', parentId: null };

export const STANDARD_DEPARTMENTS: OrgUnitSeed[] = [
  { id: 'dept-urban', kind: 'department', name: '区城市管理局', parentId: 'district' },
  { id: 'dept-market', kind: 'department', name: '区市场监督管理局', parentId: 'district' },
  { id: 'dept-ecology', kind: 'department', name: '区生态环境局', parentId: 'district' },
  { id: 'dept-housing', kind: 'department', name: '区住房和城乡建设局', parentId: 'district' },
  { id: 'dept-emergency', kind: 'department', name: '区应急管理局', parentId: 'district' },
];
