// The 12345 hotline work order's steps as its workflow reads them (接诉即办): step ids, roles, action names and labels,
// default limits, and the kinds of unit an order goes to. The actions' data schemas and the input schema are in
// ../hotline-order.ts, which the API reads; the workflow loads no validation library.
import type { StepTable } from '../../process-steps';
import type { Role } from '../../roles';

export const HOTLINE_KEY = 'hotline-order';

export const HotlineStep = {
  Intake: 'Task_Intake',
  Respond: 'Task_Respond',
  RuleObjection: 'Task_RuleObjection',
  Handle: 'Task_Handle',
  ReturnVisit: 'Task_ReturnVisit',
} as const;
export type HotlineStep = (typeof HotlineStep)[keyof typeof HotlineStep];
/** A street's handling: the linked whistle-escalation case the order files (art. 16), one run per filing. */
export const LINKED_CASE_STEP = 'Service_LinkedCase';

export const HOTLINE_KINDS = ['consultation', 'request', 'complaint', 'report', 'suggestion'] as const;
export type HotlineKind = (typeof HOTLINE_KINDS)[number];
export const SATISFACTION = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

/** The kinds of unit an order goes to (art. 12): a street, a department, or the district government to coordinate. */
export type ReceivingKind = 'street' | 'department' | 'district';

/** A unit an order was dispatched to, as the workflow and its activities know it. */
export interface ReceivingUnit { id: string; kind: ReceivingKind; name: string }

/** Who acts for a receiving unit on its steps: the street's command centre, the department's handler, the district leader. */
export const RECEIVING_ROLE: Record<ReceivingKind, Role> = { street: 'dispatcher', department: 'dept_handler', district: 'district_leader' };

export const hotlineSteps = {
  [HotlineStep.Intake]: {
    name: '受理派单', role: 'hotline_operator', defaultLimit: { amount: 30, unit: 'minutes' },
    actions: { answer: { label: '即时答复' }, dispatch: { label: '派单' } },
  },
  // The role is the street's; a department's handler or the district leader acts when the order went there.
  [HotlineStep.Respond]: {
    name: '首接联系', role: 'dispatcher', defaultLimit: { amount: 24 * 60, unit: 'minutes' },
    actions: { contact: { label: '联系诉求人' }, object: { label: '派单异议' } },
  },
  [HotlineStep.RuleObjection]: {
    name: '派单异议审核', role: 'hotline_operator', defaultLimit: { amount: 2, unit: 'workingHours' },
    actions: { uphold: { label: '异议成立，改派' }, refuse: { label: '异议不成立' } },
  },
  [HotlineStep.Handle]: {
    name: '办理反馈', role: 'dept_handler', defaultLimit: { amount: 7, unit: 'calendarDays' },
    actions: { report: { label: '办结反馈' }, requestExtension: { label: '延期（告知诉求人）', keepsOpen: true } },
  },
  [HotlineStep.ReturnVisit]: {
    name: '回访', role: 'hotline_operator', defaultLimit: { amount: 1, unit: 'workingDays' },
    actions: { record: { label: '记录回访' }, reopen: { label: '未解决，重新办理' } },
  },
} as const satisfies StepTable;
