// Contract of the inspection–penalty separation process (查处分离): the street inspects, the district department
// penalises, under the Administrative Penalty Law (行政处罚法 2021) steps and deadlines.
import { z } from 'zod';
import { creditCodeSchema, idNumberSchema } from '../identifiers';
import { action, noData, text, type ProcessContract } from '../process-contract';

export const PENALTY_KEY = 'inspection-penalty';

export const PenaltyStep = {
  Inspect: 'Task_Inspect',
  Recheck: 'Task_Recheck',
  Route: 'Task_Route',
  Register: 'Task_Register',
  Investigate: 'Task_Investigate',
  PreservationApproval: 'Task_PreservationApproval',
  LegalReview: 'Task_LegalReview',
  Notify: 'Task_Notify',
  Defence: 'Task_Defence',
  Hearing: 'Task_Hearing',
  StatementReview: 'Task_StatementReview',
  Decide: 'Task_Decide',
  Serve: 'Task_Serve',
  Enforce: 'Task_Enforce',
  StreetRecheck: 'Task_StreetRecheck',
} as const;

export const PENALTY_KINDS = ['warning', 'fine', 'confiscation', 'suspendLicence', 'revokeLicence', 'suspendBusiness', 'closure'] as const;
/** Kinds that always make a case major (法制审核) and give the party a right to a hearing (art. 58, 63). */
export const HEAVY_KINDS: readonly string[] = ['revokeLicence', 'suspendLicence', 'suspendBusiness', 'closure'];

const fen = z.number().int().min(0).max(100_000_000_000);
export const penaltySchema = z.object({
  kind: z.enum(PENALTY_KINDS),
  amountFen: fen.optional(),
}).strict().refine((p) => (p.kind === 'fine' || p.kind === 'confiscation') === (p.amountFen !== undefined && p.amountFen > 0), {
  path: ['amountFen'], message: 'a fine or confiscation needs a positive amount in fen; other kinds none',
});
export type Penalty = z.infer<typeof penaltySchema>;

const isoDate = z.string().date('must be a date (YYYY-MM-DD)');

/** The offence's dates (art. 36): a continuing offence counts from the day it ended. */
export const offenceSchema = z.object({
  date: isoDate,
  continuing: z.boolean().optional(),
  endDate: isoDate.optional(),
  harmfulConsequences: z.boolean().optional(),
}).strict()
  .refine((o) => o.endDate === undefined || o.continuing === true, { path: ['endDate'], message: 'only a continuing offence has an end date' })
  .refine((o) => o.endDate === undefined || o.endDate >= o.date, { path: ['endDate'], message: 'a continuing offence ends on or after the day it began' });

const collectiveDiscussionSchema = z.object({
  date: isoDate,
  participants: z.array(text(100)).min(2).max(50).refine((p) => new Set(p).size === p.length, { message: 'each participant once' }),
  conclusion: text(5000),
}).strict();

export const penaltyInputSchema = z.object({
  subject: z.object({
    name: text(200),
    creditCode: creditCodeSchema.optional(),
    idNumber: idNumberSchema.optional(),
    address: text(500),
    kind: z.enum(['individual', 'organisation']).optional(),
  }).strict(),
  matter: text(64),
  inspectors: z.tuple([text(64), text(64)]).refine(([a, b]) => a !== b, { message: 'two distinct inspectors are required (art. 42)' }),
  origin: z.enum(['patrol', 'gridEvent', 'whistle', 'randomInspection', 'complaint']),
  /** The case it came from (a random-inspection plan), so each links to the other. */
  originInstanceId: text(64).optional(),
  /** What the inspectors noted of the offence's dates; the registration records them for good (art. 36). */
  offence: offenceSchema.optional(),
}).strict();
export type PenaltyInput = z.infer<typeof penaltyInputSchema>;

/** Individual unless a credit code (organisations have one) or an explicit kind says otherwise. */
export function subjectKind(input: PenaltyInput): 'individual' | 'organisation' {
  return input.subject.kind ?? (input.subject.creditCode ? 'organisation' : 'individual');
}

export const penaltyContract: ProcessContract<PenaltyInput> = {
  key: PENALTY_KEY,
  name: '查处分离',
  description: '街道综合执法队检查、责令整改或当场处罚，需处罚的移送区级平台；区级部门立案、调查、法制审核、告知、听证、决定、送达、执行，结果反馈街道复查结案。',
  idPrefix: 'IP',
  startRoles: ['enforcement_officer'],
  inputSchema: penaltyInputSchema,
  otherElements: ['StartEvent_Inspection', 'EndEvent_Compliant', 'EndEvent_Rectified', 'EndEvent_SimplePenalty', 'EndEvent_Closed', 'EndEvent_Referred'],
  titleOf: (input) => `${input.subject.name}（${input.matter}）`.slice(0, 120),
  steps: {
    [PenaltyStep.Inspect]: {
      name: '现场检查', role: 'enforcement_officer', defaultLimit: { amount: 1, unit: 'workingDays' },
      actions: {
        compliant: action('检查合格', () => z.object({ note: text().optional() }).strict()),
        orderRectification: action('责令改正', () => z.object({ deadline: isoDate, requirement: text() }).strict()),
        simplePenalty: action('当场处罚（简易程序）', () => z.object({
          kind: z.enum(['warning', 'fine']), amountFen: fen.optional(), basis: text(),
        }).strict().refine((p) => (p.kind === 'fine') === (p.amountFen !== undefined && p.amountFen > 0), { path: ['amountFen'], message: 'a fine needs a positive amount in fen; a warning none' })),
        transfer: action('移送区级平台', () => z.object({ matterCode: text(64), evidence: z.array(text(500)).min(1).max(100) }).strict()),
      },
    },
    [PenaltyStep.Recheck]: {
      name: '整改复查', role: 'enforcement_officer', defaultLimit: { amount: 2, unit: 'workingDays' },
      actions: { fixed: action('已整改', () => noData), notFixed: action('未整改', () => noData) },
    },
    [PenaltyStep.Route]: {
      name: '区级平台分流', role: 'platform_operator', defaultLimit: { amount: 1, unit: 'workingDays' },
      actions: { route: action('分流至主管部门', () => z.object({ departmentId: text(64) }).strict()) },
    },
    [PenaltyStep.Register]: {
      name: '立案', role: 'case_officer', defaultLimit: { amount: 7, unit: 'workingDays' },
      actions: {
        register: action('立案', () => z.object({ caseOfficers: z.tuple([text(64), text(64)]), offence: offenceSchema }).strict()
          .refine((d) => d.caseOfficers[0] !== d.caseOfficers[1], { path: ['caseOfficers'], message: 'two distinct case officers are required (art. 42)' })),
        returnCase: action('退回（非本部门管辖）', () => z.object({ reason: text() }).strict()),
      },
    },
    [PenaltyStep.Investigate]: {
      name: '调查取证', role: 'case_officer', defaultLimit: { amount: 60, unit: 'calendarDays' },
      actions: {
        conclude: action('调查终结', () => z.object({
          finding: z.enum(['penalize', 'noPenalty', 'refer']), proposedPenalty: penaltySchema.optional(), reason: text().optional(),
        }).strict().refine((d) => (d.finding === 'penalize') === (d.proposedPenalty !== undefined), { path: ['proposedPenalty'], message: 'a penalty is proposed exactly when the finding is penalize' })),
        requestPreservation: action('申请先行登记保存', () => z.object({ items: z.array(text(500)).min(1), reason: text() }).strict(), { keepsOpen: true }),
        decidePreserved: action('作出登记保存处理决定', () => z.object({ decision: text() }).strict(), { keepsOpen: true }),
        suspendClock: action('检测、检验、鉴定期间中止计算办案期限', () => z.object({ reason: z.enum(['testing', 'appraisal']), note: text() }).strict(), { keepsOpen: true }),
        resumeClock: action('检测、检验、鉴定结束，恢复计算办案期限', () => z.object({ note: text().optional() }).strict(), { keepsOpen: true }),
      },
    },
    [PenaltyStep.PreservationApproval]: {
      name: '先行登记保存审批', role: 'agency_head', defaultLimit: { amount: 1, unit: 'workingDays' },
      actions: { approve: action('批准', () => noData), deny: action('不批准', () => z.object({ reason: text() }).strict()) },
    },
    [PenaltyStep.LegalReview]: {
      name: '法制审核', role: 'legal_reviewer', defaultLimit: { amount: 5, unit: 'workingDays' },
      actions: { pass: action('审核通过', () => noData), reject: action('退回补正', () => z.object({ reason: text() }).strict()) },
    },
    [PenaltyStep.Notify]: {
      name: '处罚告知', role: 'case_officer', defaultLimit: { amount: 3, unit: 'workingDays' },
      actions: { notify: action('送达告知书', () => z.object({ proposedPenalty: penaltySchema, hearingEligible: z.boolean() }).strict()) },
    },
    [PenaltyStep.Defence]: {
      name: '陈述申辩期', role: 'case_officer', defaultLimit: { amount: 5, unit: 'workingDays' },
      actions: {
        statement: action('记录陈述申辩', () => z.object({ text: text(10000) }).strict(), { keepsOpen: true }),
        requestHearing: action('当事人要求听证', () => noData),
        waive: action('当事人放弃陈述申辩', () => noData),
      },
    },
    [PenaltyStep.Hearing]: {
      name: '听证', role: 'hearing_officer', defaultLimit: { amount: 15, unit: 'workingDays' },
      actions: { hold: action('举行听证', () => z.object({ record: text(20000) }).strict()) },
    },
    [PenaltyStep.StatementReview]: {
      name: '陈述申辩复核', role: 'case_officer', defaultLimit: { amount: 3, unit: 'workingDays' },
      actions: {
        review: action('记录复核意见', () => z.object({ adopted: z.enum(['adopted', 'partlyAdopted', 'notAdopted']), reasons: text(10000) }).strict()),
      },
    },
    [PenaltyStep.Decide]: {
      name: '处罚决定', role: 'agency_head', defaultLimit: { amount: 10, unit: 'workingDays' },
      actions: {
        decide: action('作出处罚决定', () => z.object({
          penalty: penaltySchema, publish: z.boolean().optional(), collectiveDiscussion: collectiveDiscussionSchema.optional(),
        }).strict()),
        noPenalty: action('不予处罚', () => z.object({ reason: text() }).strict()),
        renotify: action('重新告知（拟加重处罚）', () => z.object({ proposedPenalty: penaltySchema, reason: text() }).strict()),
      },
    },
    [PenaltyStep.Serve]: {
      name: '送达', role: 'case_officer', defaultLimit: { amount: 7, unit: 'workingDays' },
      actions: { served: action('已送达', () => z.object({ method: z.enum(['inPerson', 'post', 'electronic', 'publicNotice']) }).strict()) },
    },
    [PenaltyStep.Enforce]: {
      name: '执行', role: 'case_officer', defaultLimit: { amount: 15, unit: 'calendarDays' },
      actions: {
        paid: action('已缴纳', () => z.object({ amountFen: fen }).strict()),
        courtEnforcement: action('申请法院强制执行', () => noData),
      },
    },
    [PenaltyStep.StreetRecheck]: {
      name: '街道复查', role: 'enforcement_officer', defaultLimit: { amount: 5, unit: 'workingDays' },
      actions: { fixed: action('已整改', () => noData), notFixed: action('未整改', () => noData) },
    },
  },
};
