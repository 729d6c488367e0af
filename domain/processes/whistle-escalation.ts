// Contract of the whistle-and-report escalation process (吹哨报到): step ids, roles, actions, input.
import { z } from 'zod';
import { action, noData, text, type ProcessContract } from '../process-contract';
import type { TimeLimit } from '../time-limit';

export const WHISTLE_KEY = 'whistle-escalation';

export const WhistleStep = {
  CommunityHandle: 'Task_CommunityHandle',
  Dispatch: 'Task_Dispatch',
  DepartmentHandle: 'Task_DepartmentHandle',
  ShiftChiefReview: 'Task_ShiftChiefReview',
  DistrictCoordinate: 'Task_DistrictCoordinate',
  FieldCheck: 'Task_FieldCheck',
  FollowUp: 'Task_FollowUp',
  Close: 'Task_Close',
} as const;
export type WhistleStep = (typeof WhistleStep)[keyof typeof WhistleStep];

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

/** Extensions in one unit: P2D = 2 working days, PT4H = 4 working hours, PT30M = 30 minutes. */
export const EXTENSION_PATTERN = /^P(?:[1-9]\d{0,2}D|T[1-9]\d{0,2}H|T[1-9]\d{0,3}M)$/;

export function extensionLimit(duration: string): TimeLimit {
  const amount = Number(duration.replace(/\D/g, ''));
  if (duration.endsWith('D')) return { amount, unit: 'workingDays' };
  if (duration.endsWith('H')) return { amount, unit: 'workingHours' };
  return { amount, unit: 'minutes' };
}

/** Requests a department makes on its task, each ruled on by the shift chief. */
export const REVIEW_KINDS = { dispute: 'dispute', requestExtension: 'extension', requestParking: 'parking' } as const;
export type ReviewKind = (typeof REVIEW_KINDS)[keyof typeof REVIEW_KINDS];

export const whistleContract: ProcessContract<WhistleInput> = {
  key: WHISTLE_KEY,
  name: '吹哨报到',
  description: '网格上报或12345工单：社区处置，街道吹哨派遣，部门报到办理，区级会商，核查、回访、结案、考核。',
  idPrefix: 'WE',
  startRoles: ['grid_worker', 'dispatcher'],
  inputSchema: whistleInputSchema,
  otherElements: ['StartEvent_Report', 'EndEvent_Closed', 'EndEvent_SelfResolved', 'EndEvent_Rejected'],
  titleOf: (input) => `${input.location}：${input.description}`.slice(0, 120),
  steps: {
    [WhistleStep.CommunityHandle]: {
      name: '社区处置', role: 'community_staff', defaultLimit: { amount: 1, unit: 'workingDays' },
      actions: {
        resolve: action('办结反馈', () => z.object({ result: text(), photos: afterPhotos }).strict()),
        whistle: action('吹哨', () => z.object({ reason: text() }).strict()),
      },
    },
    [WhistleStep.Dispatch]: {
      name: '街道派遣', role: 'dispatcher', defaultLimit: { amount: 30, unit: 'minutes' },
      actions: {
        dispatch: action('派遣', () => z.object({ departments, lead: text(64) }).strict()
          .refine((d) => d.departments.includes(d.lead), { path: ['lead'], message: 'the lead must be one of the departments' })),
        reject: action('不予立案', () => z.object({ reason: text() }).strict()),
        escalate: action('提请区级会商', () => z.object({ reason: text() }).strict()),
      },
    },
    [WhistleStep.DepartmentHandle]: {
      name: '部门报到办理', role: 'dept_handler', defaultLimit: { amount: 4, unit: 'workingHours' },
      actions: {
        acknowledge: action('签收报到', () => noData, { keepsOpen: true }),
        complete: action('办结反馈', () => z.object({ result: text(), photos: afterPhotos }).strict()),
        dispute: action('派单异议', () => z.object({ reason: text() }).strict(), { keepsOpen: true }),
        requestExtension: action('申请延期', () => z.object({
          duration: z.string().regex(EXTENSION_PATTERN, 'must be an ISO-8601 duration of days (working days), hours (working hours) or minutes: P2D, PT4H, PT30M'),
          reason: text(),
        }).strict(), { keepsOpen: true }),
        requestParking: action('申请挂账', () => z.object({ reason: text() }).strict(), { keepsOpen: true }),
        resume: action('恢复办理', () => z.object({ note: text().optional() }).strict(), { keepsOpen: true }),
      },
    },
    [WhistleStep.ShiftChiefReview]: {
      name: '值班长审核', role: 'shift_chief', defaultLimit: { amount: 2, unit: 'workingHours' },
      actions: {
        approve: action('同意', () => noData),
        deny: action('不同意', () => z.object({ reason: text() }).strict()),
        escalate: action('超出街道协调能力，提请区级会商', () => z.object({ reason: text() }).strict()),
      },
    },
    [WhistleStep.DistrictCoordinate]: {
      name: '区级会商', role: 'district_leader', defaultLimit: { amount: 5, unit: 'workingDays' },
      actions: {
        direct: action('指派部门', () => z.object({ departments, lead: text(64), instructions: text() }).strict()),
        resolve: action('协调办结', () => z.object({ result: text() }).strict()),
      },
    },
    [WhistleStep.FieldCheck]: {
      name: '现场核查', role: 'grid_worker', defaultLimit: { amount: 1, unit: 'workingHours' },
      actions: {
        pass: action('核查通过', () => z.object({ photos: photos.optional() }).strict()),
        fail: action('核查不通过（返工）', () => z.object({ reason: text() }).strict()),
      },
    },
    [WhistleStep.FollowUp]: {
      name: '回访', role: 'community_staff', defaultLimit: { amount: 2, unit: 'workingDays' },
      actions: {
        record: action('记录回访', () => z.object({
          satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']),
          substantive: z.boolean().optional(),
        }).strict()),
      },
    },
    [WhistleStep.Close]: {
      name: '结案', role: 'shift_chief', defaultLimit: { amount: 1, unit: 'workingDays' },
      actions: { close: action('结案', () => noData) },
    },
  },
};
