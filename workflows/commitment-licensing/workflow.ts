// 告知承诺制: credit check (an art. 79 bar refuses the application outright), notice and commitment (or the normal
// route), acceptance (容缺 / one 一次告知; deemed on receipt when late, art. 32), decision, licence issue, pushes to
// enforcement and credit (批管同步), then verification of the commitment: a kept promise is recorded; a false one is
// ordered corrected, and revoked with bad credit when it is not.
import { ART32_BASIS, LicensingEnd, LicensingService, LicensingStep, licensingSteps } from '../../domain/processes/steps/commitment-licensing';
import { commitmentText } from '../../domain/licensing/notice';
import { computeDeadline, DEFAULT_OFFICE_HOURS, toShanghaiIso } from '../../domain/calendar/deadline';
import { reapplicationBar } from '../../domain/licensing/reapplication-bar';
import type { ErrorDetail } from '../../domain/errors';
import { pushes, records } from '../lib/activities';
import { humanTask, supervisedTask, type HumanTaskSpec } from '../lib/human-task';
import { closeInstance, recordEvent, registerInstance } from '../lib/instance';
import { decide } from './decision';
import type { Acceptance, LicensingArgs, LicensingOutcome, Route, RouteReason } from './types';
import type { StepTable } from '../../domain/process-steps';

const steps: StepTable = licensingSteps;
type Spec = Omit<HumanTaskSpec, 'onDeadline' | 'step' | 'orgUnitId' | 'limit'> & { limit?: HumanTaskSpec['limit'] };

export async function commitmentLicensing(args: LicensingArgs): Promise<LicensingOutcome> {
  const { ctx, input, item, streetId } = args;
  const task = (spec: Spec): Omit<HumanTaskSpec, 'onDeadline'> => ({
    ...spec, step: steps[spec.stepId], orgUnitId: streetId, limit: spec.limit ?? args.limits.steps[spec.stepId] ?? steps[spec.stepId].defaultLimit,
  });
  const outcome: LicensingOutcome = {
    status: 'closed', route: input.route, routeReason: null, licenceNo: null, acceptance: null, decision: null, verification: null,
    revocationReason: null, refusal: null,
  };
  const finish = async (status: LicensingOutcome['status'], stepId: string) => {
    outcome.status = status;
    await closeInstance({ instanceId: ctx.instanceId, status, at: new Date().toISOString(), stepId, outcome: { ...outcome } });
    return outcome;
  };
  const fallBack = (reason: RouteReason) => {
    outcome.route = 'normal';
    outcome.routeReason = reason;
  };

  await registerInstance(ctx, input as unknown as Record<string, unknown>, streetId);
  const adverse = await records.checkCredit({ creditCode: input.applicant.creditCode });
  // The API refuses a barred application before it starts; a case started another way is refused here.
  const bar = reapplicationBar(adverse, item, new Date(), args.limits.reapplicationBar);
  if (bar) {
    outcome.refusal = bar;
    await recordEvent(ctx, { stepId: LicensingService.CreditCheck, action: 'creditCheck', data: {
      requestedRoute: input.route, route: null, reason: 'reapplicationBarred', refusal: bar, adverse,
    } });
    return finish('rejected', LicensingEnd.Barred);
  }
  if (input.route === 'commitment') {
    if (!item.commitmentAllowed || !item.noticeVersion) fallBack('itemExcluded');
    else if (adverse.some((e) => e.kind === 'falseCommitment')) fallBack('pastFalseCommitment');
    else if (adverse.length > 0) fallBack('badCredit');
  }
  await recordEvent(ctx, { stepId: LicensingService.CreditCheck, action: 'creditCheck', data: {
    requestedRoute: input.route, route: outcome.route, reason: outcome.routeReason, adverse,
  } });

  if (outcome.route === 'commitment') await commit(args, task, fallBack);

  const acceptance = await accept(args, task, outcome.route);
  if (!acceptance) return finish('cancelled', LicensingEnd.Lapsed);
  outcome.acceptance = acceptance.record;
  const missing = acceptance.missing;

  const { decision, timing } = await decide(args, outcome.route, new Date(acceptance.record.acceptedAt));
  outcome.decision = timing;
  await recordEvent(ctx, { stepId: LicensingStep.Approve, action: 'decisionTiming', data: { ...timing, action: decision.action } });
  if (decision.action === 'deny') return finish('rejected', LicensingEnd.Denied);

  const licence = await records.issueLicence({
    instanceId: ctx.instanceId, at: new Date().toISOString(), itemCode: item.code, holderName: input.applicant.name,
    creditCode: input.applicant.creditCode, route: outcome.route, stepId: LicensingService.IssueLicence,
    decision: { by: decision.actor, at: decision.at.toISOString(), ...timing },
  });
  outcome.licenceNo = licence.licenceNo;
  // Each push is handed over at once and retried until acknowledged; the case does not end before both are.
  const targets = [['enforcement', LicensingService.PushEnforcement], ['credit', LicensingService.PushCredit]] as const;
  for (const [target, stepId] of targets) await recordEvent(ctx, { stepId, action: 'push', data: { target, licenceNo: licence.licenceNo } });
  const delivered = Promise.all(targets.map(([target, stepId]) =>
    pushes.pushLicence({ instanceId: ctx.instanceId, licenceId: licence.licenceId, target, stepId })));
  const revoke = async (reason: string) => {
    outcome.revocationReason = reason;
    // The credit entry carries the instant of the revocation decision: the art. 79 bar is counted from it.
    const at = new Date().toISOString();
    await records.revokeLicence({ instanceId: ctx.instanceId, at, reason, stepId: LicensingService.RevokeLicence });
    await records.recordCredit({
      instanceId: ctx.instanceId, at, creditCode: input.applicant.creditCode, itemCode: item.code,
      kind: outcome.route === 'commitment' ? 'falseCommitment' : 'bad', reason, stepId: LicensingService.RecordBadCredit, licenceNo: licence.licenceNo,
    });
    await delivered;
    return finish('revoked', LicensingEnd.Revoked);
  };

  if (missing) {
    const filing = await humanTask(ctx, {
      ...task({ stepId: LicensingStep.FileMissing, limit: { amount: minutesUntil(missing.deadline), unit: 'minutes' },
        context: { missing: missing.items, deadline: missing.deadline.toISOString() } }),
      onDeadline: 'escalate',
    });
    if (filing.kind !== 'completed') return revoke('容缺受理材料未在承诺期限内补交');
  }

  if (outcome.route === 'commitment') {
    for (;;) {
      const check = await supervisedTask(ctx, task({ stepId: LicensingStep.Verify, context: { method: item.verificationMethod, licenceNo: licence.licenceNo } }));
      if (check.action === 'match') break;
      const correctionLimit = args.limits.steps[LicensingStep.Rectify] ?? steps[LicensingStep.Rectify].defaultLimit;
      await recordEvent(ctx, { stepId: LicensingStep.Verify, action: 'correctionOrder', actor: check.actor, data: { findings: check.data.findings, correctionLimit } });
      const rectified = await supervisedTask(ctx, task({ stepId: LicensingStep.Rectify, context: { findings: check.data.findings } }));
      if (rectified.action === 'notCorrected') {
        outcome.verification = 'notCorrected';
        return revoke('承诺不实，责令整改逾期未改正');
      }
    }
    outcome.verification = 'matched';
    await records.recordCredit({
      instanceId: ctx.instanceId, at: new Date().toISOString(), creditCode: input.applicant.creditCode, itemCode: item.code, kind: 'good',
      reason: '告知承诺经核查属实（守信）', stepId: null, licenceNo: licence.licenceNo,
    });
  }
  await delivered;
  return finish('closed', LicensingEnd.Closed);
}

/** Notice and commitment: the applicant signs (never a clerk for them), or withdraws and the case goes the normal route. */
async function commit(args: LicensingArgs, task: (spec: Spec) => Omit<HumanTaskSpec, 'onDeadline'>, fallBack: (r: RouteReason) => void): Promise<void> {
  const { ctx, input, item } = args;
  const notice = { code: item.code, name: item.name, noticeVersion: item.noticeVersion! };
  const text = commitmentText(notice, input.applicant);
  const result = await humanTask(ctx, {
    ...task({
      stepId: LicensingStep.Commit, context: { noticeVersion: notice.noticeVersion, notice: text },
      guard: (actor, action) => {
        if (action !== 'sign') return null;
        if (!actor.roles.includes('applicant')) return 'no proxy signing: the commitment must be signed by the applicant';
        if (ctx.startedBy.role === 'applicant' && actor.id !== ctx.startedBy.id) return 'only the applicant who applied may sign';
        return null;
      },
      check: (action, data): ErrorDetail[] => (action === 'sign' && data.noticeVersion !== notice.noticeVersion
        ? [{ path: 'data.noticeVersion', message: `the current notice is version ${notice.noticeVersion}` }] : []),
    }),
    onDeadline: 'escalate',
  });
  if (result.kind === 'completed' && result.decision.action === 'sign') {
    await records.recordCommitment({
      instanceId: ctx.instanceId, taskId: `${ctx.instanceId}:${LicensingStep.Commit}`, at: result.decision.at.toISOString(),
      noticeVersion: notice.noticeVersion, text, signer: result.decision.actor,
    });
    return;
  }
  const reason: RouteReason = result.kind === 'completed' ? 'withdrawn' : 'notSigned';
  fallBack(reason);
  await recordEvent(ctx, { stepId: LicensingStep.Commit, action: 'fallBack', data: { route: 'normal' satisfies Route, reason } });
}

/**
 * Acceptance (受理) under art. 32. The window accepts, accepts with missing material (容缺), or gives the one-time
 * notice of everything missing, once only, within the acceptance limit of receipt; the applicant's resubmission is
 * a new receipt. When the limit passes with neither, the application is deemed accepted on receipt. Null when the
 * applicant never resubmitted.
 */
async function accept(args: LicensingArgs, task: (spec: Spec) => Omit<HumanTaskSpec, 'onDeadline'>, route: Route): Promise<{
  record: Acceptance; missing: { items: string[]; deadline: Date } | null;
} | null> {
  const { ctx } = args;
  let receivedAt = new Date();
  let oneTimeNotice = false;
  for (;;) {
    const noticeGiven = oneTimeNotice;
    const result = await humanTask(ctx, {
      ...task({
        stepId: LicensingStep.Accept, context: { route, receivedAt: receivedAt.toISOString(), oneTimeNoticeGiven: noticeGiven, basis: ART32_BASIS },
        allows: (action) => (action === 'requestSupplement' && noticeGiven
          ? `the one-time notice (一次告知, ${ART32_BASIS}) was already given; the resubmitted application must now be accepted` : null),
        check: (action, data) => (action === 'acceptWithMissing' ? checkMissing(args, String(data.deadline)) : []),
      }),
      onDeadline: 'escalate',
    });
    if (result.kind !== 'completed') {
      const record: Acceptance = { receivedAt: receivedAt.toISOString(), acceptedAt: receivedAt.toISOString(), deemed: true, oneTimeNotice };
      await recordEvent(ctx, { stepId: LicensingStep.Accept, action: 'deemedAccepted', data: {
        ...record, windowEndedAt: result.kind === 'timeout' ? result.dueAt.toISOString() : null, basis: ART32_BASIS,
      } });
      return { record, missing: null };
    }
    const { decision } = result;
    if (decision.action === 'requestSupplement') {
      oneTimeNotice = true;
      const resubmission = await humanTask(ctx, { ...task({ stepId: LicensingStep.Resubmit, context: { missing: decision.data.missing } }), onDeadline: 'escalate' });
      if (resubmission.kind !== 'completed') return null;
      receivedAt = resubmission.decision.at;
      continue;
    }
    const record: Acceptance = { receivedAt: receivedAt.toISOString(), acceptedAt: decision.at.toISOString(), deemed: false, oneTimeNotice };
    const missing = decision.action === 'acceptWithMissing'
      ? { items: decision.data.missing as string[], deadline: new Date(String(decision.data.deadline)) } : null;
    return { record, missing };
  }
}

/**
 * A 容缺 filing deadline is in the future and no later than the item's limit from now: a clerk's far-off date would
 * otherwise keep a licence issued on a promise alive, its material never filed, for as long as they typed.
 */
function checkMissing(args: LicensingArgs, deadline: string): ErrorDetail[] {
  if (!args.item.missingMaterialAllowed) return [{ path: 'action', message: 'this licence item does not allow acceptance with missing material (容缺受理)' }];
  const at = new Date(deadline).getTime();
  if (at <= Date.now()) return [{ path: 'data.deadline', message: 'must be in the future' }];
  const bound = args.limits.missingMaterial ?? args.limits.steps[LicensingStep.FileMissing] ?? steps[LicensingStep.FileMissing].defaultLimit;
  const latest = computeDeadline(new Date(), bound, args.ctx.officeHours ?? DEFAULT_OFFICE_HOURS).dueAt;
  if (at > latest.getTime()) {
    return [{ path: 'data.deadline', message: `must be no later than ${toShanghaiIso(latest)}: this item allows ${bound.amount} ${bound.unit} to file missing material` }];
  }
  return [];
}

/** Whole minutes to the filing deadline; a deadline already past by the time of issue leaves one minute, then revokes. */
function minutesUntil(instant: Date): number {
  return Math.max(1, Math.ceil((instant.getTime() - Date.now()) / 60_000));
}
