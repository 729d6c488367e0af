// The lint result under the modeler: each issue with its rule and element (click to select the element).
import { Alert, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LintIssue } from '../bpmn/lint-config';

export function LintReport({ issues, onSelect }: { issues: LintIssue[]; onSelect(id: string): void }) {
  const { t } = useTranslation();
  const errors = issues.filter((i) => i.category === 'error').length;
  const warnings = issues.length - errors;
  if (issues.length === 0) return <Alert type="success" showIcon message={t('designer.lintOk')} data-testid="lint-report" />;
  return (
    <Alert
      type={errors > 0 ? 'error' : 'warning'} showIcon data-testid="lint-report"
      message={errors > 0 ? t('designer.lintErrors', { count: errors }) : t('designer.lintWarnings', { count: warnings })}
      description={(
        <List size="small" dataSource={issues.slice(0, 50)} renderItem={(issue) => (
          <List.Item style={{ padding: '2px 0' }}>
            <Tag color={issue.category === 'error' ? 'error' : 'warning'}>{issue.rule}</Tag>
            <a onClick={() => onSelect(issue.id)} role="button" tabIndex={0} onKeyDown={(e) => { if (e.key === 'Enter') onSelect(issue.id); }}><code>{issue.id}</code></a>
            ：{issue.message}
          </List.Item>
        )} />
      )}
    />
  );
}
