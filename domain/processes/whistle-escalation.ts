// Contract of the whistle-and-report escalation process (吹哨报到): its step table (./steps/whistle-escalation.ts,
// what the workflow reads) with the actions' data schemas, and the input.
import { z } from 'zod';
import { noData, text, withSchemas, type ProcessContract } from '../process-contract';
import { EXTENSION_PATTERN, WHISTLE_KEY, WhistleStep, whistleSteps, whistleTitle } from './steps/whistle-escalation';

export * from './steps/whistle-escalation';

const photos = z.array(text(500)).max(20);
/**
 * A resolution on the spot or by a handling unit is recorded with an after-photo (DOMAIN §4.1, §4.6): the field
 * check and the assessment rest on it, so a completion without one is refused, naming the field.
 */
export const AFTER_PHOTO_MESSAGE = 'at least one after-photo (整改后照片) is required to report a resolution';
const afterPhotos = z.array(text(500), { error: AFTER_PHOTO_MESSAGE }).min(1, AFTER_PHOTO_MESSAGE).max(20);

export const whistleInputSchema = z.object({
  category: text(64),
  gridCode: text(64),
  location: text(500),
  description: text(4000),
  photos: photos.optional(),
  source: z.enum(['grid', 'hotline']),
  requester: z.object({ name: text(100), phone: z.string().regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number') }).optional(),
  selfResolved: z.object({ result: text(2000), photos: afterPhotos }).optional(),
}).strict().superRefine((input, ctx) => {
  if (input.source === 'hotline' && !input.requester) {
    ctx.addIssue({ code: 'custom', path: ['requester'], message: 'a hotline work order needs its requester' });
  }
  if (input.source === 'hotline' && input.selfResolved) {
    ctx.addIssue({ code: 'custom', path: ['selfResolved'], message: 'only a grid worker on the spot can self-resolve' });
  }
});
export type WhistleInput = z.infer<typeof whistleInputSchema>;

const departments = z.array(text(64)).min(1).max(10);

export const whistleContract: ProcessContract<WhistleInput> = {
  key: WHISTLE_KEY,
  name: '吹哨报到',
  description: '网格上报或12345工单：社区处置，街道吹哨派遣，部门报到办理，区级会商，核查、回访、结案、考核。',
  idPrefix: 'WE',
  startRoles: ['grid_worker', 'dispatcher'],
  inputSchema: whistleInputSchema,
  otherElements: ['StartEvent_Report', 'EndEvent_Closed', 'EndEvent_SelfResolved', 'EndEvent_Rejected'],
  titleOf: whistleTitle,
  steps: withSchemas(whistleSteps, {
    [WhistleStep.CommunityHandle]: {
      resolve: () => z.object({ result: text(), photos: afterPhotos }).strict(),
      whistle: () => z.object({ reason: text() }).strict(),
    },
    [WhistleStep.Dispatch]: {
      dispatch: () => z.object({ departments, lead: text(64) }).strict()
        .refine((d) => d.departments.includes(d.lead), { path: ['lead'], message: 'the lead must be one of the departments' }),
      reject: () => z.object({ reason: text() }).strict(),
      escalate: () => z.object({ reason: text() }).strict(),
    },
    [WhistleStep.DepartmentHandle]: {
      acknowledge: () => noData,
      complete: () => z.object({ result: text(), photos: afterPhotos }).strict(),
      dispute: () => z.object({ reason: text() }).strict(),
      requestExtension: () => z.object({
        duration: z.string().regex(EXTENSION_PATTERN, 'must be an ISO-8601 duration of days (working days), hours (working hours) or minutes: P2D, PT4H, PT30M'),
        reason: text(),
      }).strict(),
      requestParking: () => z.object({ reason: text() }).strict(),
      resume: () => z.object({ note: text().optional() }).strict(),
    },
    [WhistleStep.ShiftChiefReview]: {
      approve: () => noData,
      deny: () => z.object({ reason: text() }).strict(),
      escalate: () => z.object({ reason: text() }).strict(),
    },
    [WhistleStep.DistrictCoordinate]: {
      direct: () => z.object({ departments, lead: text(64), instructions: text() }).strict(),
      resolve: () => z.object({ result: text() }).strict(),
    },
    [WhistleStep.FieldCheck]: {
      pass: () => z.object({ photos: photos.optional() }).strict(),
      fail: () => z.object({ reason: text() }).strict(),
    },
    [WhistleStep.FollowUp]: {
      record: () => z.object({
        satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']),
        substantive: z.boolean().optional(),
      }).strict(),
    },
    [WhistleStep.Close]: { close: () => noData },
  }),
};
