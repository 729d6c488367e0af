// The double-random inspection's steps as its workflow reads them (双随机、一公开): step ids, roles, action names and
// labels, default limits. The actions' data schemas and the plan's input schema are in ../random-inspection.ts, which
// the API reads; the workflow loads no validation library.
import type { StepTable } from '../../process-steps';
import type { TimeLimit } from '../../time-limit';

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

export const randomSteps = {
  [RandomStep.ApprovePlan]: {
    name: '审批抽查计划', role: 'agency_head', defaultLimit: { amount: 5, unit: 'workingDays' },
    actions: { approve: { label: '批准（自动摇号）' }, reject: { label: '不予批准' } },
  },
  [RandomStep.Inspect]: {
    name: '双随机检查', role: 'enforcement_officer', defaultLimit: { amount: 20, unit: 'workingDays' },
    actions: { result: { label: '录入检查结果' }, recuse: { label: '申请回避（另抽一人）', keepsOpen: true } },
  },
} as const satisfies StepTable;
