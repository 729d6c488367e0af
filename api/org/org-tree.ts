// The org tree in memory (a few hundred units), refreshed on a short interval, answering "which units may
// this user act on": their own unit and everything beneath it, or the whole district for district roles.
import type { Db } from '../../db/client';
import { orgUnits } from '../../db/schema';
import type { Role } from '../../domain/roles';

export type OrgUnit = typeof orgUnits.$inferSelect;

const DISTRICT_WIDE: readonly Role[] = ['district_leader', 'auditor', 'admin', 'process_designer', 'platform_operator'];
const REFRESH_MS = 30_000;

export class OrgTree {
  private units = new Map<string, OrgUnit>();
  private children = new Map<string, string[]>();
  private loadedAt = 0;

  constructor(private readonly db: Db) {}

  async refresh(force = false): Promise<void> {
    if (!force && Date.now() - this.loadedAt < REFRESH_MS) return;
    const rows = await this.db.select().from(orgUnits);
    this.units = new Map(rows.map((u) => [u.id, u]));
    this.children = new Map();
    for (const u of rows) {
      if (u.parentId) this.children.set(u.parentId, [...(this.children.get(u.parentId) ?? []), u.id]);
    }
    this.loadedAt = Date.now();
  }

  get(id: string): OrgUnit | undefined {
    return this.units.get(id);
  }

  all(): OrgUnit[] {
    return [...this.units.values()];
  }

  byCode(code: string): OrgUnit | undefined {
    return this.all().find((u) => u.code === code);
  }

  descendantsAndSelf(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length) {
      const next = stack.pop()!;
      out.push(next);
      stack.push(...(this.children.get(next) ?? []));
    }
    return out;
  }

  /** From the unit up to the root: grid, community, street, district. */
  ancestorsAndSelf(id: string): OrgUnit[] {
    const out: OrgUnit[] = [];
    for (let unit = this.units.get(id); unit; unit = unit.parentId ? this.units.get(unit.parentId) : undefined) out.push(unit);
    return out;
  }

  scopeOf(user: { roles: string[]; orgUnitId: string }): string[] {
    if (user.roles.some((r) => DISTRICT_WIDE.includes(r as Role))) return [...this.units.keys()];
    return this.descendantsAndSelf(user.orgUnitId);
  }
}
