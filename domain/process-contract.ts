// The shape every process declares once: its steps (BPMN element ids, from the zod-free step table the workflows
// read, domain/process-steps.ts), who handles each, and the actions with their data schemas. The API and the
// conformance check read it; the workflows read only the step table.
import { z } from 'zod';
import type { Role } from './roles';
import type { ActionShape, StepShape, StepTable } from './process-steps';

export { actsOnBehalf, splitConsent } from './process-steps';

type ActionData = z.ZodType<Record<string, unknown>>;

export interface ActionContract extends ActionShape {
  schema: ActionData;
}

export interface StepContract extends StepShape {
  actions: Record<string, ActionContract>;
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

/** One data-schema builder for every action of every step of a table: tsc refuses a missing or a stray action. */
export type ActionSchemas<T extends StepTable> = { [S in keyof T]: { [A in keyof T[S]['actions']]: () => ActionData } };

/**
 * A step table with its actions' data schemas, each built on first use, then kept: an API process validates only
 * the actions it receives.
 */
export function withSchemas<T extends StepTable>(steps: T, schemas: ActionSchemas<T>): Record<string, StepContract> {
  return Object.fromEntries(Object.entries(steps).map(([stepId, step]) => [stepId, {
    ...step,
    actions: Object.fromEntries(Object.entries(step.actions).map(([name, shape]) => {
      const build = (schemas[stepId] as Record<string, () => ActionData>)[name];
      let schema: ActionData | undefined;
      return [name, { ...shape, get schema() { schema ??= build(); return schema; } }];
    })),
  }]));
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

