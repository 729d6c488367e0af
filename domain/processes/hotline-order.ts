// Contract of the 12345 hotline work order (接诉即办, 北京市接诉即办工作条例 arts. 11–16, 23): step ids, roles,
// actions, input.
import { z } from 'zod';
import { action, text, type ProcessContract } from '../process-contract';
import type { Role } from '../roles';
import { EXTENSION_PATTERN } from './whistle-escalation';

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

export const callerSchema = z.object({
  name: text(100),
  phone: z.string().regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number'),
}).strict();

export const hotlineInputSchema = z.object({
  caller: callerSchema,
  content: text(4000),
  kind: z.enum(HOTLINE_KINDS),
  /** A code of the dispatch catalog (hotline-dispatch). */
  category: text(64),
  location: text(500).optional(),
  gridCode: text(64).optional(),
  urgent: z.boolean().optional(),
}).strict();
export type HotlineInput = z.infer<typeof hotlineInputSchema>;

/** The kinds of unit an order goes to (art. 12): a street, a department, or the district government to coordinate. */
export type ReceivingKind = 'street' | 'department' | 'district';

/** A unit an order was dispatched to, as the workflow and its activities know it. */
export interface ReceivingUnit { id: string; kind: ReceivingKind; name: string }

/** Who acts for a receiving unit on its steps: the street's command centre, the department's handler, the district leader. */
export const RECEIVING_ROLE: Record<ReceivingKind, Role> = { street: 'dispatcher', department: 'dept_handler', district: 'district_leader' };

const unitId = text(64);

export const hotlineContract: ProcessContract<HotlineInput> = {
  key: HOTLINE_KEY,
  name: '接诉即办',
  description: '12345热线工单：受理分类，咨询即时答复，按派单目录派单，首接负责（派单异议由热线审核），联系诉求人、办理、延期告知，回访评价，三率考核。',
  idPrefix: 'HL',
  startRoles: ['hotline_operator'],
  inputSchema: hotlineInputSchema,
  otherElements: ['StartEvent_Call', LINKED_CASE_STEP, 'EndEvent_Answered', 'EndEvent_Closed'],
  titleOf: (input) => `${input.location ?? '12345'}：${input.content}`.slice(0, 120),
  steps: {
    [HotlineStep.Intake]: {
      name: '受理派单', role: 'hotline_operator', defaultLimit: { amount: 30, unit: 'minutes' },
      actions: {
        answer: action('即时答复', () => z.object({ answer: text() }).strict()),
        dispatch: action('派单', () => z.object({ unitId }).strict()),
      },
    },
    // The role is the street's; a department's handler or the district leader acts when the order went there.
    [HotlineStep.Respond]: {
      name: '首接联系', role: 'dispatcher', defaultLimit: { amount: 24 * 60, unit: 'minutes' },
      actions: {
        contact: action('联系诉求人', () => z.object({
          note: text(),
          /** Where a street files its linked whistle case when the order names no grid of that street. */
          gridCode: text(64).optional(),
        }).strict()),
        object: action('派单异议', () => z.object({ reason: text() }).strict()),
      },
    },
    [HotlineStep.RuleObjection]: {
      name: '派单异议审核', role: 'hotline_operator', defaultLimit: { amount: 2, unit: 'workingHours' },
      actions: {
        uphold: action('异议成立，改派', () => z.object({ unitId }).strict()),
        refuse: action('异议不成立', () => z.object({ reason: text() }).strict()),
      },
    },
    [HotlineStep.Handle]: {
      name: '办理反馈', role: 'dept_handler', defaultLimit: { amount: 7, unit: 'calendarDays' },
      actions: {
        report: action('办结反馈', () => z.object({ result: text() }).strict()),
        requestExtension: action('延期（告知诉求人）', () => z.object({
          duration: z.string().regex(EXTENSION_PATTERN, 'must be an ISO-8601 duration of days (working days), hours (working hours) or minutes: P2D, PT4H, PT30M'),
          reason: text(),
        }).strict(), { keepsOpen: true }),
      },
    },
    [HotlineStep.ReturnVisit]: {
      name: '回访', role: 'hotline_operator', defaultLimit: { amount: 1, unit: 'workingDays' },
      actions: {
        record: action('记录回访', () => z.object({ resolved: z.boolean(), satisfaction: z.enum(SATISFACTION) }).strict()),
        reopen: action('未解决，重新办理', () => z.object({ reason: text() }).strict()),
      },
    },
  },
};
