// Texts of the double-random pages (双随机、一公开), added to the app's translations under `random` when this module
// is loaded (the menu loads it, and so does the public page, which has no menu).
import i18n from '../i18n';

const zhCN = {
  menu: '双随机抽查', newPlan: '新建抽查计划', public: '抽查结果公示',
  plans: {
    title: '双随机抽查', subtitle: '抽查计划经审批后自动摇号；摇号结果可由任何人复验，检查结果20个工作日内向社会公示。',
    list: '抽查计划', empty: '暂无抽查计划', emptyHint: '点击“新建抽查计划”制定本期抽查计划', planTitle: '计划名称', status: '状态', startedAt: '制定时间',
    draw: '摇号结果', instance: '流程轨迹', registry: '检查对象名录库', registryHint: '按名称或统一社会信用代码查询', registryEmpty: '名录库暂无检查对象，请由管理员导入',
    publicLink: '查看公示页面', gridCode: '网格', creditGrade: '信用等级',
  },
  kpi: {
    title: '抽查指标（近90天摇号的计划）', inspectedShare: '检查完成率', problemShare: '问题发现率', publishedOnTimeRate: '按期公示率',
    drawToInspection: '抽取至检查用时（中位数）', days: '{{count}} 天', none: '—', counts: '计划 {{plans}} 个 · 抽取 {{drawn}} 户 · 已检查 {{inspected}} 户 · 发现问题 {{problems}} 户',
  },
  form: {
    title: '新建抽查计划', subtitle: '计划由部门负责人审批，批准后系统自动从名录库随机抽取检查对象和执法检查人员。',
    planTitle: '计划名称', planTitlePlaceholder: '如：2026年第四季度占道经营双随机抽查', matters: '抽查事项', departments: '参与单位（街道或部门，可联合抽查）',
    sampleMode: '抽取方式', byCount: '按户数', byPercent: '按比例', count: '抽取户数', percent: '抽取比例（%）',
    inspectorsPerSubject: '每户检查人员数', inspectorsHint: '每个检查对象随机选派的执法检查人员，不少于2人',
    weighting: '按信用等级加权', weightingHint: '信用等级越低被抽中的概率越高（A–D 权重见信用权重目录）',
    submit: '提交审批', submitted: '抽查计划 {{id}} 已提交审批', submittedHint: '部门负责人批准后自动摇号，摇号结果页面随即显示。',
    viewDraw: '查看摇号结果', another: '再建一个计划',
  },
  draw: {
    title: '摇号结果', notYet: '尚未摇号', notYetHint: '抽查计划经审批后自动摇号；本页每5秒刷新一次。', seed: '随机种子', algorithm: '算法版本',
    registryHash: '名录快照哈希', drawnAt: '摇号时间', registrySize: '名录规模', registrySizeText: '检查对象 {{subjects}} 户 · 执法人员 {{inspectors}} 人',
    sample: '抽取', sampleCount: '{{count}} 户', samplePercent: '{{percent}}%', perSubject: '每户 {{count}} 人', weighted: '按信用等级加权', unweighted: '等概率',
    verify: '复验命令', verifyHint: '任何人可在项目目录运行此命令，以记录的种子和名录快照重新摇号，结果必须完全一致。',
    subjects: '抽中的检查对象', subject: '检查对象', creditCode: '统一社会信用代码', inspectors: '检查人员', task: '检查任务',
    recusals: '回避记录', recused: '回避人员', reason: '回避原因', replacement: '替补人员', declared: '检查时申请', atDraw: '摇号时发现', sameGrid: '与检查对象同网格',
    noRecusals: '无回避', noReplacement: '无可替补人员', open: '待检查', completed: '已检查', cancelled: '已撤销', timedOut: '已超期',
  },
  publicPage: {
    title: '双随机抽查结果公示', subtitle: '依据《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号），抽查结果自检查之日起20个工作日内向社会公示。',
    search: '输入企业名称或统一社会信用代码', empty: '暂无公示的抽查结果', emptySearch: '没有找到与“{{q}}”相符的抽查结果',
    subject: '检查对象', creditCode: '统一社会信用代码', matter: '抽查事项', outcome: '检查结果', inspectedOn: '检查日期', publishedOn: '公示日期', plan: '抽查计划',
    compliant: '未发现问题', problem: '发现问题', notFound: '未发现（查无下落）', more: '加载更多', end: '已显示全部结果', login: '工作人员登录',
    note: '公示内容不含执法检查人员个人信息。如对检查结果有异议，可向作出检查的单位反映。',
  },
};

const en: typeof zhCN = {
  menu: 'Random inspection', newPlan: 'New inspection plan', public: 'Published results',
  plans: {
    title: 'Double-random inspection', subtitle: 'An approved plan is drawn automatically; anyone can re-run the draw, and results are published within 20 working days.',
    list: 'Inspection plans', empty: 'No inspection plans yet', emptyHint: 'Use "New inspection plan" to draw up this period\'s plan', planTitle: 'Plan', status: 'Status', startedAt: 'Created',
    draw: 'Draw', instance: 'Case trail', registry: 'Subjects registry', registryHint: 'Search by name or credit code', registryEmpty: 'The registry is empty; an admin imports it',
    publicLink: 'Open the public page', gridCode: 'Grid', creditGrade: 'Credit grade',
  },
  kpi: {
    title: 'KPIs (plans drawn in the last 90 days)', inspectedShare: 'Share inspected', problemShare: 'Share with problems', publishedOnTimeRate: 'Published on time',
    drawToInspection: 'Draw to inspection (median)', days: '{{count}} days', none: '—', counts: '{{plans}} plans · {{drawn}} drawn · {{inspected}} inspected · {{problems}} with problems',
  },
  form: {
    title: 'New inspection plan', subtitle: 'An agency head approves the plan; then subjects and inspectors are drawn at random from the registries.',
    planTitle: 'Title', planTitlePlaceholder: 'e.g. Q4 2026 street vending inspection', matters: 'Matters', departments: 'Units taking part (streets or departments)',
    sampleMode: 'Sample', byCount: 'By count', byPercent: 'By percent', count: 'Subjects to draw', percent: 'Percent to draw',
    inspectorsPerSubject: 'Inspectors per subject', inspectorsHint: 'Enforcement officers drawn for each subject, at least 2',
    weighting: 'Weight by credit grade', weightingHint: 'Lower credit grades are more likely to be drawn',
    submit: 'Submit for approval', submitted: 'Plan {{id}} submitted for approval', submittedHint: 'Once approved it is drawn automatically and the draw page shows the result.',
    viewDraw: 'View the draw', another: 'Another plan',
  },
  draw: {
    title: 'Draw', notYet: 'Not drawn yet', notYetHint: 'The plan is drawn once approved; this page refreshes every 5 seconds.', seed: 'Seed', algorithm: 'Algorithm',
    registryHash: 'Registry hash', drawnAt: 'Drawn at', registrySize: 'Registry size', registrySizeText: '{{subjects}} subjects · {{inspectors}} inspectors',
    sample: 'Sample', sampleCount: '{{count}} subjects', samplePercent: '{{percent}}%', perSubject: '{{count}} per subject', weighted: 'weighted by credit grade', unweighted: 'uniform',
    verify: 'Verification command', verifyHint: 'Anyone can run this in the project to redraw from the recorded seed and snapshot; the result must be identical.',
    subjects: 'Subjects drawn', subject: 'Subject', creditCode: 'Credit code', inspectors: 'Inspectors', task: 'Task',
    recusals: 'Recusals', recused: 'Recused', reason: 'Reason', replacement: 'Replacement', declared: 'declared at inspection', atDraw: 'found at the draw', sameGrid: 'same grid as the subject',
    noRecusals: 'No recusals', noReplacement: 'no one left to replace', open: 'to inspect', completed: 'inspected', cancelled: 'withdrawn', timedOut: 'overdue',
  },
  publicPage: {
    title: 'Random inspection results', subtitle: 'Results are published within 20 working days of the inspection (State Council 2019 No. 5).',
    search: 'Company name or credit code', empty: 'No results published yet', emptySearch: 'No results match "{{q}}"',
    subject: 'Subject', creditCode: 'Credit code', matter: 'Matter', outcome: 'Result', inspectedOn: 'Inspected', publishedOn: 'Published', plan: 'Plan',
    compliant: 'No problem found', problem: 'Problem found', notFound: 'Not found at address', more: 'Load more', end: 'All results shown', login: 'Staff sign-in',
    note: 'No personal data of the inspectors is published.',
  },
};

// The inspection result's form (generated from the action's schema) names its outcomes and notes through these.
// The case trail names the process's steps and events through these (keys the app already has stay as they are).
const formZh = {
  enum: { problem: '发现问题', notFound: '查无下落（未发现检查对象）', compliant: '未发现问题' }, field: { notes: '检查情况' },
  step: { Task_ApprovePlan: '审批抽查计划', Service_Draw: '摇号（随机抽取对象和人员）', Task_RandomInspect: '双随机检查', Service_Publish: '结果公示' },
  action: { draw: '摇号', recuse: '申请回避', replacementDrawn: '替补抽取', penaltyCaseStarted: '转入查处案件' },
};
const formEn = {
  enum: { problem: 'Problem found', notFound: 'Not found at the address', compliant: 'No problem found' }, field: { notes: 'Findings' },
  step: { Task_ApprovePlan: 'Approve the plan', Service_Draw: 'Draw', Task_RandomInspect: 'Random inspection', Service_Publish: 'Publication' },
  action: { draw: 'Drawn', recuse: 'Recusal', replacementDrawn: 'Replacement drawn', penaltyCaseStarted: 'Penalty case started' },
};

i18n.addResourceBundle('zh-CN', 'translation', { random: zhCN, ...formZh }, true, false);
i18n.addResourceBundle('en', 'translation', { random: en, ...formEn }, true, false);

export const RANDOM_TEXTS_LOADED = true;
