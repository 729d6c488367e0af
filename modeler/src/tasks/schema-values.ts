// Between a form generated from a JSON Schema and the API: the values to send, and the fields an API error names.
import type { JsonSchema } from '../api/types';
import { fieldKind, toApiValue } from './schema-fields';

export const isObjectSchema = (schema: JsonSchema) => schema.type === 'object' && Boolean(schema.properties);

/** The form's values as the API wants them: empty optional values dropped (an untouched field is not sent as
 *  ""), empty nested objects dropped, and control values converted (local date-times to instants). */
export function toData(values: Record<string, unknown> | undefined, schema: JsonSchema): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    const raw = values?.[name];
    const value = isObjectSchema(sub) ? toData(raw as Record<string, unknown> | undefined, sub) : toApiValue(fieldKind(name, sub), raw);
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    data[name] = typeof value === 'string' ? value.trim() : value;
  }
  return Object.keys(data).length > 0 ? data : undefined;
}

/** Dotted paths of every leaf field ("penalty.kind"), to match the API's error paths. */
export function leafPaths(schema: JsonSchema, prefix: string[] = []): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, sub]) => (isObjectSchema(sub) ? leafPaths(sub, [...prefix, name]) : [[...prefix, name].join('.')]));
}

/**
 * The field an API error path lands on ("data.penalty" → penalty.kind, "input.inspectors.1" → inspectors): its leaf,
 * or an object's first leaf; undefined when the form has no such field.
 */
export function fieldOfErrorPath(path: string, prefix: 'data' | 'input', known: string[]): string | undefined {
  if (!path.startsWith(`${prefix}.`)) return undefined;
  const rest = path.slice(prefix.length + 1).replace(/\.\d+$/, '');
  return known.includes(rest) ? rest : known.find((k) => k.startsWith(`${rest}.`));
}
