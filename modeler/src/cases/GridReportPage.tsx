// A grid worker's report (上报事件): the whistle process's start form from the same generator as every other start
// form, the source fixed to the grid and the hotline's requester left out; the grid defaults to the worker's own and
// the categories are the street's (the 12345 kinds belong to the hotline centre). API errors land on their fields.
import { useMemo, useState } from 'react';
import { Button, Card, Result, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useStartForm } from '../api/start';
import type { StartForm as StartFormShape } from '../api/types';
import { QueryState } from '../app/QueryState';
import { StartForm } from './StartForm';

const PROCESS_KEY = 'whistle-escalation';
const FIXED = { source: 'grid' };
const HIDDEN = ['requester'];

/** The form without the hotline's own categories. */
function forGrid(form: StartFormShape): StartFormShape {
  const category = (form.choices.category ?? []).filter((c) => !c.value.startsWith('hotline'));
  return { ...form, choices: { ...form.choices, category } };
}

export default function GridReportPage() {
  const { t } = useTranslation();
  const form = useStartForm(PROCESS_KEY);
  const [started, setStarted] = useState<string | null>(null);
  const gridForm = useMemo(() => (form.data ? forGrid(form.data) : null), [form.data]);

  if (started) {
    return (
      <Card>
        <Result status="success" title={t('report.started', { id: started })}
          extra={(
            <Space>
              <Link to={`/instances/${started}`}><Button type="primary">{t('report.viewInstance')}</Button></Link>
              <Button onClick={() => setStarted(null)}>{t('report.another')}</Button>
            </Space>
          )} />
      </Card>
    );
  }
  return (
    <div>
      <div className="page-header"><div><h1>{t('report.gridTitle')}</h1><div className="subtitle">{t('report.hint')}</div></div></div>
      <Card style={{ maxWidth: 880 }}>
        <QueryState loading={form.isLoading} error={form.error}>
          {gridForm && <StartForm form={gridForm} fixed={FIXED} hidden={HIDDEN} submitLabel={t('report.submit')} onStarted={(s) => setStarted(s.instanceId)} />}
        </QueryState>
      </Card>
    </div>
  );
}
