// 组织机构: the unit tree of the district (street → community → grid, and the departments), kept by the system
// administrator — create a unit under its parent, rename it, move it, deactivate it. Deactivated units stay in the
// tree, greyed, because their history does.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Popconfirm, Row, Select, Space, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useOrgUnits } from '../api/org';
import { useChangeUnit, useCreateUnit } from '../api/admin';
import type { OrgUnit } from '../api/types';
import { QueryState } from '../app/QueryState';

const CHILD_KINDS: Record<OrgUnit['kind'], Array<OrgUnit['kind']>> = {
  district: ['street', 'department'], street: ['community'], community: ['grid'], grid: [], department: [],
};

function treeOf(units: OrgUnit[], label: (u: OrgUnit) => React.ReactNode): DataNode[] {
  const children = new Map<string | null, OrgUnit[]>();
  for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const build = (parent: string | null): DataNode[] => (children.get(parent) ?? [])
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'zh-CN'))
    .map((u) => ({ key: u.id, title: label(u), children: build(u.id) }));
  return build(null);
}

/** Puts the API's field errors on the form's fields, and anything else in the alert. */
function useFieldErrors<T>(form: ReturnType<typeof Form.useForm<T>>[0]) {
  const [error, setError] = useState<string | null>(null);
  const handle = (e: unknown) => {
    if (e instanceof ApiError && e.details.some((d) => d.path !== '(body)')) {
      form.setFields(e.details.map((d) => ({ name: d.path as never, errors: [d.message] })));
      setError(null);
    } else setError((e as Error).message);
  };
  return { error, setError, handle };
}

export default function OrgAdminPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const units = useOrgUnits();
  const [selected, setSelected] = useState<string | null>(null);
  // Expanded unless the user folded it: units created here show up opened under their parent.
  const [folded, setFolded] = useState<Set<string>>(new Set());
  const createUnit = useCreateUnit();
  const changeUnit = useChangeUnit();
  const [createForm] = Form.useForm<{ kind: OrgUnit['kind']; name: string; code?: string }>();
  const [renameForm] = Form.useForm<{ name: string }>();
  const creating = useFieldErrors(createForm);
  const renaming = useFieldErrors(renameForm);
  const kind = Form.useWatch('kind', createForm);

  const all = units.data ?? [];
  const unit = all.find((u) => u.id === selected) ?? null;
  // The two forms outlive a change of unit: start them afresh for the unit now selected.
  useEffect(() => {
    if (!unit) return;
    renameForm.setFieldsValue({ name: unit.name });
    if (CHILD_KINDS[unit.kind].length > 0 && unit.active !== false) {
      createForm.resetFields();
      createForm.setFieldsValue({ kind: CHILD_KINDS[unit.kind][0] });
    }
  // Only a change of unit resets the forms, not a refetch of the tree.
  }, [unit?.id]);
  const tree = useMemo(() => treeOf(units.data ?? [], (u) => (
    <span className={u.active === false ? 'muted' : undefined}>
      {u.name}{u.code ? <Typography.Text type="secondary"> {u.code}</Typography.Text> : null}
      {' '}<Tag bordered={false}>{t(`orgKind.${u.kind}`)}</Tag>{u.active === false && <Tag color="default">{t('admin.inactive')}</Tag>}
    </span>
  )), [units.data, t]);

  const create = async (values: { kind: OrgUnit['kind']; name: string; code?: string }) => {
    if (!unit) return;
    try {
      const created = await createUnit.mutateAsync({ ...values, parentId: unit.id, code: values.code?.trim() || undefined });
      void message.success(t('admin.unitCreated', { name: created.name }));
      createForm.resetFields();
      setSelected(created.id);
    } catch (e) { creating.handle(e); }
  };

  return (
    <div className="page">
      <Typography.Title level={3}>{t('admin.orgTitle')}</Typography.Title>
      <QueryState loading={units.isLoading} error={units.error} retry={() => void units.refetch()}>
        <Row gutter={16}>
          <Col xs={24} md={11}>
            <Card title={t('admin.tree')} size="small">
              {tree.length === 0 ? <Empty description={t('admin.noUnits')} /> : (
                <Tree treeData={tree} selectedKeys={selected ? [selected] : []}
                  expandedKeys={all.map((u) => u.id).filter((id) => !folded.has(id))}
                  onExpand={(keys) => setFolded(new Set(all.map((u) => u.id).filter((id) => !keys.includes(id))))}
                  // Clicking the selected unit again keeps it selected, rather than emptying the panel.
                  onSelect={(keys) => { if (keys.length > 0) setSelected(keys[0] as string); }} />
              )}
            </Card>
          </Col>
          <Col xs={24} md={13}>
            {!unit ? <Card size="small"><Empty description={t('admin.pickUnit')} /></Card> : (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Card size="small" title={unit.name} data-testid="unit-detail">
                  <Descriptions size="small" column={1} items={[
                    { key: 'kind', label: t('admin.kind'), children: t(`orgKind.${unit.kind}`) },
                    { key: 'code', label: t('admin.code'), children: unit.code ?? '—' },
                    { key: 'parent', label: t('admin.parent'), children: all.find((u) => u.id === unit.parentId)?.name ?? '—' },
                    { key: 'state', label: t('admin.state'), children: unit.active === false ? t('admin.inactive') : t('admin.active') },
                  ]} />
                  {renaming.error && <Alert type="error" showIcon message={renaming.error} style={{ margin: '8px 0' }} />}
                  <Form form={renameForm} layout="inline" name="rename-unit" key={unit.id} initialValues={{ name: unit.name }}
                    onFinish={async (v) => { try { await changeUnit.mutateAsync({ id: unit.id, name: v.name }); void message.success(t('admin.saved')); } catch (e) { renaming.handle(e); } }}>
                    <Form.Item name="name" rules={[{ required: true, message: t('account.required') }]}><Input aria-label={t('admin.newName')} /></Form.Item>
                    <Button htmlType="submit">{t('admin.rename')}</Button>
                    {unit.parentId && (
                      <Popconfirm title={unit.active === false ? t('admin.reactivateConfirm') : t('admin.deactivateConfirm')}
                        onConfirm={async () => { try { await changeUnit.mutateAsync({ id: unit.id, active: unit.active === false }); } catch (e) { renaming.handle(e); } }}>
                        <Button danger={unit.active !== false}>{unit.active === false ? t('admin.reactivate') : t('admin.deactivate')}</Button>
                      </Popconfirm>
                    )}
                  </Form>
                </Card>
                {CHILD_KINDS[unit.kind].length > 0 && unit.active !== false && (
                  <Card size="small" title={t('admin.createUnder', { name: unit.name })}>
                    {creating.error && <Alert type="error" showIcon message={creating.error} style={{ marginBottom: 8 }} />}
                    <Form form={createForm} layout="vertical" name="create-unit" onFinish={create} initialValues={{ kind: CHILD_KINDS[unit.kind][0] }} key={`create-${unit.id}`}>
                      <Form.Item label={t('admin.kind')} name="kind" rules={[{ required: true }]}>
                        <Select options={CHILD_KINDS[unit.kind].map((k) => ({ value: k, label: t(`orgKind.${k}`) }))} />
                      </Form.Item>
                      <Form.Item label={t('admin.unitName')} name="name" rules={[{ required: true, message: t('account.required') }]}><Input /></Form.Item>
                      {(kind ?? CHILD_KINDS[unit.kind][0]) === 'grid' && (
                        <Form.Item label={t('admin.gridCode')} name="code" rules={[{ required: true, message: t('account.required') }]}><Input placeholder="G-C1-01" /></Form.Item>
                      )}
                      <Button type="primary" htmlType="submit" loading={createUnit.isPending}>{t('admin.create')}</Button>
                    </Form>
                  </Card>
                )}
              </Space>
            )}
          </Col>
        </Row>
      </QueryState>
    </div>
  );
}
