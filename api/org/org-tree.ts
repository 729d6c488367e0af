// The org tree in memory (a few hundred units), answering "which units may this user act on": their own unit and
// everything beneath it — a leader or auditor of a street sees that street, of the district the district. It is
// reloaded when the organisation changes (any API process bumps the shared generation, api/auth/revocation.ts) and,
// as a fallback, on a short interval.
import type { Db } from '../../db/client';
import { orgUnits } from '../../db/schema';
import { CASELESS_ROLES, publicOnly, type Role } from '../../domain/roles';

export type OrgUnit = typeof orgUnits.$inferSelect;

const REFRESH_MS = 30_000;

export class OrgTree {
  private units = new Map<string, OrgUnit>();
  private children = new Map<string, string[]>();
  private loadedAt = 0;
  private generation: number | null = null;
  /** Moves on with every reload, so scopes computed from an older tree are known to be stale. */
  version = 0;

  constructor(private readonly db: Db) {}

  /** Reloads when the organisation's generation moved since the last load (a unit created, moved or renamed anywhere). */
  async sync(generation: number): Promise<void> {
    if (generation !== this.generation) {
      await this.refresh(true);
      this.generation = generation;
    } else {
      await this.refresh();
    }
  }

  async refresh(force = false): Promise<void> {
    if (!force && Date.now() - this.loadedAt < REFRESH_MS) return;
    const rows = await this.db.select().from(orgUnits);
    this.units = new Map(rows.map((u) => [u.id, u]));
    this.children = new Map();
    for (const u of rows) {
      if (u.parentId) this.children.set(u.parentId, [...(this.children.get(u.parentId) ?? []), u.id]);
    }
    this.loadedAt = Date.now();
    this.version += 1;
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

  /** The units a user acts on and reads: their unit's subtree; none for the security and audit administrators. */
  scopeOf(user: { roles: string[]; orgUnitId: string }): string[] {
    if (user.roles.some((r) => CASELESS_ROLES.includes(r as Role))) return [];
    return this.descendantsAndSelf(user.orgUnitId);
  }

  /** True when the user's scope is the whole organisation: an official of the root unit (never a portal account). */
  wholeTree(user: { roles: string[]; orgUnitId: string }): boolean {
    if (publicOnly(user.roles) || user.roles.some((r) => CASELESS_ROLES.includes(r as Role))) return false;
    const unit = this.units.get(user.orgUnitId);
    return unit !== undefined && unit.parentId === null;
  }
}
