// The kinds of org unit (DOMAIN.md §2) and where each hangs in the tree: district → street → community → grid, and
// departments under the district.
export const ORG_UNIT_KINDS = ['district', 'street', 'community', 'grid', 'department'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

const PARENT_KIND: Record<OrgUnitKind, OrgUnitKind | null> = {
  district: null, street: 'district', community: 'street', grid: 'community', department: 'district',
};

/** The kind of unit a unit of `kind` belongs under; null for the district, the root. */
export function parentKindOf(kind: OrgUnitKind): OrgUnitKind | null {
  return PARENT_KIND[kind];
}
