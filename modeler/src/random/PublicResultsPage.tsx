// 一公开: the published results of random inspections, for anyone, without signing in (/public/inspection-results).
// One column of cards that reads on a phone; search by subject name or credit code; never an inspector.
import { useState } from 'react';
import { Button, Card, Empty, Input, Skeleton, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePublicResults, type PublicInspectionResult } from '../api/random';
import { QueryState } from '../app/QueryState';
import './i18n';
import './random.css';

const OUTCOME_COLORS: Record<string, string> = { compliant: 'success', problem: 'error', notFound: 'warning' };

function ResultCard({ item }: { item: PublicInspectionResult }) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="public-result" data-testid="public-result">
      <div className="public-result-head">
        <Typography.Text strong className="public-result-name">{item.subjectName}</Typography.Text>
        <Tag color={OUTCOME_COLORS[item.outcome]}>{t(`random.publicPage.${item.outcome}`)}</Tag>
      </div>
      <dl className="public-result-fields">
        <dt>{t('random.publicPage.creditCode')}</dt><dd className="mono">{item.creditCode}</dd>
        <dt>{t('random.publicPage.matter')}</dt><dd>{item.matter}</dd>
        <dt>{t('random.publicPage.inspectedOn')}</dt><dd>{item.inspectedOn}</dd>
        <dt>{t('random.publicPage.publishedOn')}</dt><dd>{item.publishedOn}</dd>
        <dt>{t('random.publicPage.plan')}</dt><dd>{item.planTitle}</dd>
      </dl>
    </Card>
  );
}

export default function PublicResultsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const results = usePublicResults(q);
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const search = (value: string) => {
    const next = new URLSearchParams();
    if (value.trim()) next.set('q', value.trim());
    setParams(next, { replace: true });
  };
  return (
    <div className="public-page">
      <header className="public-header">
        <div className="public-brand"><span className="brand-mark">治</span>{t('app.fullName')}</div>
        <Link to="/login" className="public-login">{t('random.publicPage.login')}</Link>
      </header>
      <main className="public-main">
        <h1>{t('random.publicPage.title')}</h1>
        <p className="muted">{t('random.publicPage.subtitle')}</p>
        <Input.Search size="large" allowClear enterButton={t('common.search')} placeholder={t('random.publicPage.search')}
          value={text} onChange={(e) => setText(e.target.value)} onSearch={search} aria-label={t('random.publicPage.search')} />
        <div className="public-results">
          {results.isLoading ? <Skeleton active /> : (
            <QueryState loading={false} error={results.error} retry={() => void results.refetch()}>
              {items.length === 0
                ? <Empty description={q ? t('random.publicPage.emptySearch', { q }) : t('random.publicPage.empty')} />
                : items.map((item) => <ResultCard key={`${item.planTitle}-${item.creditCode}-${item.inspectedOn}`} item={item} />)}
              {results.hasNextPage
                ? <Button block onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage}>{t('random.publicPage.more')}</Button>
                : items.length > 0 && <div className="muted public-end">{t('random.publicPage.end')}</div>}
            </QueryState>
          )}
        </div>
        <p className="muted public-note">{t('random.publicPage.note')}</p>
      </main>
    </div>
  );
}
