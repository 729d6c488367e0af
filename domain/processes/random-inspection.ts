// Contract of the double-random inspection (双随机、一公开, 国发〔2019〕5号): a plan is approved, subjects and inspectors
// are drawn with a recorded seed, each drawn subject is inspected by its drawn inspectors only, a problem goes on as
// an inspection–penalty case, and every result is published within 20 working days of its inspection.
import { z } from 'zod';
import { text, withSchemas, type ProcessContract } from '../process-contract';
import { INSPECTION_OUTCOMES, RANDOM_KEY, RandomStep, randomSteps } from './steps/random-inspection';

export * from './steps/random-inspection';

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
  steps: withSchemas(randomSteps, {
    [RandomStep.ApprovePlan]: {
      approve: () => z.object({ note: text().optional() }).strict(),
      reject: () => z.object({ reason: text() }).strict(),
    },
    [RandomStep.Inspect]: {
      result: () => z.object({
        outcome: z.enum(INSPECTION_OUTCOMES),
        notes: text(5000),
        /** For a problem: which of the plan's matters the penalty case is about (the plan's first by default). */
        matterCode: text(64).optional(),
      }).strict(),
      recuse: () => z.object({ reason: text(500) }).strict(),
    },
  }),
};
