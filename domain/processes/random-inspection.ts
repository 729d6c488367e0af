// Contract of the double-random inspection (双随机、一公开, 国发〔2019〕5号): a plan is approved, subjects and inspectors
// are drawn with a recorded seed, each drawn subject is inspected by its drawn inspectors only, a problem goes on as
// an inspection–penalty case, and every result is published within 20 working days of its inspection.
import { z } from 'zod';
import { action, text, type ProcessContract } from '../process-contract';
import type { TimeLimit } from '../time-limit';

export const RANDOM_KEY = 'random-inspection';

export const RandomStep = {
  ApprovePlan: 'Task_ApprovePlan',
  Draw: 'Service_Draw',
  Inspect: 'Task_RandomInspect',
  Publish: 'Service_Publish',
} as const;

/** 抽查结果公示: within 20 working days of the inspection (国发〔2019〕5号 三(六)); the diagram may set another. */
export const PUBLICATION_LIMIT: TimeLimit = { amount: 20, unit: 'workingDays' };

export const INSPECTION_OUTCOMES = ['compliant', 'problem', 'notFound'] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

const sampleSchema = z.union([
  z.object({ count: z.number().int().min(1).max(100_000) }).strict(),
  z.object({ percent: z.number().gt(0).max(100) }).strict(),
]);

const distinct = (items: readonly string[]) => new Set(items).size === items.length;

export const randomInputSchema = z.object({
  title: text(200),
  matterCodes: z.array(text(64)).min(1).max(20).refine(distinct, { message: 'each matter once' }),
  /** The units taking part (a joint plan names several): streets and district departments. */
  departmentIds: z.array(text(64)).min(1).max(20).refine(distinct, { message: 'each unit once' }),
  sample: sampleSchema,
  inspectorsPerSubject: z.number().int().min(2).max(5),
  weighting: z.enum(['none', 'credit']).optional(),
}).strict();
export type RandomInput = z.infer<typeof randomInputSchema>;

export const randomContract: ProcessContract<RandomInput> = {
  key: RANDOM_KEY,
  name: '双随机、一公开',
  description: '抽查计划经部门负责人批准后自动摇号：随机抽取检查对象、随机选派执法检查人员（记录种子与算法，可复验），检查发现问题转入查处分离案件，检查结果20个工作日内向社会公示。',
  idPrefix: 'RI',
  startRoles: ['platform_operator', 'agency_head'],
  inputSchema: randomInputSchema,
  otherElements: [RandomStep.Draw, RandomStep.Publish, 'StartEvent_Plan', 'EndEvent_Rejected', 'EndEvent_Done'],
  titleOf: (input) => input.title.slice(0, 120),
  steps: {
    [RandomStep.ApprovePlan]: {
      name: '审批抽查计划', role: 'agency_head', defaultLimit: { amount: 5, unit: 'workingDays' },
      actions: {
        approve: action('批准（自动摇号）', () => z.object({ note: text().optional() }).strict()),
        reject: action('不予批准', () => z.object({ reason: text() }).strict()),
      },
    },
    [RandomStep.Inspect]: {
      name: '双随机检查', role: 'enforcement_officer', defaultLimit: { amount: 20, unit: 'workingDays' },
      actions: {
        result: action('录入检查结果', () => z.object({
          outcome: z.enum(INSPECTION_OUTCOMES),
          notes: text(5000),
          /** For a problem: which of the plan's matters the penalty case is about (the plan's first by default). */
          matterCode: text(64).optional(),
        }).strict()),
        recuse: action('申请回避（另抽一人）', () => z.object({ reason: text(500) }).strict(), { keepsOpen: true }),
      },
    },
  },
};
