// 批量导入, for the system administrator: a district's units or people from a CSV file. Choosing a file runs a dry
// run at once, which checks every row and shows each row's errors in a table; the import itself is offered only for a
// clean file, and writes every row or none (a file changed underneath between the two is refused row by row too).
import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useCsvImport, type ImportResult, type ImportRowError } from '../api/admin';
import { download } from '../instances/audit-export';

const UNITS_TEMPLATE = 'kind,name,parent,code\nstreet,示例街道,district,S-001\ncommunity,示例社区,S-001,C-001\ngrid,示例社区第一网格,C-001,G-001-01\n';
const USERS_TEMPLATE = 'username,name,unit,password\nzhang_wg,张网格,G-001-01,Change-Me-2026\n';

/** A refused import's details (`rows.<row>.<field>`) as the rows of the error table. */
function rowErrorsOf(error: ApiError): ImportRowError[] {
  return error.details.map((d) => {
    const m = /^rows\.(\d+)\.(.+)$/.exec(d.path);
    return m ? { row: Number(m[1]), field: m[2], message: d.message } : { row: 0, field: d.path, message: d.message };
  });
}

export default function ImportPage() {
  const { t } = useTranslation();
  const run = useCsvImport();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [dry, setDry] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [refused, setRefused] = useState<{ message: string; errors: ImportRowError[] } | null>(null);

  const send = async (csv: string, dryRun: boolean) => {
    setRefused(null);
    try {
      const result = await run.mutateAsync({ csv, dryRun });
      if (dryRun) setDry(result);
      else { setDone(result); setDry(null); setFile(null); }
    } catch (e) {
      setDry(null);
      setRefused(e instanceof ApiError ? { message: e.message, errors: rowErrorsOf(e) } : { message: (e as Error).message, errors: [] });
    }
  };

  const pick = async (picked: File) => {
    const csv = await picked.text();
    setFile({ name: picked.name, csv });
    setDone(null);
    await send(csv, true);
  };

  const kindLabel = (r: ImportResult) => t(r.kind === 'units' ? 'csvImport.kindUnits' : 'csvImport.kindUsers');
  const errors = dry?.errors ?? refused?.errors ?? [];

  return (
    <div className="page">
      <Typography.Title level={3}>{t('csvImport.title')}</Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('csvImport.hint')}
        description={<><div>{t('csvImport.unitsFormat')}</div><div>{t('csvImport.usersFormat')}</div></>} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<DownloadOutlined />} onClick={() => download('units-template.csv', `\uFEFF${UNITS_TEMPLATE}`, 'text/csv')}>{t('csvImport.unitsTemplate')}</Button>
        <Button icon={<DownloadOutlined />} onClick={() => download('users-template.csv', `\uFEFF${USERS_TEMPLATE}`, 'text/csv')}>{t('csvImport.usersTemplate')}</Button>
      </Space>
      <Upload.Dragger accept=".csv,text/csv" multiple={false} showUploadList={false} disabled={run.isPending}
        beforeUpload={(picked) => { void pick(picked); return false; }} aria-label={t('csvImport.pick')}>
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('csvImport.pick')}</p>
        <p className="ant-upload-hint">{t('csvImport.pickHint')}</p>
      </Upload.Dragger>
      {file && <Typography.Paragraph style={{ marginTop: 12 }}>{t('csvImport.file', { name: file.name })}</Typography.Paragraph>}
      {done && <Alert type="success" showIcon style={{ marginTop: 12 }} role="status" message={t('csvImport.done', { kind: kindLabel(done), created: done.created, updated: done.updated })} />}
      {refused && <Alert type="error" showIcon style={{ marginTop: 12 }} role="alert" message={`${t('csvImport.refused')} ${refused.message}`} />}
      {dry && dry.errors.length === 0 && (
        <Alert type="success" showIcon style={{ marginTop: 12 }} role="status"
          message={t('csvImport.dryOk', { kind: kindLabel(dry), created: dry.created, updated: dry.updated })}
          action={file && (
            <Popconfirm title={t('csvImport.importConfirm', { created: dry.created, updated: dry.updated })} onConfirm={() => send(file.csv, false)}>
              <Button type="primary" loading={run.isPending}>{t('csvImport.import')}</Button>
            </Popconfirm>
          )} />
      )}
      {dry && dry.errors.length > 0 && <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('csvImport.dryErrors', { count: dry.errors.length })} />}
      {(dry || refused) && (
        <Card size="small" style={{ marginTop: 12 }}>
          <Table<ImportRowError> size="small" pagination={{ pageSize: 50, hideOnSinglePage: true }} dataSource={errors}
            rowKey={(e) => `${e.row}:${e.field}:${e.message}`} locale={{ emptyText: t('csvImport.noErrors') }}
            columns={[
              { title: t('csvImport.row'), dataIndex: 'row', width: 80 },
              { title: t('csvImport.field'), dataIndex: 'field', width: 180, render: (f: string) => t(`csvImport.fields.${f}`, { defaultValue: f }) },
              { title: t('csvImport.problem'), dataIndex: 'message' },
            ]} />
        </Card>
      )}
    </div>
  );
}
