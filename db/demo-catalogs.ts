// Seed entries of the admin-editable catalogs. Local examples from DOMAIN.md are data here, never constants.
import type { TimeLimit } from '../domain/time-limit';
import type { YearPeriod } from '../domain/licensing/reapplication-bar';

const wh = (amount: number): TimeLimit => ({ amount, unit: 'workingHours' });
const wd = (amount: number): TimeLimit => ({ amount, unit: 'workingDays' });
const cd = (amount: number): TimeLimit => ({ amount, unit: 'calendarDays' });
/** 行政许可法 art. 79's bar on reapplying after a false-commitment revocation of a safety-related item. */
const years = (amount: number): YearPeriod => ({ amount, unit: 'years' });

export interface CatalogSeed { catalog: string; code: string; name: string; data: Record<string, unknown> }

/** Event categories with their limits per level: community, acknowledgement (报到), department, district. */
const categories: CatalogSeed[] = [
  ['exposed-garbage', '暴露垃圾', wh(4), wh(2), wh(4), wd(3), ['dept-urban']],
  ['street-vending', '占道经营', wd(1), wh(2), wd(1), wd(3), ['dept-urban']],
  ['illegal-structure', '违法建设', wd(1), wh(2), wd(20), wd(30), ['dept-urban', 'dept-housing']],
  ['road-damage', '道路破损', wd(1), wh(2), wd(3), wd(5), ['dept-housing']],
  ['noise-nuisance', '噪声扰民', wd(1), wh(2), wd(2), wd(5), ['dept-ecology']],
  ['fire-hazard', '消防安全隐患', wh(2), wh(1), wd(1), wd(2), ['dept-emergency']],
  ['food-safety', '食品安全', wd(1), wh(2), wd(3), wd(5), ['dept-market']],
  ['hotline-general', '12345一般诉求', wd(1), wh(2), cd(7), wd(10), ['dept-urban']],
  ['hotline-complex', '12345复杂诉求', wd(2), wh(2), cd(15), wd(20), ['dept-urban']],
].map(([code, name, community, acknowledge, department, district, departments]) => ({
  catalog: 'event-categories', code: code as string, name: name as string,
  data: { limits: { community, acknowledge, department, district }, suggestedDepartments: departments },
}));

/** Matters with the competent department; `lifeHealthOrFinancialSafety` gives art. 36's 5-year limitation (with harm done). */
const matters: CatalogSeed[] = ([
  ['urban-vending', '擅自占用城市道路摆摊经营', 'dept-urban', false],
  ['urban-construction', '未取得建设工程规划许可证进行建设', 'dept-urban', false],
  ['market-label', '销售标签不符合规定的食品', 'dept-market', true],
  ['market-license', '未取得食品经营许可从事经营', 'dept-market', true],
  ['eco-noise', '社会生活噪声超标排放', 'dept-ecology', false],
  ['safety-fire-exit', '占用、堵塞消防通道', 'dept-emergency', true],
] as const).map(([code, name, departmentId, lifeHealthOrFinancialSafety]) => ({ catalog: 'matters', code, name, data: { departmentId, lifeHealthOrFinancialSafety } }));

/**
 * `missingMaterialLimit`: the latest 容缺 filing deadline a window may set, from acceptance. 20 working days, the
 * decision period of 行政许可法 art. 42, by default (the diagram's Task_FileMissing limit): material a licence was
 * issued without is not left outstanding longer than the normal route would have taken to decide.
 */
const licenceItems: CatalogSeed[] = [
  { catalog: 'licence-items', code: 'food-business', name: '食品经营许可（仅销售预包装食品）', data: {
    commitmentAllowed: true, noticeVersion: 'FB-2026-1', verificationLimit: wd(30), verificationMethod: 'onSite',
    correctionLimit: cd(30), missingMaterialAllowed: true, missingMaterialLimit: wd(20), safetyRelated: true, reapplicationBar: years(3) } },
  { catalog: 'licence-items', code: 'outdoor-ads', name: '户外广告设施设置许可', data: {
    commitmentAllowed: true, noticeVersion: 'OA-2026-1', verificationLimit: cd(30), verificationMethod: 'written',
    correctionLimit: cd(15), missingMaterialAllowed: false, safetyRelated: false } },
  { catalog: 'licence-items', code: 'hazardous-chemicals', name: '危险化学品经营许可', data: {
    commitmentAllowed: false, noticeVersion: null, verificationLimit: wd(20), verificationMethod: 'onSite',
    correctionLimit: cd(30), missingMaterialAllowed: false, safetyRelated: true, reapplicationBar: years(3) } },
];

/** Numbers of the penalty procedure: local thresholds, and each legal period with its unit (domain/penalty/rules.ts). */
const penaltyRules: CatalogSeed[] = [{ catalog: 'penalty-rules', code: 'default', name: '行政处罚程序参数（示范区）', data: {
  majorFineFen: 5_000_000, hearingFineIndividualFen: 1_000_000, hearingFineOrganisationFen: 10_000_000,
  hearingRequest: wd(5), hearingNotice: wd(7), statement: wd(5), service: wd(7), preservationDecision: wd(7),
  payment: cd(15), caseLimit: cd(90), caseRemindDays: 10, limitationYears: 2, limitationYearsLifeHealthFinancial: 5,
  surchargePercentPerDay: 3,
} }];

const minutes = (amount: number): TimeLimit => ({ amount, unit: 'minutes' });

/**
 * 12345 limits per kind (local example of DOMAIN §8 / API.md): contact within 24 h, 2 h when urgent (clock hours,
 * so minutes); handle within 7 calendar days, 15 when complex, 1 when urgent. A consultation dispatched because it
 * could not be answered at once is answered within the same limits.
 */
const hotlineLimits: CatalogSeed[] = ([
  ['consultation', '咨询'], ['request', '求助'], ['complaint', '投诉'], ['report', '举报'], ['suggestion', '建议'],
] as const).map(([code, name]) => ({ catalog: 'hotline-limits', code, name, data: {
  contact: minutes(24 * 60), contactUrgent: minutes(120), handle: cd(7), handleUrgent: cd(1), handleComplex: cd(15),
} }));

/** The dispatch catalog (派单目录): category → the street of the place, or a department. */
const hotlineDispatch: CatalogSeed[] = ([
  ['environment-sanitation', '环境卫生', 'street', undefined, 'hotline-general', false],
  ['neighbourhood-noise', '噪声扰民', 'street', undefined, 'hotline-general', false],
  ['property-dispute', '物业纠纷', 'street', undefined, 'hotline-complex', true],
  ['food-safety', '食品安全', 'department', 'dept-market', 'food-safety', false],
  ['urban-management', '市容市貌', 'department', 'dept-urban', 'hotline-general', false],
  ['housing-construction', '房屋建设', 'department', 'dept-housing', 'hotline-complex', true],
] as const).map(([code, name, target, departmentId, eventCategory, complex]) => ({
  catalog: 'hotline-dispatch', code, name, data: { target, ...(departmentId ? { departmentId } : {}), eventCategory, complex },
}));

export const DEMO_CATALOGS: CatalogSeed[] = [...categories, ...matters, ...licenceItems, ...penaltyRules, ...hotlineLimits, ...hotlineDispatch];
export { CATALOG_NAMES } from '../domain/catalogs';
