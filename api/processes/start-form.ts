// The start form of a process for the signed-in user: the input's JSON Schema (the same zod schema the start
// validates), and the choices the form offers for fields that name catalog entries, people, grids or the
// applicant's bound subjects — each scoped as the starter will check it, so what the form offers, the start accepts.
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { catalogEntries, portalSubjects, users } from '../../db/schema';
import { contractOf } from '../../domain/processes';
import { PENALTY_KEY } from '../../domain/processes/inspection-penalty';
import { LICENSING_KEY } from '../../domain/processes/commitment-licensing';
import { WHISTLE_KEY } from '../../domain/processes/whistle-escalation';
import type { Actor } from '../../domain/actor';
import { forbidden, notFound } from '../errors';
import type { AppContext } from '../context';
import { portalOnly } from '../tasks/task-view';

/** One choice of a field; `fill` sets the fields of an object field at once (a bound subject's name and code). */
export interface StartChoice { value: string; label: string; fill?: Record<string, string> }

export interface StartForm {
  key: string;
  name: string;
  description: string;
  /** JSON Schema (2020-12) of the start body's `input`. */
  schema: Record<string, unknown>;
  /** Choices by dotted field path ("matter", "inspectors", "applicant"). */
  choices: Record<string, StartChoice[]>;
  /** Values the form starts with, by dotted field path. */
  defaults: Record<string, unknown>;
}

type Choices = Pick<StartForm, 'choices' | 'defaults'>;

async function catalogChoices(ctx: AppContext, catalog: string): Promise<StartChoice[]> {
  const rows = await ctx.db.select().from(catalogEntries).where(eq(catalogEntries.catalog, catalog)).orderBy(asc(catalogEntries.code));
  return rows.map((r) => ({ value: r.code, label: r.name }));
}

/** The matters, and the enforcement officers who may inspect with the starter: those who work in the same street. */
async function penaltyChoices(ctx: AppContext, actor: Actor): Promise<Choices> {
  const street = ctx.orgTree.ancestorsAndSelf(actor.orgUnitId).find((u) => u.kind === 'street');
  const officers = street ? await ctx.db.select().from(users).where(eq(users.active, true)).orderBy(asc(users.username)) : [];
  const inspectors = officers
    .filter((u) => u.roles.includes('enforcement_officer') && ctx.orgTree.scopeOf(u).includes(street!.id))
    .map((u) => ({ value: u.id, label: `${u.name}（${u.username}）` }));
  return { choices: { matter: await catalogChoices(ctx, 'matters'), inspectors }, defaults: { inspectors: [actor.id], origin: 'patrol' } };
}

/** The licence items; for a member of the public, the subjects bound to their account, the only ones they may apply for. */
async function licensingChoices(ctx: AppContext, actor: Actor): Promise<Choices> {
  const items = await ctx.db.select().from(catalogEntries).where(eq(catalogEntries.catalog, 'licence-items')).orderBy(asc(catalogEntries.code));
  const choices: Record<string, StartChoice[]> = {
    itemCode: items.map((i) => ({ value: i.code, label: i.data.commitmentAllowed === true ? `${i.name}（可告知承诺）` : i.name })),
  };
  if (portalOnly(actor)) {
    const subjects = await ctx.db.select().from(portalSubjects).where(eq(portalSubjects.userId, actor.id)).orderBy(asc(portalSubjects.name));
    choices.applicant = subjects.map((s) => ({
      value: s.creditCode, label: `${s.name}（${s.creditCode}）`,
      fill: { name: s.name, creditCode: s.creditCode, ...(s.idNumber ? { idNumber: s.idNumber } : {}) },
    }));
  }
  return { choices, defaults: { route: 'commitment' } };
}

/** Event categories, and the grids the reporter may report from (their own first). */
async function whistleChoices(ctx: AppContext, actor: Actor): Promise<Choices> {
  const grids = ctx.orgTree.all().filter((u) => u.kind === 'grid' && u.code && actor.scopeOrgUnitIds.includes(u.id));
  const own = grids.find((g) => g.id === actor.orgUnitId);
  return {
    choices: { category: await catalogChoices(ctx, 'event-categories'), gridCode: grids.map((g) => ({ value: g.code!, label: `${g.code} ${g.name}` })) },
    defaults: own ? { gridCode: own.code } : {},
  };
}

const CHOICES: Record<string, (ctx: AppContext, actor: Actor) => Promise<Choices>> = {
  [PENALTY_KEY]: penaltyChoices,
  [LICENSING_KEY]: licensingChoices,
  [WHISTLE_KEY]: whistleChoices,
};

export async function startFormOf(ctx: AppContext, actor: Actor, key: string): Promise<StartForm> {
  const contract = contractOf(key);
  if (!contract) throw notFound(`no process ${key}`);
  if (!actor.roles.some((r) => contract.startRoles.includes(r))) {
    throw forbidden(`starting ${key} needs one of the roles: ${contract.startRoles.join(', ')}`);
  }
  await ctx.orgTree.refresh();
  // A process without its own choices yet (random inspection, hotline) gets the bare form of its input schema.
  const { choices, defaults } = Object.hasOwn(CHOICES, key) ? await CHOICES[key](ctx, actor) : { choices: {}, defaults: {} };
  const schema = z.toJSONSchema(contract.inputSchema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return { key: contract.key, name: contract.name, description: contract.description, schema, choices, defaults };
}
