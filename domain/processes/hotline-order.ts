// Contract of the 12345 hotline work order (接诉即办, 北京市接诉即办工作条例 arts. 11–16, 23): its step table
// (./steps/hotline-order.ts, what the workflow reads) with the actions' data schemas, and the input.
import { z } from 'zod';
import { text, withSchemas, type ProcessContract } from '../process-contract';
import { EXTENSION_PATTERN } from './steps/whistle-escalation';
import { HOTLINE_KEY, HOTLINE_KINDS, HotlineStep, hotlineSteps, LINKED_CASE_STEP, SATISFACTION } from './steps/hotline-order';

export * from './steps/hotline-order';

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
  steps: withSchemas(hotlineSteps, {
    [HotlineStep.Intake]: {
      answer: () => z.object({ answer: text() }).strict(),
      dispatch: () => z.object({ unitId }).strict(),
    },
    [HotlineStep.Respond]: {
      contact: () => z.object({
        note: text(),
        /** Where a street files its linked whistle case when the order names no grid of that street. */
        gridCode: text(64).optional(),
      }).strict(),
      object: () => z.object({ reason: text() }).strict(),
    },
    [HotlineStep.RuleObjection]: {
      uphold: () => z.object({ unitId }).strict(),
      refuse: () => z.object({ reason: text() }).strict(),
    },
    [HotlineStep.Handle]: {
      report: () => z.object({ result: text() }).strict(),
      requestExtension: () => z.object({
        duration: z.string().regex(EXTENSION_PATTERN, 'must be an ISO-8601 duration of days (working days), hours (working hours) or minutes: P2D, PT4H, PT30M'),
        reason: text(),
      }).strict(),
    },
    [HotlineStep.ReturnVisit]: {
      record: () => z.object({ resolved: z.boolean(), satisfaction: z.enum(SATISFACTION) }).strict(),
      reopen: () => z.object({ reason: text() }).strict(),
    },
  }),
};
