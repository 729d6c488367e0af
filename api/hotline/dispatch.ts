// The dispatch catalog's suggestion (派单目录, 接诉即办条例 art. 12): the department of the category, the street of the
// named grid for a street category, or the district government to coordinate when only the area is known. The start
// of an order and the centre's intake form ask the same question here, so the form shows what the order will carry.
import { and, eq } from 'drizzle-orm';
import { catalogEntries } from '../../db/schema';
import { CATALOG_SCHEMAS, type HotlineDispatchEntry } from '../../domain/catalogs';
import { badRequest, conflict } from '../errors';
import type { AppContext } from '../context';

export type SuggestionBasis = 'department' | 'street' | 'district';

export interface DispatchSuggestion {
  unitId: string;
  basis: SuggestionBasis;
  entry: HotlineDispatchEntry;
}

export async function catalogEntry(ctx: AppContext, catalog: 'hotline-limits' | 'hotline-dispatch', code: string): Promise<unknown> {
  const [row] = await ctx.db.select().from(catalogEntries).where(and(eq(catalogEntries.catalog, catalog), eq(catalogEntries.code, code)));
  return row?.data;
}

/** The district a 12345 centre's user belongs to; 409 when they sit outside any district. */
export function centreDistrict(ctx: AppContext, orgUnitId: string): string {
  const district = ctx.orgTree.ancestorsAndSelf(orgUnitId).find((u) => u.kind === 'district');
  if (!district) throw conflict('the 12345 centre must belong to a district');
  return district.id;
}

/**
 * The unit the catalog suggests for a category and, optionally, a grid code. Bad input is a 400 naming `pathPrefix`'s
 * field (`input.category` at the start, `category` on the form's query).
 */
export async function suggestDispatch(ctx: AppContext, districtId: string, category: string, gridCode: string | undefined, pathPrefix = ''): Promise<DispatchSuggestion> {
  const raw = await catalogEntry(ctx, 'hotline-dispatch', category);
  if (raw === undefined) throw badRequest('unknown category', [{ path: `${pathPrefix}category`, message: `no hotline dispatch category ${category}` }]);
  const parsed = CATALOG_SCHEMAS['hotline-dispatch'].safeParse(raw);
  if (!parsed.success) throw conflict(`the hotline dispatch catalog lacks a valid entry for ${category}; ask an administrator`);
  const entry = parsed.data as HotlineDispatchEntry;
  let streetId: string | null = null;
  if (gridCode !== undefined) {
    const grid = ctx.orgTree.byCode(gridCode);
    if (!grid || grid.kind !== 'grid') throw badRequest('unknown grid', [{ path: `${pathPrefix}gridCode`, message: `no grid with code ${gridCode}` }]);
    streetId = ctx.orgTree.ancestorsAndSelf(grid.id).find((u) => u.kind === 'street')?.id ?? null;
  }
  if (entry.target === 'department' && entry.departmentId) return { unitId: entry.departmentId, basis: 'department', entry };
  if (entry.target === 'street' && streetId) return { unitId: streetId, basis: 'street', entry };
  return { unitId: districtId, basis: 'district', entry };
}
