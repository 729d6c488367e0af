// Prepares a commitment-licensing start: the starting user's street handles the case, and the licence item's
// terms and every limit are fixed now from the diagram version and the licence-items catalog. An application the
// law bars (行政许可法 art. 79) is refused here, before any case exists, and so is an online application for a
// subject not bound to the applicant's account. A counter filing gets a claim code for its party.
import { and, eq } from 'drizzle-orm';
import { catalogEntries } from '../../../db/schema';
import {
  LicensingStep, licensingContract, ON_SPOT_LIMIT, STATUTORY_EXTENSION, type LicensingInput,
} from '../../../domain/processes/commitment-licensing';
import { REAPPLICATION_BAR, reapplicationBar, type YearPeriod } from '../../../domain/licensing/reapplication-bar';
import { ErrorType } from '../../../domain/errors';
import type { TimeLimit } from '../../../domain/time-limit';
import { adverseOf } from '../../../activities/licensing';
import type { LicenceItemTerms, LicensingArgs } from '../../../workflows/commitment-licensing';
import { ApiError, badRequest, forbidden } from '../../errors';
import type { StartPlan, Starter } from './starter';
import { portalOnly } from '../../tasks/task-view';
import { requireBoundSubject } from '../../licensing/subjects';

export const startLicensing: Starter<LicensingInput> = async ({ ctx, actor, input, parameters }): Promise<StartPlan> => {
  const path = ctx.orgTree.ancestorsAndSelf(actor.orgUnitId);
  const street = path.find((u) => u.kind === 'street');
  if (!street) throw forbidden('applications are filed with a street; your account belongs to none');
  const online = portalOnly(actor);
  if (online) await requireBoundSubject(ctx, actor, input.applicant);
  const [entry] = await ctx.db.select().from(catalogEntries)
    .where(and(eq(catalogEntries.catalog, 'licence-items'), eq(catalogEntries.code, input.itemCode)));
  if (!entry) throw badRequest('unknown licence item', [{ path: 'input.itemCode', message: `no licence item ${input.itemCode}` }]);
  const d = entry.data as Record<string, unknown>;
  const item: LicenceItemTerms = {
    code: entry.code, name: entry.name, commitmentAllowed: d.commitmentAllowed === true,
    noticeVersion: typeof d.noticeVersion === 'string' ? d.noticeVersion : null,
    verificationMethod: (d.verificationMethod as LicenceItemTerms['verificationMethod']) ?? 'written',
    missingMaterialAllowed: d.missingMaterialAllowed === true, safetyRelated: d.safetyRelated === true,
  };

  const steps: Record<string, TimeLimit> = {};
  for (const [stepId, p] of Object.entries(parameters)) if (p.timeLimit) steps[stepId] = p.timeLimit;
  if (d.verificationLimit) steps[LicensingStep.Verify] = d.verificationLimit as TimeLimit;
  if (d.correctionLimit) steps[LicensingStep.Rectify] = d.correctionLimit as TimeLimit;
  const limits = {
    steps,
    onSpot: (d.onSpotLimit as TimeLimit | undefined) ?? ON_SPOT_LIMIT,
    extension: (d.decisionExtension as TimeLimit | undefined) ?? STATUTORY_EXTENSION,
    reapplicationBar: yearPeriodOr(d.reapplicationBar, REAPPLICATION_BAR),
    missingMaterial: (d.missingMaterialLimit as TimeLimit | undefined) ?? steps[LicensingStep.FileMissing] ?? licensingContract.steps[LicensingStep.FileMissing].defaultLimit,
  };
  const bar = reapplicationBar(await adverseOf(ctx.creditRegistry, input.applicant.creditCode), item, await ctx.clock.now(), limits.reapplicationBar);
  if (bar) {
    throw new ApiError(ErrorType.Conflict, bar.message, [
      { path: 'input.applicant.creditCode', message: `revoked ${bar.revokedOn} for a false commitment (${bar.basis}); no new application before ${bar.barredThrough} has passed` },
      { path: 'input.itemCode', message: `barred for this applicant through ${bar.barredThrough} (${bar.basis})` },
    ]);
  }
  const district = path.find((u) => u.kind === 'district');
  return {
    orgUnitId: street.id,
    orgPath: [street.id, ...(district ? [district.id] : [])],
    workflowType: 'commitmentLicensing',
    title: `${input.applicant.name}：${entry.name}`,
    args: (ctxArg) => [{ ctx: ctxArg, input, streetId: street.id, item, limits } satisfies LicensingArgs],
    partyAccountId: online ? actor.id : null,
    issueClaimCode: !online,
  };
};

/** A catalog's period in years, or the statutory one when the entry holds none (or a malformed one). */
function yearPeriodOr(value: unknown, fallback: YearPeriod): YearPeriod {
  const v = value as Partial<YearPeriod> | undefined;
  return v && v.unit === 'years' && Number.isInteger(v.amount) && (v.amount ?? 0) > 0 ? { amount: v.amount!, unit: 'years' } : fallback;
}
