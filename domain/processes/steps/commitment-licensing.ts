// The notify-then-approve licensing process's steps as its workflow reads them (告知承诺制): step and element ids,
// roles, action names and labels, statutory limits. The data schemas and the input are in ../commitment-licensing.ts.
import type { StepTable } from '../../process-steps';
import type { TimeLimit } from '../../time-limit';

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

export const licensingSteps = {
  [LicensingStep.Commit]: {
    name: '告知承诺', role: 'applicant', onBehalfRoles: ['window_clerk'], defaultLimit: { amount: 5, unit: 'workingDays' },
    actions: { sign: { label: '签署承诺书' }, withdraw: { label: '撤回承诺（转一般程序）' } },
  },
  [LicensingStep.Accept]: {
    name: '窗口受理', role: 'window_clerk', defaultLimit: { amount: 5, unit: 'workingDays' },
    actions: { accept: { label: '受理' }, acceptWithMissing: { label: '容缺受理' }, requestSupplement: { label: '一次性告知补正' } },
  },
  [LicensingStep.Resubmit]: {
    name: '补正后重新提交', role: 'applicant', onBehalfRoles: ['window_clerk'], defaultLimit: { amount: 20, unit: 'workingDays' },
    actions: { resubmit: { label: '提交补正材料' } },
  },
  [LicensingStep.Approve]: {
    name: '审批决定', role: 'approver', defaultLimit: STATUTORY_DECISION_LIMIT,
    actions: {
      approve: { label: '准予许可' },
      deny: { label: '不予许可' },
      requestExtension: { label: '申请延长审批期限（报负责人批准）', keepsOpen: true },
    },
  },
  [LicensingStep.ApproveExtension]: {
    name: '负责人批准延期', role: 'agency_head', defaultLimit: { amount: 2, unit: 'workingDays' },
    actions: { approve: { label: '批准延期（理由告知申请人）' }, deny: { label: '不批准延期' } },
  },
  [LicensingStep.FileMissing]: {
    name: '容缺材料补交', role: 'applicant', onBehalfRoles: ['window_clerk'], defaultLimit: { amount: 20, unit: 'workingDays' },
    actions: { file: { label: '补交材料' } },
  },
  [LicensingStep.Verify]: {
    name: '事后核查', role: 'verifier', defaultLimit: { amount: 30, unit: 'workingDays' },
    actions: { match: { label: '核查相符' }, mismatch: { label: '核查不符（责令整改）' } },
  },
  [LicensingStep.Rectify]: {
    name: '整改复核', role: 'verifier', defaultLimit: { amount: 30, unit: 'calendarDays' },
    actions: { corrected: { label: '已整改（重新核查）' }, notCorrected: { label: '逾期未整改（撤销许可）' } },
  },
} as const satisfies StepTable;
