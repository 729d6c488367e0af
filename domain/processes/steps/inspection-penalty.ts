// The inspection–penalty separation process's steps as its workflow reads them (查处分离): step ids, roles, action
// names and labels, default limits, penalty kinds. The data schemas and the input are in ../inspection-penalty.ts.
import type { StepTable } from '../../process-steps';

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

/** Individual unless a credit code (organisations have one) or an explicit kind says otherwise. */
export function subjectKind(input: { subject: { kind?: 'individual' | 'organisation'; creditCode?: string } }): 'individual' | 'organisation' {
  return input.subject.kind ?? (input.subject.creditCode ? 'organisation' : 'individual');
}

export const penaltySteps = {
  [PenaltyStep.Inspect]: {
    name: '现场检查', role: 'enforcement_officer', defaultLimit: { amount: 1, unit: 'workingDays' },
    actions: {
      compliant: { label: '检查合格' },
      orderRectification: { label: '责令改正' },
      simplePenalty: { label: '当场处罚（简易程序）' },
      transfer: { label: '移送区级平台' },
    },
  },
  [PenaltyStep.Recheck]: {
    name: '整改复查', role: 'enforcement_officer', defaultLimit: { amount: 2, unit: 'workingDays' },
    actions: { fixed: { label: '已整改' }, notFixed: { label: '未整改' } },
  },
  [PenaltyStep.Route]: {
    name: '区级平台分流', role: 'platform_operator', defaultLimit: { amount: 1, unit: 'workingDays' },
    actions: { route: { label: '分流至主管部门' } },
  },
  [PenaltyStep.Register]: {
    name: '立案', role: 'case_officer', defaultLimit: { amount: 7, unit: 'workingDays' },
    actions: { register: { label: '立案' }, returnCase: { label: '退回（非本部门管辖）' } },
  },
  [PenaltyStep.Investigate]: {
    name: '调查取证', role: 'case_officer', defaultLimit: { amount: 60, unit: 'calendarDays' },
    actions: {
      conclude: { label: '调查终结' },
      requestPreservation: { label: '申请先行登记保存', keepsOpen: true },
      decidePreserved: { label: '作出登记保存处理决定', keepsOpen: true },
      suspendClock: { label: '检测、检验、鉴定期间中止计算办案期限', keepsOpen: true },
      resumeClock: { label: '检测、检验、鉴定结束，恢复计算办案期限', keepsOpen: true },
    },
  },
  [PenaltyStep.PreservationApproval]: {
    name: '先行登记保存审批', role: 'agency_head', defaultLimit: { amount: 1, unit: 'workingDays' },
    actions: { approve: { label: '批准' }, deny: { label: '不批准' } },
  },
  [PenaltyStep.LegalReview]: {
    name: '法制审核', role: 'legal_reviewer', defaultLimit: { amount: 5, unit: 'workingDays' },
    actions: { pass: { label: '审核通过' }, reject: { label: '退回补正' } },
  },
  [PenaltyStep.Notify]: {
    name: '处罚告知', role: 'case_officer', defaultLimit: { amount: 3, unit: 'workingDays' },
    actions: { notify: { label: '送达告知书' } },
  },
  [PenaltyStep.Defence]: {
    name: '陈述申辩期', role: 'case_officer', defaultLimit: { amount: 5, unit: 'workingDays' },
    actions: {
      statement: { label: '记录陈述申辩', keepsOpen: true },
      requestHearing: { label: '当事人要求听证' },
      waive: { label: '当事人放弃陈述申辩' },
    },
  },
  [PenaltyStep.Hearing]: {
    name: '听证', role: 'hearing_officer', defaultLimit: { amount: 15, unit: 'workingDays' },
    actions: { hold: { label: '举行听证' } },
  },
  [PenaltyStep.StatementReview]: {
    name: '陈述申辩复核', role: 'case_officer', defaultLimit: { amount: 3, unit: 'workingDays' },
    actions: { review: { label: '记录复核意见' } },
  },
  [PenaltyStep.Decide]: {
    name: '处罚决定', role: 'agency_head', defaultLimit: { amount: 10, unit: 'workingDays' },
    actions: { decide: { label: '作出处罚决定' }, noPenalty: { label: '不予处罚' }, renotify: { label: '重新告知（拟加重处罚）' } },
  },
  [PenaltyStep.Serve]: {
    name: '送达', role: 'case_officer', defaultLimit: { amount: 7, unit: 'workingDays' },
    actions: { served: { label: '已送达' } },
  },
  [PenaltyStep.Enforce]: {
    name: '执行', role: 'case_officer', defaultLimit: { amount: 15, unit: 'calendarDays' },
    actions: { paid: { label: '已缴纳' }, courtEnforcement: { label: '申请法院强制执行' } },
  },
  [PenaltyStep.StreetRecheck]: {
    name: '街道复查', role: 'enforcement_officer', defaultLimit: { amount: 5, unit: 'workingDays' },
    actions: { fixed: { label: '已整改' }, notFixed: { label: '未整改' } },
  },
} as const satisfies StepTable;
