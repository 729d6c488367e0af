// Shown after a decision: what was done, and what to do next — the next step of the same case when it
// lands with this user (the workflow opens it a moment later, so we watch for it), else the next inbox task.
import { useEffect, useState } from 'react';
import { Button, Result, Space, Spin } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { openTasksFor, useInbox } from '../api/tasks';
import type { Task } from '../api/types';
import { useLabels } from '../i18n/labels';

const WATCH_MS = 6000;

export function NextTaskPanel({ doneTaskId, instanceId, caseTitle, actionLabel }: { doneTaskId: string; instanceId: string; caseTitle: string; actionLabel: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const [onCase, setOnCase] = useState<Task | null>(null);
  const [watching, setWatching] = useState(true);
  const mine = useInbox('mine');
  const available = useInbox('available');

  useEffect(() => {
    let stopped = false;
    const started = Date.now();
    const look = async () => {
      while (!stopped && Date.now() - started < WATCH_MS) {
        const next = (await openTasksFor(instanceId).catch(() => [])).find((task) => task.taskId !== doneTaskId);
        if (next) { if (!stopped) setOnCase(next); break; }
        await new Promise((r) => setTimeout(r, 600));
      }
      if (!stopped) setWatching(false);
    };
    void look();
    return () => { stopped = true; };
  }, [instanceId, doneTaskId]);

  const inboxNext = [...(mine.data?.pages[0]?.items ?? []), ...(available.data?.pages[0]?.items ?? [])]
    .find((task) => task.taskId !== doneTaskId && task.taskId !== onCase?.taskId);

  return (
    <Result
      status="success"
      title={t('task.done', { action: actionLabel })}
      subTitle={onCase ? t('task.nextOnCase', { step: labels.step(onCase.stepId, onCase.name) }) : watching ? <Space><Spin size="small" />{t('task.waitingNext')}</Space> : null}
      extra={(
        <Space direction="vertical" size="middle">
          <span className="muted">{caseTitle}（{instanceId}）</span>
          <Space wrap style={{ justifyContent: 'center' }}>
            {onCase && <Button type="primary" onClick={() => void navigate(`/tasks/${onCase.taskId}`)} data-testid="continue-on-case">{t('task.openNext')}</Button>}
            <Link to="/tasks"><Button>{t('task.backToInbox')}</Button></Link>
            <Link to={`/instances/${instanceId}`}><Button>{t('task.viewCase')}</Button></Link>
          </Space>
          {inboxNext
            ? <Link to={`/tasks/${inboxNext.taskId}`} data-testid="next-in-inbox">{t('task.nextInInbox', { title: inboxNext.title, step: labels.step(inboxNext.stepId, inboxNext.name) })}</Link>
            : !onCase && !watching && <span className="muted">{t('task.noMore')}</span>}
        </Space>
      )}
    />
  );
}
