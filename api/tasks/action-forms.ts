// The actions of a step as forms: label, whether the task stays open, and the data's JSON Schema, generated
// from the same zod schemas the validator uses, so the web app renders a form per action without duplicating rules.
import { z } from 'zod';
import { stepOf } from '../../domain/processes';
import { partyConsentSchema } from '../../domain/process-contract';

export interface ActionForm {
  action: string;
  label: string;
  keepsOpen: boolean;
  schema: unknown;
}

const cache = new Map<string, ActionForm[]>();

/** With `onBehalf` (a clerk acting for the party), each form also asks for the party's consent (`consent`). */
export function actionForms(processKey: string, stepId: string, onBehalf = false): ActionForm[] {
  const key = `${processKey}/${stepId}/${onBehalf}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const step = stepOf(processKey, stepId);
  const forms = Object.entries(step?.actions ?? {}).map(([action, contract]) => ({
    action,
    label: contract.label,
    keepsOpen: contract.keepsOpen === true,
    schema: onBehalf ? withConsent(z.toJSONSchema(contract.schema, { unrepresentable: 'any', io: 'input' })) : z.toJSONSchema(contract.schema, { unrepresentable: 'any', io: 'input' }),
  }));
  cache.set(key, forms);
  return forms;
}

function withConsent(schema: { properties?: Record<string, unknown>; required?: string[] }) {
  return {
    ...schema,
    properties: { ...schema.properties, consent: z.toJSONSchema(partyConsentSchema, { io: 'input' }) },
    required: [...(schema.required ?? []), 'consent'],
  };
}
