// One action of a task as a form generated from the action's JSON Schema. The API's 400 details
// (paths like `data.result`) land on the matching field; other refusals show above the form.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useAct } from '../api/tasks';
import { useOrgUnits, useUsers } from '../api/org';
import type { ActionForm, JsonSchema } from '../api/types';
import { useLabels } from '../i18n/labels';
import { FieldControl, fieldKind, rulesFor, USER_LISTS } from './schema-fields';
import { fieldOfErrorPath, isObjectSchema as isObject, leafPaths, toData } from './schema-values';

interface Props {
  taskId: string;
  form: ActionForm;
  onDone(form: ActionForm, status: string): void;
}

export function ActionFormView({ taskId, form: actionForm, onDone }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm();
  const act = useAct(taskId);
  const [problem, setProblem] = useState<string | null>(null);
  const [apiErrorFields, setApiErrorFields] = useState<string[]>([]);
  const { data: units } = useOrgUnits();
  const { data: users } = useUsers();
  const departments = (units ?? []).filter((u) => u.kind === 'department');
  const chosen = Form.useWatch('departments', form) as string[] | undefined;
  const properties = Object.entries(actionForm.schema.properties ?? {});
  const required = new Set(actionForm.schema.required ?? []);
  const label = labels.formAction(actionForm.action, actionForm.label);

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    try {
      const result = await act.mutateAsync({ action: actionForm.action, data: toData(values, actionForm.schema) ?? {} });
      form.resetFields();
      onDone(actionForm, result.status);
    } catch (e) {
      if (!(e instanceof ApiError)) { setProblem((e as Error).message); return; }
      const known = leafPaths(actionForm.schema);
      const fieldOf = (path: string) => fieldOfErrorPath(path, 'data', known);
      const onFields = e.details.filter((d) => d.path.startsWith('data.') && fieldOf(d.path));
      form.setFields(onFields.map((d) => ({ name: fieldOf(d.path)!.split('.'), errors: [d.message] })));
      setApiErrorFields(onFields.map((d) => fieldOf(d.path)!));
      const rest = e.details.filter((d) => !onFields.includes(d));
      setProblem(onFields.length > 0 && rest.length === 0 ? t('task.fieldErrors') : [e.message, ...rest.map((d) => `${d.path}: ${d.message}`)].join('；'));
    }
  };

  const renderField = (path: string[], schema: JsonSchema, isRequired: boolean): ReactNode => {
    const name = path[path.length - 1];
    const fieldLabel = labels.field(name);
    if (isObject(schema)) {
      const inner = new Set(schema.required ?? []);
      return (
        <fieldset key={path.join('.')} className="form-group">
          <legend>{fieldLabel}</legend>
          {Object.entries(schema.properties!).map(([sub, subSchema]) => renderField([...path, sub], subSchema, isRequired && inner.has(sub)))}
        </fieldset>
      );
    }
    const kind = fieldKind(name, schema);
    const role = USER_LISTS[name];
    return (
      <Form.Item key={path.join('.')} name={path} label={fieldLabel} valuePropName={kind === 'boolean' ? 'checked' : 'value'}
        rules={rulesFor(kind, schema, isRequired, t, fieldLabel)}>
        <FieldControl kind={kind} schema={schema} departments={departments} users={(users ?? []).filter((u) => !role || u.roles.includes(role))}
          chosenDepartments={name === 'lead' ? chosen : undefined} enumLabel={labels.enumValue} />
      </Form.Item>
    );
  };

  const button = properties.length === 0
    ? (
      <Popconfirm title={t('form.confirmAction', { action: label })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => form.submit()}>
        <Button type="primary" loading={act.isPending} data-action={actionForm.action}>{label}</Button>
      </Popconfirm>
    )
    : <Button type="primary" htmlType="submit" loading={act.isPending} data-action={actionForm.action}>{label}</Button>;

  return (
    <Form form={form} layout="vertical" onFinish={submit}
      onValuesChange={() => {
        // The server judged the fields together (the lead must be among the departments): any edit may fix it.
        if (apiErrorFields.length === 0) return;
        form.setFields(apiErrorFields.map((name) => ({ name: name.split('.'), errors: [] })));
        setApiErrorFields([]);
      }} name={`action-${actionForm.action}`} data-testid={`form-${actionForm.action}`}>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} role="alert" />}
      {actionForm.keepsOpen && <Typography.Paragraph type="secondary">{t('form.keepsOpen')}</Typography.Paragraph>}
      {properties.map(([name, schema]) => renderField([name], schema, required.has(name)))}
      <Form.Item style={{ marginBottom: 0 }}>{button}</Form.Item>
    </Form>
  );
}
