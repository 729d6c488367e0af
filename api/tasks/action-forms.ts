// The actions of a step as forms: label, whether the task stays open, and the data's JSON Schema, generated
// from the same zod schemas the validator uses, so the web app renders a form per action without duplicating rules.
import { z } from 'zod';
import { contractOf } from '../../domain/processes';

export interface ActionForm {
  action: string;
  label: string;
  keepsOpen: boolean;
  schema: unknown;
}

const cache = new Map<string, ActionForm[]>();

export function actionForms(processKey: string, stepId: string): ActionForm[] {
  const key = `${processKey}/${stepId}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const steps = contractOf(processKey)?.steps;
  const step = steps && Object.hasOwn(steps, stepId) ? steps[stepId] : undefined;
  const forms = Object.entries(step?.actions ?? {}).map(([action, contract]) => ({
    action,
    label: contract.label,
    keepsOpen: contract.keepsOpen === true,
    schema: z.toJSONSchema(contract.schema, { unrepresentable: 'any', io: 'input' }),
  }));
  cache.set(key, forms);
  return forms;
}
