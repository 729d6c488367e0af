// A process's start form, generated from its input's JSON Schema like the action forms: fields that name catalog
// entries, people or grids become selects of the API's choices (scoped as the start checks them); an optional group
// (the offence's dates, a self-resolution) opens with a switch; a group with choices (an applicant's bound subjects)
// can be filled in one pick. The API's 400 details (input.subject.name) land on their fields.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Form, Select, Space, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useStartInstance } from '../api/start';
import type { JsonSchema, StartForm as StartFormShape, Started } from '../api/types';
import { useLabels } from '../i18n/labels';
import { FieldControl, fieldKind, rulesFor } from '../tasks/schema-fields';
import { fieldOfErrorPath, isObjectSchema, leafPaths, toData } from '../tasks/schema-values';

interface Props {
  form: StartFormShape;
  /** Values the page decides (a hotline order's source): sent, never shown. */
  fixed?: Record<string, unknown>;
  /** Paths not shown (a self-resolution on a hotline order). */
  hidden?: string[];
  /** Optional groups this page requires (a hotline order's requester). */
  requiredGroups?: string[];
  submitLabel: string;
  onStarted(started: Started): void;
}

const INCLUDE = '__include';

/** Nested form values from dotted defaults ({ "subject.kind": "x" } → { subject: { kind: "x" } }). */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split('.');
    let at = out;
    parts.slice(0, -1).forEach((p) => { at = (at[p] ??= {}) as Record<string, unknown>; });
    at[parts[parts.length - 1]] = value;
  }
  return out;
}

/** Drops the optional groups left switched off, so what the form shows closed is not sent. */
function withoutClosedGroups(values: Record<string, unknown>, open: Record<string, boolean>): Record<string, unknown> {
  const copy = structuredClone(values);
  for (const [path, on] of Object.entries(open)) {
    if (on) continue;
    const parts = path.split('.');
    const parent = parts.slice(0, -1).reduce<Record<string, unknown> | undefined>((at, p) => at?.[p] as Record<string, unknown> | undefined, copy);
    if (parent) delete parent[parts[parts.length - 1]];
  }
  return copy;
}

export function StartForm({ form: startForm, fixed = {}, hidden = [], requiredGroups = [], submitLabel, onStarted }: Props) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm();
  const start = useStartInstance(startForm.key);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const schema = startForm.schema;
  const initialValues = useMemo(() => nest(startForm.defaults), [startForm.defaults]);
  useEffect(() => { form.setFieldsValue(initialValues); }, [form, initialValues]);

  /** A field's label: the start form's own wording for a path ("subject.name" → start.fields.subject_name, 当事人名称), else the field's. */
  const labelOf = (path: string[]) => {
    const id = `start.fields.${path.join('_')}`;
    return i18n.exists(id) ? t(id) : labels.field(path[path.length - 1]);
  };
  const skip = (path: string) => hidden.includes(path) || Object.hasOwn(fixed, path);

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    const input = { ...toData(withoutClosedGroups(values, open), schema), ...nest(fixed) };
    try {
      const started = await start.mutateAsync(input);
      form.resetFields();
      form.setFieldsValue(initialValues);
      setOpen({});
      onStarted(started);
    } catch (e) {
      if (!(e instanceof ApiError)) { setProblem((e as Error).message); return; }
      const known = leafPaths(schema);
      const onFields = e.details.filter((d) => fieldOfErrorPath(d.path, 'input', known));
      form.setFields(onFields.map((d) => ({ name: fieldOfErrorPath(d.path, 'input', known)!.split('.'), errors: [d.message] })));
      const rest = e.details.filter((d) => !onFields.includes(d));
      setProblem(onFields.length > 0 && rest.length === 0 ? t('task.fieldErrors') : [e.message, ...rest.map((d) => `${d.path}: ${d.message}`)].join('；'));
    }
  };

  const renderLeaf = (path: string[], sub: JsonSchema, isRequired: boolean): ReactNode => {
    const key = path.join('.');
    const label = labelOf(path);
    const choices = startForm.choices[key];
    const kind = fieldKind(path[path.length - 1], sub);
    if (choices) {
      const many = sub.type === 'array';
      const rules: Rule[] = isRequired ? [{ required: true, type: many ? 'array' : 'string', message: `${label} ${t('form.required')}` }] : [];
      if (many && sub.minItems) rules.push({ type: 'array', min: sub.minItems, message: t('form.minItems', { label, count: sub.minItems }) });
      return (
        <Form.Item key={key} name={path} label={label} rules={rules}>
          <Select mode={many ? 'multiple' : undefined} maxCount={many ? sub.maxItems : undefined} showSearch optionFilterProp="label"
            options={choices.map((c) => ({ value: c.value, label: c.label }))} />
        </Form.Item>
      );
    }
    return (
      <Form.Item key={key} name={path} label={label} valuePropName={kind === 'boolean' ? 'checked' : 'value'} rules={rulesFor(kind, sub, isRequired, t, label)}>
        <FieldControl kind={kind} schema={sub} departments={[]} users={[]} enumLabel={labels.enumValue} />
      </Form.Item>
    );
  };

  const renderGroup = (path: string[], sub: JsonSchema, isRequired: boolean): ReactNode => {
    const key = path.join('.');
    const label = labelOf(path);
    const optional = !isRequired && !requiredGroups.includes(key);
    const shown = !optional || open[key] === true;
    const inner = new Set(sub.required ?? []);
    const choices = startForm.choices[key];
    return (
      <fieldset key={key} className="form-group" data-group={key}>
        <legend>{label}</legend>
        {optional && (
          <Form.Item label={t('start.include', { label })} htmlFor={`${INCLUDE}-${key}`}>
            <Switch id={`${INCLUDE}-${key}`} checked={shown} onChange={(on) => setOpen((o) => ({ ...o, [key]: on }))} />
          </Form.Item>
        )}
        {shown && choices && (
          <Form.Item label={t('start.pick', { label })} htmlFor={`pick-${key}`} extra={choices.length === 0 ? t('start.noChoices') : undefined}>
            <Select id={`pick-${key}`} showSearch optionFilterProp="label" options={choices.map((c) => ({ value: c.value, label: c.label }))}
              onChange={(value: string) => {
                const fill = choices.find((c) => c.value === value)?.fill ?? {};
                form.setFieldsValue(nest(Object.fromEntries(Object.entries(fill).map(([k, v]) => [`${key}.${k}`, v]))));
              }} />
          </Form.Item>
        )}
        {shown && Object.entries(sub.properties!).map(([name, s]) => renderField([...path, name], s, inner.has(name)))}
      </fieldset>
    );
  };

  const renderField = (path: string[], sub: JsonSchema, isRequired: boolean): ReactNode => {
    if (skip(path.join('.'))) return null;
    return isObjectSchema(sub) ? renderGroup(path, sub, isRequired) : renderLeaf(path, sub, isRequired);
  };

  const required = new Set(schema.required ?? []);
  return (
    <Form form={form} layout="vertical" onFinish={submit} name={`start-${startForm.key}`} initialValues={initialValues} data-testid={`start-form-${startForm.key}`}>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} role="alert" />}
      {Object.entries(schema.properties ?? {}).map(([name, sub]) => renderField([name], sub, required.has(name)))}
      <Space>
        <Button type="primary" htmlType="submit" loading={start.isPending}>{submitLabel}</Button>
      </Space>
    </Form>
  );
}
