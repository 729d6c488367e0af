// The whistle-and-report escalation process's steps as its workflow reads them (吹哨报到): step ids, roles, action
// names and labels, default limits. The actions' data schemas and the input schema are in ../whistle-escalation.ts.
import type { StepTable } from '../../process-steps';
import type { TimeLimit } from '../../time-limit';

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

/** Extensions in one unit: P2D = 2 working days, PT4H = 4 working hours, PT30M = 30 minutes. */
export const EXTENSION_PATTERN = /^P(?:[1-9]\d{0,2}D|T[1-9]\d{0,2}H|T[1-9]\d{0,3}M)$/;

export function extensionLimit(duration: string): TimeLimit {
  const amount = Number(duration.replace(/\D/g, ''));
  if (duration.endsWith('D')) return { amount, unit: 'workingDays' };
  if (duration.endsWith('H')) return { amount, unit: 'workingHours' };
  return { amount, unit: 'minutes' };
}

/** A case's title in lists: where, and what (cut to 120 characters). */
export function whistleTitle(input: { location: string; description: string }): string {
  return `${input.location}：${input.description}`.slice(0, 120);
}

/** Requests a department makes on its task, each ruled on by the shift chief. */
export const REVIEW_KINDS = { dispute: 'dispute', requestExtension: 'extension', requestParking: 'parking' } as const;
export type ReviewKind = (typeof REVIEW_KINDS)[keyof typeof REVIEW_KINDS];

export const whistleSteps = {
  [WhistleStep.CommunityHandle]: {
    name: '社区处置', role: 'community_staff', defaultLimit: { amount: 1, unit: 'workingDays' },
    actions: { resolve: { label: '办结反馈' }, whistle: { label: '吹哨' } },
  },
  [WhistleStep.Dispatch]: {
    name: '街道派遣', role: 'dispatcher', defaultLimit: { amount: 30, unit: 'minutes' },
    actions: { dispatch: { label: '派遣' }, reject: { label: '不予立案' }, escalate: { label: '提请区级会商' } },
  },
  [WhistleStep.DepartmentHandle]: {
    name: '部门报到办理', role: 'dept_handler', defaultLimit: { amount: 4, unit: 'workingHours' },
    actions: {
      acknowledge: { label: '签收报到', keepsOpen: true },
      complete: { label: '办结反馈' },
      dispute: { label: '派单异议', keepsOpen: true },
      requestExtension: { label: '申请延期', keepsOpen: true },
      requestParking: { label: '申请挂账', keepsOpen: true },
      resume: { label: '恢复办理', keepsOpen: true },
    },
  },
  [WhistleStep.ShiftChiefReview]: {
    name: '值班长审核', role: 'shift_chief', defaultLimit: { amount: 2, unit: 'workingHours' },
    actions: { approve: { label: '同意' }, deny: { label: '不同意' }, escalate: { label: '超出街道协调能力，提请区级会商' } },
  },
  [WhistleStep.DistrictCoordinate]: {
    name: '区级会商', role: 'district_leader', defaultLimit: { amount: 5, unit: 'workingDays' },
    actions: { direct: { label: '指派部门' }, resolve: { label: '协调办结' } },
  },
  [WhistleStep.FieldCheck]: {
    name: '现场核查', role: 'grid_worker', defaultLimit: { amount: 1, unit: 'workingHours' },
    actions: { pass: { label: '核查通过' }, fail: { label: '核查不通过（返工）' } },
  },
  [WhistleStep.FollowUp]: {
    name: '回访', role: 'community_staff', defaultLimit: { amount: 2, unit: 'workingDays' },
    actions: { record: { label: '记录回访' } },
  },
  [WhistleStep.Close]: {
    name: '结案', role: 'shift_chief', defaultLimit: { amount: 1, unit: 'workingDays' },
    actions: { close: { label: '结案' } },
  },
} as const satisfies StepTable;
