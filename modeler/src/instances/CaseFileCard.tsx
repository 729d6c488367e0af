// The case file (案卷) of an instance, as the API keeps it: per process the business facts an auditor or a clerk
// looks for — departments and lead, the penalty and what is owed, the licence and its push receipts — with the
// days left and the amount owed computed by the server on reading.
import type { ReactNode } from 'react';
import { Descriptions, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CaseFacts, HotlineFacts, LicensingFacts, PenaltyFacts, WhistleFacts } from '../api/types';
import { useOrgName } from '../api/org';
import { formatDate, formatTime } from '../format/time';
import { useLabels } from '../i18n/labels';
import { CaseClockFacts, PaymentFactsView } from './PenaltyFacts';

type Row = [label: string, value: ReactNode];
const yuan = (fen: number | undefined) => (fen === undefined ? '' : `¥${(fen / 100).toFixed(2)}`);
const shown = (rows: Array<Row | null | false>) => rows.filter((r): r is Row => Boolean(r) && (r as Row)[1] !== null && (r as Row)[1] !== '' && (r as Row)[1] !== undefined);

function Rows({ rows, testId }: { rows: Row[]; testId: string }) {
  return (
    <Descriptions size="small" column={1} data-testid={testId}>
      {rows.map(([label, value]) => <Descriptions.Item key={label} label={label}>{value}</Descriptions.Item>)}
    </Descriptions>
  );
}

function WhistleFile({ facts }: { facts: WhistleFacts }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const orgName = useOrgName();
  return (
    <Rows testId="case-file-whistle" rows={shown([
      [t('caseFile.category'), facts.category],
      [t('caseFile.grid'), facts.gridCode],
      facts.workOrder ? [t('caseFile.workOrder'), (
        <Space size={4} wrap data-testid="linked-work-order">
          <Link to={`/instances/${facts.workOrder.orderNumber}`}>{facts.workOrder.orderNumber}</Link>
          <Tag color={facts.workOrder.stage === 'visited' ? 'green' : 'blue'}>{t(`caseFile.orderStage.${facts.workOrder.stage}`)}</Tag>
          {facts.workOrder.handleDueAt && `${t('caseFile.until')} ${formatTime(facts.workOrder.handleDueAt)}`}
        </Space>
      )] : null,
      [t('caseFile.source'), facts.source && labels.enumValue(facts.source)],
      facts.departments.length > 0 && [t('caseFile.departments'), facts.departments.map(orgName).join('、')],
      [t('caseFile.lead'), facts.lead && orgName(facts.lead)],
      [t('caseFile.dispatched'), facts.dispatchedAt && `${formatTime(facts.dispatchedAt)} ${facts.dispatchedBy ?? ''}`],
      ...facts.extensions.map((e, i): Row => [`${t('caseFile.extension')} ${i + 1}`, `${e.duration ?? ''} · ${e.reason ?? ''} · ${t('caseFile.approvedBy')} ${e.approvedBy ?? '—'} · ${t('caseFile.until')} ${formatTime(e.dueAt)}`]),
      ...facts.parkings.map((p, i): Row => [`${t('caseFile.parking')} ${i + 1}`, `${formatTime(p.at)} – ${p.resumedAt ? formatTime(p.resumedAt) : t('caseFile.stillParked')} · ${p.reason ?? ''}`]),
      facts.reworks > 0 && [t('caseFile.reworks'), String(facts.reworks)],
      [t('caseFile.resolution'), facts.resolution && `${facts.resolution.result ?? ''}（${facts.resolution.by ?? ''} ${formatTime(facts.resolution.at)}）`],
      [t('caseFile.rejection'), facts.rejection?.reason],
      [t('caseFile.satisfaction'), facts.satisfaction && labels.enumValue(facts.satisfaction)],
      [t('caseFile.closedAt'), facts.closedAt && formatTime(facts.closedAt)],
    ])} />
  );
}

function PenaltyFile({ facts }: { facts: PenaltyFacts }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const orgName = useOrgName();
  const penalty = (p: PenaltyFacts['proposedPenalty']) => (p ? `${labels.enumValue(p.kind)} ${yuan(p.amountFen)}` : null);
  return (
    <>
      <Rows testId="case-file-penalty" rows={shown([
        [t('caseFile.party'), facts.party.name && `${facts.party.name}${facts.party.kind ? `（${labels.enumValue(facts.party.kind)}）` : ''}`],
        [t('caseFile.creditCode'), facts.party.creditCode],
        [t('caseFile.matter'), facts.matter],
        [t('caseFile.origin'), facts.origin && labels.enumValue(facts.origin)],
        [t('caseFile.department'), facts.departmentId && orgName(facts.departmentId)],
        [t('caseFile.registeredAt'), facts.registeredAt && formatTime(facts.registeredAt)],
        [t('caseFile.offenceDate'), facts.offence?.date && `${facts.offence.date}${facts.offence.endDate ? ` – ${facts.offence.endDate}` : ''}`],
        [t('caseFile.proposed'), penalty(facts.proposedPenalty)],
        ...facts.legalReviews.map((r, i): Row => [`${t('caseFile.legalReview')} ${i + 1}`, `${r.result === 'pass' ? t('caseFile.passed') : t('caseFile.returned')} · ${r.by ?? ''} ${formatTime(r.at)}${r.reason ? ` · ${r.reason}` : ''}`]),
        [t('caseFile.hearing'), facts.hearing && [
          facts.hearing.requestedAt && `${t('caseFile.hearingRequested')} ${formatDate(facts.hearing.requestedAt)}`,
          facts.hearing.earliestOn && `${t('caseFile.hearingFrom')} ${facts.hearing.earliestOn}`,
          facts.hearing.heldAt && `${t('caseFile.hearingHeld')} ${formatDate(facts.hearing.heldAt)}`,
        ].filter(Boolean).join(' · ')],
        [t('caseFile.decided'), facts.decision && (facts.decision.penalty ? penalty(facts.decision.penalty) : `${t('caseFile.noPenalty')}：${facts.decision.noPenaltyReason ?? ''}`)],
        [t('caseFile.decidedAt'), facts.decision && `${formatTime(facts.decision.at)} ${facts.decision.by ?? ''}`],
        [t('caseFile.service'), facts.service && `${facts.service.method ? labels.enumValue(facts.service.method) : ''} ${formatTime(facts.service.at)}`],
        [t('caseFile.paid'), facts.payment?.paidFen != null && `${yuan(facts.payment.paidFen)}（${formatTime(facts.payment.paidAt)}）`],
        [t('caseFile.courtEnforcement'), facts.payment?.courtEnforcementAt && formatTime(facts.payment.courtEnforcementAt)],
        [t('caseFile.published'), facts.publishedAt ? formatTime(facts.publishedAt) : facts.decision?.publish ? t('caseFile.toBePublished') : null],
      ])} />
      {facts.clock && <CaseClockFacts clock={facts.clock} />}
      {facts.payment && <PaymentFactsView payment={facts.payment} />}
    </>
  );
}

function LicensingFile({ facts }: { facts: LicensingFacts }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const licence = facts.licence;
  return (
    <Rows testId="case-file-licensing" rows={shown([
      [t('caseFile.applicant'), facts.applicant.name && `${facts.applicant.name} ${facts.applicant.creditCode ?? ''}`],
      [t('caseFile.item'), facts.itemCode],
      [t('caseFile.route'), facts.route && `${labels.enumValue(facts.route)}${facts.routeReason ? `（${labels.enumValue(facts.routeReason)}）` : ''}`],
      [t('caseFile.notice'), facts.commitment && `${facts.commitment.noticeVersion ?? ''} · ${t('caseFile.signedBy')} ${facts.commitment.signedBy ?? ''} ${formatTime(facts.commitment.at)}`],
      [t('caseFile.commitmentHash'), facts.commitment?.sha256 && <code>{facts.commitment.sha256}</code>],
      [t('caseFile.acceptance'), facts.acceptance && `${labels.action(facts.acceptance.kind, facts.acceptance.kind)} ${formatTime(facts.acceptance.at)}${facts.acceptance.missing.length > 0 ? ` · ${facts.acceptance.missing.join('、')}` : ''}`],
      [t('caseFile.licenceNo'), licence && (
        <Space size={4}><strong data-testid="licence-no">{licence.licenceNo}</strong><Tag color={licence.status === 'issued' ? 'success' : 'error'}>{t(`caseFile.licence_${licence.status}`)}</Tag></Space>
      )],
      [t('caseFile.issuedAt'), licence && formatTime(licence.issuedAt)],
      ...facts.pushes.map((p): Row => [t(`caseFile.push_${p.target}`), (
        <span data-testid={`push-${p.target}`}>
          {p.receiptId ? `${t('caseFile.receipt')} ${p.receiptId} · ${formatTime(p.acknowledgedAt)}` : t('caseFile.pushPending')}
          {p.alert && <Tag color="error">{p.alert}</Tag>}
        </span>
      )]),
      [t('caseFile.verification'), facts.verification && [
        facts.verification.method && labels.enumValue(facts.verification.method),
        facts.verification.dueAt && `${t('caseFile.verifyBy')} ${formatDate(facts.verification.dueAt)}`,
        facts.verification.result && labels.action(facts.verification.result),
      ].filter(Boolean).join(' · ')],
      [t('caseFile.correctionOrder'), facts.correctionOrder && `${facts.correctionOrder.findings ?? ''}${facts.correctionOrder.limit ? ` · ${facts.correctionOrder.limit.amount} ${labels.unit(facts.correctionOrder.limit.unit)}` : ''}`],
      [t('caseFile.revoked'), licence?.revokedAt && `${formatTime(licence.revokedAt)} ${licence.revocationReason ?? ''}`],
      ...facts.creditEntries.map((c, i): Row => [`${t('caseFile.credit')} ${i + 1}`, `${c.reason ?? ''}（${formatDate(c.at)}）`]),
    ])} />
  );
}

function HotlineFile({ facts }: { facts: HotlineFacts }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const orgName = useOrgName();
  const contact = (d: HotlineFacts['dispatches'][number]) => (d.contactedInTime === null ? t('caseFile.notContacted') : d.contactedInTime ? t('caseFile.contactedInTime') : t('caseFile.contactedLate'));
  return (
    <Rows testId="case-file-hotline" rows={shown([
      [t('hotline.kind'), `${t(`hotline.kinds.${facts.callKind}`)}${facts.urgent ? ` · ${t('hotline.urgent')}` : ''}`],
      [t('hotline.category'), facts.category],
      [t('hotline.unit'), facts.unitId && orgName(facts.unitId)],
      ...facts.dispatches.map((d): Row => [`${t('caseFile.dispatch')} ${d.seq}`,
        `${orgName(d.unitId)} · ${formatTime(d.dispatchedAt)} · ${t('caseFile.contactBy')} ${formatTime(d.contactDueAt)} · ${contact(d)}${d.objection ? ` · ${d.objection}${d.ruling ? `（${labels.enumValue(d.ruling)}）` : ''}` : ''}`]),
      [t('hotline.linkedCase'), facts.linkedCaseId && <Link to={`/instances/${facts.linkedCaseId}`}>{facts.linkedCaseId}</Link>],
      [t('hotline.due'), facts.handleDueAt && <span className={!facts.reportedAt && new Date(facts.handleDueAt) < new Date() ? 'due-overdue' : undefined}>{formatTime(facts.handleDueAt)}</span>],
      facts.extensions > 0 && [t('caseFile.extension'), String(facts.extensions)],
      [t('hotline.reported'), facts.reportedAt && formatTime(facts.reportedAt)],
      facts.reopened && [t('hotline.reopened'), t('common.yes')],
      [t('caseFile.visitedAt'), facts.visitedAt && formatTime(facts.visitedAt)],
      [t('caseFile.resolved'), facts.resolved === null ? null : facts.resolved ? t('common.yes') : t('common.no')],
      [t('caseFile.satisfaction'), facts.satisfaction && labels.enumValue(facts.satisfaction)],
    ])} />
  );
}

export function CaseFile({ facts }: { facts: CaseFacts }) {
  switch (facts.kind) {
    case 'whistle-escalation': return <WhistleFile facts={facts} />;
    case 'inspection-penalty': return <PenaltyFile facts={facts} />;
    case 'commitment-licensing': return <LicensingFile facts={facts} />;
    case 'hotline-order': return <HotlineFile facts={facts} />;
  }
}
