// The shape every process declares once: its steps (BPMN element ids), who handles each, and the
// actions with their data schemas. The workflow validator, the API and the conformance check all read it.
import { z } from 'zod';
import type { Role } from './roles';
import type { TimeLimit } from './time-limit';

export interface ActionContract {
  label: string;
  schema: z.ZodType<Record<string, unknown>>;
  /** The task stays open after this action (e.g. 签收 acknowledge). */
  keepsOpen?: boolean;
}

export interface StepContract {
  name: string;
  role: Role;
  /**
   * Roles that may act on this step on its holder's behalf (a window clerk for an applicant). Whoever does records
   * the holder's consent with the action (`data.consent`, see `partyConsentSchema`).
   */
  onBehalfRoles?: readonly Role[];
  actions: Record<string, ActionContract>;
  /** Default limit when neither the diagram nor a catalog sets one. */
  defaultLimit: TimeLimit;
}

export interface ProcessContract<Input = unknown> {
  key: string;
  name: string;
  description: string;
  /** Prefix of readable instance numbers. */
  idPrefix: string;
  startRoles: readonly Role[];
  inputSchema: z.ZodType<Input>;
  steps: Record<string, StepContract>;
  /** Flow nodes the code needs that are not human steps (service tasks, events). */
  otherElements: readonly string[];
  titleOf(input: Input): string;
}

export const noData = z.object({}).strict();

/**
 * An action whose data schema is built on first use, then kept. Every workflow evaluates every contract module in
 * its own sandbox (again on each replay after eviction) and validates only the few actions its tasks receive;
 * built eagerly, the contracts' zod schemas were most of a cached workflow's memory (bench/worker-memory.ts).
 */
export function action(label: string, buildSchema: () => ActionContract['schema'], options: { keepsOpen?: boolean } = {}): ActionContract {
  let schema: ActionContract['schema'] | undefined;
  return {
    label,
    ...options,
    get schema() {
      schema ??= buildSchema();
      return schema;
    },
  };
}

/** Zod string that refuses NUL (Postgres text cannot store it) and trims nothing: what the clerk typed is kept. */
export const text = (max = 2000) =>
  z.string().min(1).max(max).refine((s) => !s.includes('\u0000'), { message: 'must not contain NUL characters' });

/**
 * The party's consent to an act on their behalf, recorded with it: how it was given — in person with the ID card
 * checked, or on a signed form — and a reference to find the record again (a register entry, the form's number).
 */
export const partyConsentSchema = z.object({
  method: z.enum(['inPersonIdChecked', 'signedForm']),
  reference: text(200),
}).strict();
export type PartyConsent = z.infer<typeof partyConsentSchema>;

/** True when the actor acts on the step only through an on-behalf role (a clerk for the party), not as its holder. */
export function actsOnBehalf(step: StepContract, roles: readonly string[]): boolean {
  return !roles.includes(step.role) && (step.onBehalfRoles ?? []).some((r) => roles.includes(r));
}

/** An on-behalf request's data without its `consent`, which is checked apart from the action's own fields. */
export function splitConsent(data: Record<string, unknown>): { consent: unknown; rest: Record<string, unknown> } {
  const { consent, ...rest } = data;
  return { consent, rest };
}
