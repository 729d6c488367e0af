// Turns one property of an action's JSON Schema into an Ant Design form control: strings → input or
// textarea (dates → date inputs), enums → select, booleans → switch, numbers → number input, string arrays →
// tags or, for departments and people, a select of the district's departments or of users in a role.
import { Input, InputNumber, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { JsonSchema, OrgUnit, User } from '../api/types';
import { creditCodeProblem, idNumberProblem, IDENTIFIER_FORMATS, normaliseIdentifier } from '../../../domain/identifiers';

/** Identifier formats the API's JSON Schema names, checked here with the server's own module (GB 32100, GB 11643). */
const IDENTIFIER_CHECKS: Record<string, { problem: (code: string) => string | null; message: string }> = {
  [IDENTIFIER_FORMATS.creditCode]: { problem: creditCodeProblem, message: 'form.creditCode' },
  [IDENTIFIER_FORMATS.idNumber]: { problem: (id) => idNumberProblem(id), message: 'form.idNumber' },
};

/** Fields whose text is prose, shown as a textarea whatever their length limit. */
const PROSE = new Set(['result', 'reason', 'instructions', 'description', 'requirement', 'findings', 'record', 'text', 'basis']);
/** Fields that name departments by org unit id. */
const DEPARTMENT_LISTS = new Set(['departments']);
const DEPARTMENT_ONE = new Set(['lead', 'departmentId']);
/** Fields that name users by id, and the role those users have. */
export const USER_LISTS: Record<string, string> = { caseOfficers: 'case_officer', inspectors: 'enforcement_officer' };

export type FieldKind = 'text' | 'prose' | 'date' | 'dateTime' | 'enum' | 'boolean' | 'number' | 'departments' | 'department' | 'users' | 'tags' | 'json';

export function fieldKind(name: string, schema: JsonSchema): FieldKind {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.enum) return 'enum';
  if (type === 'boolean') return 'boolean';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'array') {
    if (DEPARTMENT_LISTS.has(name)) return 'departments';
    if (USER_LISTS[name]) return 'users';
    return 'tags';
  }
  if (type === 'string') {
    if (schema.format === 'date') return 'date';
    if (schema.format === 'date-time') return 'dateTime';
    if (DEPARTMENT_ONE.has(name)) return 'department';
    return PROSE.has(name) || (schema.maxLength ?? 0) > 200 ? 'prose' : 'text';
  }
  return 'json';
}

export function rulesFor(kind: FieldKind, schema: JsonSchema, required: boolean, t: TFunction, label: string): Rule[] {
  const rules: Rule[] = [];
  const isList = kind === 'departments' || kind === 'tags' || kind === 'users';
  if (required && kind !== 'boolean') {
    rules.push({
      required: true, whitespace: kind === 'text' || kind === 'prose', message: `${label} ${t('form.required')}`,
      type: isList ? 'array' : kind === 'number' ? 'number' : undefined,
    });
  }
  if (isList && schema.minItems && schema.minItems > 1) rules.push({ type: 'array', min: schema.minItems, message: t('form.minItems', { label, count: schema.minItems }) });
  if (isList && schema.maxItems) rules.push({ type: 'array', max: schema.maxItems, message: t('form.maxItems', { label, count: schema.maxItems }) });
  if ((kind === 'text' || kind === 'prose') && schema.maxLength) rules.push({ max: schema.maxLength, message: t('form.tooLong', { max: schema.maxLength }) });
  const identifier = schema.format ? IDENTIFIER_CHECKS[schema.format] : undefined;
  if (identifier) {
    rules.push({
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value.trim() === '') return;
        const problem = identifier.problem(normaliseIdentifier(value));
        if (problem) throw new Error(`${label}：${t(identifier.message)}`);
      },
    });
  }
  return rules;
}

interface ControlProps {
  kind: FieldKind;
  schema: JsonSchema;
  departments: OrgUnit[];
  /** Users who may be picked for a user-list field. */
  users: User[];
  /** For the lead department: only those chosen in the same form, when any are. */
  chosenDepartments?: string[];
  enumLabel: (value: string) => string;
  id?: string;
}

export function FieldControl({ kind, schema, departments, users, chosenDepartments, enumLabel, ...rest }: ControlProps) {
  const departmentOptions = departments.map((d) => ({ value: d.id, label: d.name }));
  switch (kind) {
    case 'prose': return <Input.TextArea {...rest} rows={3} maxLength={schema.maxLength} showCount={Boolean(schema.maxLength && schema.maxLength <= 2000)} />;
    case 'text': return <Input {...rest} maxLength={schema.maxLength} />;
    case 'date': return <Input {...rest} type="date" />;
    case 'dateTime': return <Input {...rest} type="datetime-local" />;
    case 'users': return <Select {...rest} mode="multiple" optionFilterProp="label" maxCount={schema.maxItems} options={users.map((u) => ({ value: u.id, label: `${u.name}（${u.username}）` }))} />;
    case 'enum': return <Select {...rest} options={(schema.enum ?? []).map((v) => ({ value: v as string, label: enumLabel(String(v)) }))} />;
    case 'boolean': return <Switch {...rest} />;
    case 'number': return <InputNumber {...rest} min={schema.minimum} max={schema.maximum} style={{ width: '100%' }} />;
    case 'departments': return <Select {...rest} mode="multiple" options={departmentOptions} optionFilterProp="label" maxCount={schema.maxItems} />;
    case 'department': {
      const options = chosenDepartments && chosenDepartments.length > 0 ? departmentOptions.filter((o) => chosenDepartments.includes(o.value)) : departmentOptions;
      return <Select {...rest} options={options} optionFilterProp="label" />;
    }
    case 'tags': return <Select {...rest} mode="tags" open={false} suffixIcon={null} maxCount={schema.maxItems} />;
    default: return <Input.TextArea {...rest} rows={2} />;
  }
}

/** The value the API expects for a control's value: local date-times become Shanghai ISO instants. */
export function toApiValue(kind: FieldKind, value: unknown): unknown {
  if (kind === 'dateTime' && typeof value === 'string' && value) return `${value.length === 16 ? `${value}:00` : value}+08:00`;
  return value;
}
