// Contract of the notify-then-approve licensing process (告知承诺制): step ids, roles, actions, input.
import { z } from 'zod';
import { creditCodeSchema, idNumberSchema } from '../identifiers';
import { action, noData, text, type ProcessContract } from '../process-contract';
import type { TimeLimit } from '../time-limit';

export const LICENSING_KEY = 'commitment-licensing';

export const LicensingStep = {
  Commit: 'Task_Commit',
  Accept: 'Task_Accept',
  Resubmit: 'Task_Resubmit',
  Approve: 'Task_Approve',
  ApproveExtension: 'Task_ApproveExtension',
  FileMissing: 'Task_FileMissing',
  Verify: 'Task_Verify',
  Rectify: 'Task_Rectify',
} as const;
export type LicensingStep = (typeof LicensingStep)[keyof typeof LicensingStep];

export const LicensingService = {
  CreditCheck: 'Service_CreditCheck',
  IssueLicence: 'Service_IssueLicence',
  PushEnforcement: 'Service_PushEnforcement',
  PushCredit: 'Service_PushCredit',
  RevokeLicence: 'Service_RevokeLicence',
  RecordBadCredit: 'Service_RecordBadCredit',
  NotifyExtension: 'Service_NotifyExtension',
} as const;

export const LicensingEnd = {
  Closed: 'EndEvent_Closed',
  Denied: 'EndEvent_Denied',
  Revoked: 'EndEvent_Revoked',
  Lapsed: 'EndEvent_Lapsed',
  Barred: 'EndEvent_Barred',
} as const;

/** 行政许可法 art. 42: a decision within 20 working days of acceptance, extendable once by 10 with the head's approval. */
export const STATUTORY_DECISION_LIMIT: TimeLimit = { amount: 20, unit: 'workingDays' };
export const STATUTORY_EXTENSION: TimeLimit = { amount: 10, unit: 'workingDays' };
export const ART42_BASIS = '《行政许可法》第四十二条';
/** 行政许可法 art. 32: the one-time notice of everything missing, once, within the acceptance limit (5 working days) of receipt. */
export const ART32_BASIS = '《行政许可法》第三十二条';
/** 当场审批 on the commitment route: within the same working day unless the item says otherwise. */
export const ON_SPOT_LIMIT: TimeLimit = { amount: 4, unit: 'workingHours' };

export const licensingInputSchema = z.object({
  applicant: z.object({
    name: text(200),
    /** 统一社会信用代码, checked and stored normalised (GB 32100); the credit registry is keyed by it. */
    creditCode: creditCodeSchema,
    /** 居民身份证号码 of the natural person applying or signing (GB 11643). */
    idNumber: idNumberSchema.optional(),
  }).strict(),
  itemCode: text(64),
  route: z.enum(['commitment', 'normal']),
}).strict();
export type LicensingInput = z.infer<typeof licensingInputSchema>;

const missing = z.array(text(200)).min(1).max(50);
const method = z.enum(['written', 'online', 'onSite']);

export const licensingContract: ProcessContract<LicensingInput> = {
  key: LICENSING_KEY,
  name: '告知承诺制审批',
  description: '申请人在线申请并签署告知承诺书，窗口受理，当场审批发证，批管同步推送执法平台和信用库，事后核查；承诺不实责令整改，逾期未改撤销许可并记入失信。',
  idPrefix: 'CL',
  startRoles: ['applicant', 'window_clerk'],
  inputSchema: licensingInputSchema,
  otherElements: [
    'StartEvent_Apply', ...Object.values(LicensingService), ...Object.values(LicensingEnd),
    'Timer_CommitDeadline', 'Timer_ResubmitDeadline', 'Timer_AcceptDeadline', 'Timer_ApproveDeadline', 'Timer_FileMissingDeadline',
    'Timer_VerifyDeadline', 'Timer_RectifyDeadline', 'Boundary_ExtensionRequest',
  ],
  titleOf: (input) => `${input.applicant.name}：${input.itemCode}`.slice(0, 120),
  steps: {
    [LicensingStep.Commit]: {
      name: '告知承诺', role: 'applicant', onBehalfRoles: ['window_clerk'], defaultLimit: { amount: 5, unit: 'workingDays' },
      actions: {
        sign: action('签署承诺书', () => z.object({ noticeVersion: text(64) }).strict()),
        withdraw: action('撤回承诺（转一般程序）', () => noData),
      },
    },
    [LicensingStep.Accept]: {
      name: '窗口受理', role: 'window_clerk', defaultLimit: { amount: 5, unit: 'workingDays' },
      actions: {
        accept: action('受理', () => noData),
        acceptWithMissing: action('容缺受理', () => z.object({
          missing, deadline: z.string().datetime({ offset: true, message: 'must be an ISO-8601 date-time' }),
        }).strict()),
        requestSupplement: action('一次性告知补正', () => z.object({ missing }).strict()),
      },
    },
    [LicensingStep.Resubmit]: {
      name: '补正后重新提交', role: 'applicant', onBehalfRoles: ['window_clerk'], defaultLimit: { amount: 20, unit: 'workingDays' },
      actions: { resubmit: action('提交补正材料', () => z.object({ documents: z.array(text(500)).min(1).max(50) }).strict()) },
    },
    [LicensingStep.Approve]: {
      name: '审批决定', role: 'approver', defaultLimit: STATUTORY_DECISION_LIMIT,
      actions: {
        approve: action('准予许可', () => noData),
        deny: action('不予许可', () => z.object({ reason: text() }).strict()),
        requestExtension: action('申请延长审批期限（报负责人批准）', () => z.object({ reason: text() }).strict(), { keepsOpen: true }),
      },
    },
    [LicensingStep.ApproveExtension]: {
      name: '负责人批准延期', role: 'agency_head', defaultLimit: { amount: 2, unit: 'workingDays' },
      actions: {
        approve: action('批准延期（理由告知申请人）', () => noData),
        deny: action('不批准延期', () => z.object({ reason: text() }).strict()),
      },
    },
    [LicensingStep.FileMissing]: {
      name: '容缺材料补交', role: 'applicant', onBehalfRoles: ['window_clerk'], defaultLimit: { amount: 20, unit: 'workingDays' },
      actions: { file: action('补交材料', () => z.object({ documents: z.array(text(500)).min(1).max(50) }).strict()) },
    },
    [LicensingStep.Verify]: {
      name: '事后核查', role: 'verifier', defaultLimit: { amount: 30, unit: 'workingDays' },
      actions: {
        match: action('核查相符', () => z.object({ method }).strict()),
        mismatch: action('核查不符（责令整改）', () => z.object({ method, findings: text() }).strict()),
      },
    },
    [LicensingStep.Rectify]: {
      name: '整改复核', role: 'verifier', defaultLimit: { amount: 30, unit: 'calendarDays' },
      actions: {
        corrected: action('已整改（重新核查）', () => noData),
        notCorrected: action('逾期未整改（撤销许可）', () => noData),
      },
    },
  },
};
