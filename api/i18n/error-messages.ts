// The API's own error messages (403, 404, 409, business-rule refusals, sign-in) in Chinese, keyed by error code and
// by the English message as the code writes it; `{name}` stands for a part the message fills in (an id, a role, a
// date) and is carried over. An answer in Chinese words a message this table does not know by its code's general
// sentence followed by the English, so nothing a client relies on is lost. Validation details of zod issues are worded
// in validation-messages.ts; paths never change.
import type { ErrorType } from '../../domain/errors';
import { contractOf } from '../../domain/processes';
import { ROLE_LABELS } from '../../domain/roles';
import { writtenInChinese } from './validation-messages';

const MESSAGES: Record<ErrorType, Record<string, string>> = {
  VALIDATION: {
    'invalid input': '输入有误，请按各字段的提示修改',
    'invalid action data': '办理内容有误，请按各字段的提示修改',
    'malformed JSON body': '请求内容不是有效的 JSON',
    'not valid JSON': '不是有效的 JSON',
    'request body too large': '请求内容过大',
    'exceeds the size limit': '超过大小限制',
    'the request holds a value that cannot be stored or compared': '请求中有无法保存或比较的值',
    'a NUL character or a number out of range': '含空字符（NUL）或数字超出范围',
    'invalid cursor': '分页游标无效',
    'invalid period': '统计期间无效',
    'the range is empty': '起止范围为空',
    'unknown action "{action}"': '未知的办理动作“{action}”',
    'acting on the party\'s behalf needs their recorded consent': '代当事人办理须记录其同意',
    'required when acting on the party\'s behalf: { method, reference }': '代当事人办理时必填：同意方式和凭证编号',
    'unknown category': '未知的事件类别',
    'unknown grid': '未知的网格',
    'this grid is deactivated': '该网格已停用',
    'unknown unit': '未知的单位',
    'unknown matter': '未知的执法事项',
    'unknown inspector': '未知的执法人员',
    'too few inspectors': '执法人员不足两名',
    'offence in the future': '违法行为日期不能晚于今天',
    'the offence date is a day that has come': '违法行为发生日期不能晚于今天',
    'unknown licence item': '未知的许可事项',
    'unknown portal account': '未知的群众端账号',
    'unknown file': '未知的文件',
    'wrong header': '表头不正确',
    'wrong or expired code': '验证码错误或已过期',
    'the password is wrong': '密码错误',
    'the current password is wrong': '当前密码错误',
    'the password does not meet the rules': '密码不符合规则',
    'the new password does not meet the rules': '新密码不符合规则',
    'no such active org unit': '没有这个在用的组织机构',
    'no such parent unit': '没有这个上级单位',
    'the parent unit is deactivated': '上级单位已停用',
    'the district is the root of the tree': '区是组织树的根，不能有上级',
    'a {kind} belongs under a {parent}': '{kind} 须设在 {parent} 之下',
    'send the file as text/csv': '请以 text/csv 格式上传文件',
    'send the registry as text/csv': '请以 text/csv 格式上传名录',
    'the CSV cannot be read': '无法读取该 CSV 文件',
    'the file is not valid CSV': '文件不是有效的 CSV',
    'the file has no rows': '文件没有数据行',
    'at most {max} rows per file': '每个文件最多 {max} 行',
    '{count} row(s) have errors; nothing was imported': '{count} 行有错误，未导入任何数据',
    'the diagram drops steps the process code needs': '流程图删去了流程代码需要的环节',
    'the diagram names roles the process does not use': '流程图使用了本流程没有的角色',
    // The workflows' checks of an action's data (a step's `check`), worded as its field's detail.
    'an upheld objection re-dispatches to another unit': '支持异议须改派给其他单位',
    'one of the plan\'s matters: {matters}': '须为抽查计划中的检查事项之一：{matters}',
    'beyond the simple procedure\'s limit of {limit} yuan for this subject (art. 51): transfer the case': '超出简易程序对该当事人 {limit} 元的罚款限额（第五十一条），请转为普通程序',
    'the rectification deadline must be a future day': '整改期限须为今后的日期',
    'at most {limit} from today (penalty-rules rectificationLimit): the last day is {lastDay}': '自今日起至多 {limit}，最后一日为 {lastDay}',
    'the offence cannot have begun after it was discovered on {discoveredOn}': '违法行为开始日期不能晚于发现日期 {discoveredOn}',
    'an end date is a day that has passed: leave it out while the offence goes on': '终了日期须为已过去的日期；违法行为仍在继续的，不填',
    'time-barred (art. 36): an offence that ended on {ended} is penalised only when discovered within {years} years, by {lastDay}; it was discovered on {discoveredOn}': '已超过追责时效（第三十六条）：{ended} 终了的违法行为须在 {years} 年内（至 {lastDay}）发现方可处罚，本案发现于 {discoveredOn}',
    'the notice may not propose more than the penalty this case proposes (and legal review passed)': '告知的拟处罚不得重于本案拟定并经法制审核的处罚',
    'this penalty carries the right to a hearing (art. 63): the notice must say so': '此处罚属于可以要求听证的情形（第六十三条），告知书须载明',
    'heavier than the notified penalty (arts. 44, 62): a heavier penalty needs a new notice and defence period (renotify)': '重于已告知的处罚（第四十四条、第六十二条）：加重处罚须重新告知并给予陈述申辩期（重新告知）',
    'a serious case is decided after the agency\'s leaders discuss it collectively (art. 57): record its date, participants and conclusion': '情节复杂或重大违法的案件须经行政机关负责人集体讨论决定（第五十七条），请记录讨论日期、参加人员和结论',
    'the collective discussion must already have taken place': '集体讨论须已举行',
    'the amount owed today is {owed} fen (fine {fine} plus {surcharge} late surcharge for {days} days)': '今日应缴 {owed} 分（罚款 {fine} 分，加处罚款 {surcharge} 分，逾期 {days} 日）',
    'the current notice is version {version}': '现行告知书为第 {version} 版',
    'this licence item does not allow acceptance with missing material (容缺受理)': '此许可事项不适用容缺受理',
    'must be in the future': '须为将来的时间',
    'must be no later than {latest}: this item allows {amount} {unit} to file missing material': '不得晚于 {latest}：此事项补交材料的期限为 {amount} {unit}',
  },
  UNAUTHENTICATED: {
    'missing bearer token': '未登录：缺少访问令牌',
    'invalid or expired token': '登录令牌无效或已过期，请重新登录',
    'this session has ended; sign in again': '本次登录已结束，请重新登录',
    'this session was ended; sign in again': '本次登录已被结束，请重新登录',
    'the session reached its time limit; sign in again': '登录已达时限，请重新登录',
    'the session ended after {minutes} minutes without activity; sign in again': '已 {minutes} 分钟无操作，登录已结束，请重新登录',
    'unknown or inactive user': '用户不存在或已停用',
    'wrong username or password': '用户名或密码错误',
  },
  FORBIDDEN: {
    '{what} needs one of the roles: {roles}': '{what}须具备以下角色之一：{roles}',
    'starting {key} needs one of the roles: {roles}': '发起“{key}”须具备以下角色之一：{roles}',
    'this step needs the role {role}': '本环节须由{role}办理',
    'this task belongs to another org unit': '此任务属于其他单位',
    'only a grid worker reports from the grid': '只有网格员才能从网格上报事件',
    'only a dispatcher files a hotline work order': '只有调度员才能登记 12345 工单',
    'this grid is outside your area': '该网格不在您的辖区内',
    'inspections are started by a street enforcement team': '检查由街道综合执法队发起',
    'the officer who starts an inspection must be one of its two inspectors': '发起检查的执法人员须是两名检查人员之一',
    'applications are filed with a street; your account belongs to none': '申请须向街道提出，您的账号不属于任何街道',
    'this portal account is registered with another street; its window binds its subjects': '该群众端账号登记在其他街道，须由该街道窗口绑定主体',
    'this case is filed with another street; sign in with your account of that street': '此案件在其他街道办理，请用您在该街道的账号登录',
    'claim codes are redeemed by the party\'s own portal account, not by staff': '认领码须由当事人用自己的群众端账号兑换，工作人员不能代为兑换',
    'the portal lists the applications of a member of the public; staff use the case list': '群众端只列出群众本人的申请，工作人员请使用案件列表',
    'your account may apply only for the subjects bound to it; have this one bound at the window with its papers': '您的账号只能为已绑定的主体申请；请携带证照到窗口绑定该主体',
    'the ID number is not the one bound to this subject on your account': '身份证号与您账号绑定的该主体不一致',
    'KPIs of another street are for district roles': '其他街道的考核指标仅区级角色可查看',
    'the rates of another unit are for district roles': '其他单位的三率仅区级角色可查看',
    'the staff directory is for staff only': '工作人员名录仅供工作人员查看',
    'the subjects registry is for officials': '检查对象名录仅供工作人员查看',
    'a draw\'s record is for officials': '抽取记录仅供工作人员查看',
    'the organisation has no district': '组织机构中没有区',
    '{what} of your own account is for another administrator': '本人账号的{what}须由另一名管理员办理',
  },
  // The workflows' guards: who may never act on a step (查处分离, 双随机, the applicant's own signature).
  SEPARATION_OF_DUTIES: {
    // The guards' general forms (workflows/inspection-penalty/guards.ts), for a call site written after this table;
    // each of today's is worded whole below, which wins as the more specific.
    'only {who} of this case may do this': '只有本案的指定人员（{who}）可以办理',
    '{who} of this case may never {what} (查处分离)': '本案的相关人员（{who}）不得办理此事项（{what}，查处分离）',
    'only the two inspectors of this case may do this': '只有本案的两名检查人员可以办理',
    'only the two case officers of this case may do this': '只有本案的两名承办人员可以办理',
    'an inspector of this case may never register its penalty case (查处分离)': '本案的检查人员不得为本案立案（查处分离）',
    'an inspector of this case may never review its penalty (查处分离)': '本案的检查人员不得审核本案的处罚（查处分离）',
    'an inspector of this case may never host its hearing (查处分离)': '本案的检查人员不得主持本案的听证（查处分离）',
    'an inspector of this case may never decide its penalty (查处分离)': '本案的检查人员不得作出本案的处罚决定（查处分离）',
    'an inspector of this case may never approve evidence preservation in its case (查处分离)': '本案的检查人员不得审批本案的证据先行登记保存（查处分离）',
    'an investigator of this case may never review its penalty (查处分离)': '本案的调查人员不得审核本案的处罚（查处分离）',
    'an investigator of this case may never host its hearing (查处分离)': '本案的调查人员不得主持本案的听证（查处分离）',
    'an inspector of this case may never investigate it (查处分离)': '本案的检查人员不得担任本案的调查人员（查处分离）',
    'the author of a plan may not approve it': '抽查计划的制定人不得审批该计划',
    'only the inspectors drawn for this subject may inspect it or recuse (双随机)': '只有为该检查对象抽中的执法人员才能检查或申请回避（双随机）',
    'no proxy signing: the commitment must be signed by the applicant': '不得代签：承诺书须由申请人本人签署',
    'only the applicant who applied may sign': '只有提出申请的申请人本人才能签署',
  },
  NOT_FOUND: {
    'no route {method} {path}': '没有接口 {method} {path}',
    'no task {id}': '没有任务 {id}',
    'no instance {id}': '没有案件 {id}',
    'no process {key}': '没有流程 {key}',
    'no version {version} of {key}': '流程 {key} 没有第 {version} 版',
    'no catalog {name}': '没有目录 {name}',
    'no org unit {id}': '没有组织机构 {id}',
    'no user {id}': '没有用户 {id}',
    'no draw recorded for {id}': '{id} 没有抽取记录',
    'no case with this claim code; check it, or ask the window for a new one': '没有与此认领码对应的案件；请核对，或请窗口补发',
    'the clock can be advanced only in simulation mode': '只有模拟模式下才能推进时钟',
    'single sign-on is not configured (SHANZHI_OIDC_ISSUER)': '未配置统一身份认证（单点登录）',
  },
  CONFLICT: {
    'this task is already completed': '此任务已办结',
    'this task is already closed': '此任务已关闭',
    'this task is already acknowledged': '此任务已签收',
    'this task is already {state}': '此任务已{state}',
    'this task is no longer open': '此任务已不在办理中',
    'this task is no longer current': '此任务已不是当前环节',
    'another decision on this task is being recorded': '此任务的另一项办理正在记录，请稍后刷新',
    'acknowledge ({action}) first': '请先{action}',
    'someone else holds this task': '此任务已由他人认领',
    'this case is no longer running': '此案件已结束',
    'instance {id} already exists': '案件 {id} 已存在',
    'this user name is taken': '该用户名已被占用',
    'this code is taken': '该编码已被占用',
    'move or deactivate what is under {name} first': '请先移走或停用 {name} 下属的单位',
    'the district (root unit) cannot be deactivated': '区（根单位）不能停用',
    'no second factor is being enrolled: call /api/auth/totp/enroll first': '没有正在绑定的第二重验证，请先发起绑定',
    'the 12345 centre must belong to a district': '12345 热线中心须隶属于区',
    'the configuration of {key} has invalid time limits; ask a process designer or administrator to correct them': '流程 {key} 的时限配置无效，请流程设计人员或管理员更正',
    'the hotline catalogs lack a valid entry for {category} / {kind}; ask an administrator': '热线目录中没有 {category} / {kind} 的有效条目，请联系管理员',
    'the hotline dispatch catalog lacks a valid entry for {category}; ask an administrator': '热线派单目录中没有 {category} 的有效条目，请联系管理员',
    'this case is already claimed by its party': '此案件已由当事人认领',
    'this claim code was already used': '此认领码已使用过',
    'this claim code has expired; ask the window for a new one': '此认领码已过期，请窗口补发',
    'this case was filed online by its applicant: there is no claim code to re-issue': '此案件由申请人在网上提交，没有认领码可补发',
    '{creditCode} is already bound to {username}': '{creditCode} 已绑定到 {username}',
    // Business-rule refusals of the workflows (a step's `allows`).
    'a request on this task is waiting for the shift chief': '此任务已有一项申请等待值班长审核',
    'an extension must be requested before the deadline': '延期须在办理时限届满前申请',
    'this task is already parked': '此任务已挂起',
    'this task is not parked': '此任务未挂起',
    'only a dispute can be escalated to the district': '只有争议事项才能上报区级',
    'a reassignment goes to another department, or to the district; the case itself stays filed': '改派只能派给其他部门或上报区级，案件本身不能退回',
    'this penalty carries no right to a hearing (art. 63)': '此处罚不属于可以要求听证的情形（第六十三条）',
    'no penalty without a notice of it and the party\'s defence period (art. 44): give notice first (renotify)': '未告知拟处罚内容并给予陈述申辩期的，不得作出处罚决定（第四十四条）：请先告知（重新告知）',
    'court enforcement comes only after the payment period, which ends at {dueAt} (arts. 67, 72)': '缴款期限届满后才能申请法院强制执行，缴款期限至 {dueAt}（第六十七条、第七十二条）',
    'evidence preservation was already requested': '已申请过证据先行登记保存',
    'there is no approved preservation to decide on': '没有已批准的证据保存可作处理决定',
    'the case clock already stands still for testing or appraisal': '办案期限已因检测、鉴定而中止',
    'the case clock is not stopped for testing or appraisal': '办案期限没有因检测、鉴定而中止',
    'decide on the preserved evidence first': '请先对先行登记保存的证据作出处理决定',
    'end the testing or appraisal stop of the case clock first': '请先结束检测、鉴定对办案期限的中止',
    'an on-the-spot decision (commitment route) is not extended': '告知承诺当场作出决定，不能延期',
    'an extension request is waiting for the agency head': '延期申请正等待机关负责人审批',
    'an extension must be asked for before the decision period ends': '延期须在决定期限届满前申请',
    'the extension of {basis} was already granted; it is granted once': '已依{basis}延期一次，不得再次延期',
    'the one-time notice (一次告知, {basis}) was already given; the resubmitted application must now be accepted': '已作出一次告知（{basis}），补正后的申请应当受理',
    'a hearing must be requested within {period} of the notice (arts. 64, 85); that period ended at {endsAt}': '听证须在告知后 {period}内提出（第六十四条、第八十五条），该期限已于 {endsAt} 届满',
    'the party must be notified {period} ahead (arts. 64, 85): the hearing may be held from {earliestOn}': '须在听证 {period}前通知当事人（第六十四条、第八十五条），听证最早可于 {earliestOn} 举行',
    'only a consultation is answered at once; dispatch this order (art. 11)': '只有咨询类诉求可以即时解答，此工单请派单（第十一条）',
    'an order is reopened only once; record the visit': '工单只能重启一次，请记录回访结果',
    'the objection was refused: the order stays with this unit (art. 14)': '异议未获支持，工单仍由本单位办理（第十四条）',
    'the street reports through its linked whistle case {caseId}: its close reports to the order (art. 16)': '街道通过关联的吹哨案件 {caseId} 反馈，该案件结案即向工单反馈（第十六条）',
    'an extension must be requested before the limit ends': '延期须在办理时限届满前申请',
  },
  UNPROCESSABLE: {
    'this Idempotency-Key was already used for a different request': '此幂等键已用于另一项请求',
    'use a new key for a new request': '新的请求请使用新的幂等键',
  },
  RATE_LIMITED: {
    'too many failed sign-ins for this user; try again in {seconds} s': '该用户登录失败次数过多，请 {seconds} 秒后再试',
  },
  UNAVAILABLE: {
    'a dependency is unavailable; retry shortly': '服务暂时不可用，请稍后重试',
  },
  PASSWORD_CHANGE_REQUIRED: {
    'change your password first (POST /api/auth/password)': '请先修改密码',
  },
  TOTP_REQUIRED: {
    'this account has a second factor: send the six-digit code as `totp`': '此账号已启用第二重验证，请输入六位动态验证码',
    'wrong or expired one-time code': '动态验证码错误或已过期',
    'this one-time code was already used: wait for the next one': '此动态验证码已使用过，请等待下一个',
    'wrong or expired': '错误或已过期',
  },
  TOTP_ENROLMENT_REQUIRED: {
    'administrators enrol a second factor first (POST /api/auth/totp/enroll, then /api/auth/totp/confirm)': '管理员须先绑定第二重验证（动态验证码）',
  },
};

/** The general sentence of each code, for a message the table does not know. */
const GENERAL: Record<ErrorType, string> = {
  VALIDATION: '请求有误',
  UNAUTHENTICATED: '未登录或登录已失效',
  FORBIDDEN: '无权进行此操作',
  SEPARATION_OF_DUTIES: '不符合职责分离的要求',
  NOT_FOUND: '未找到',
  CONFLICT: '与案件或任务的当前状态冲突',
  UNPROCESSABLE: '无法处理此请求',
  RATE_LIMITED: '请求过于频繁',
  UNAVAILABLE: '服务暂时不可用，请稍后重试',
  PASSWORD_CHANGE_REQUIRED: '请先修改密码',
  TOTP_REQUIRED: '请输入动态验证码',
  TOTP_ENROLMENT_REQUIRED: '请先绑定第二重验证',
};

export const INTERNAL_ERROR_MESSAGE = { 'zh-CN': '系统内部错误', en: 'internal error' } as const;

interface Entry { pattern: RegExp; names: string[]; chinese: string; fixed: number }

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

/** A template's pattern: the fixed text exactly, each `{name}` any text (the least that still matches). */
function compile(template: string, chinese: string): Entry {
  const names: string[] = [];
  const source = template.split(/(\{[a-zA-Z]+\})/).map((part) => {
    const name = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
    if (!name) return escape(part).replace(/[{}]/g, '\\$&');
    names.push(name);
    return '(.+?)';
  }).join('');
  return { pattern: new RegExp(`^${source}$`, 's'), names, chinese, fixed: template.replace(/\{[a-zA-Z]+\}/g, '').length };
}

const bySpecificity = (a: Entry, b: Entry) => b.fixed - a.fixed;

/** The most fixed text first: 'this task is already completed' is not read as a fill-in, nor 'starting {key} needs…' as '{what} needs…'. */
const ENTRIES = new Map<ErrorType, Entry[]>(Object.entries(MESSAGES).map(([code, table]) => [code as ErrorType,
  Object.entries(table).map(([en, zh]) => compile(en, zh)).sort(bySpecificity)]));
const ALL_ENTRIES = [...ENTRIES.values()].flat().sort(bySpecificity);

/** A period's unit as the workflows word it in English ("5 working days", describePeriod) and as the time-limit key. */
const PERIOD_WORDS: Array<[RegExp, string]> = [
  [/\bworking hours\b|\bworkingHours\b/, '个工作时'], [/\bworking days\b|\bworkingDays\b/, '个工作日'],
  [/\bcalendar days\b|\bcalendarDays\b/, '日'], [/\bminutes\b/, '分钟'],
];

/** A fill-in in Chinese where it names something with a Chinese name: roles by their labels, a process by its name. */
function filledIn(name: string, value: string): string {
  if (name === 'period' || name === 'unit') return PERIOD_WORDS.reduce((text, [en, zh]) => text.replace(en, zh), value);
  const role = (key: string) => (Object.hasOwn(ROLE_LABELS, key) ? ROLE_LABELS[key as keyof typeof ROLE_LABELS] : key);
  if (name === 'role') return role(value);
  if (name === 'roles') return value.split(', ').map(role).join('、');
  if (name === 'key') return contractOf(value)?.name ?? value;
  return value;
}

function translate(entries: Entry[], message: string): string | null {
  for (const entry of entries) {
    const match = entry.pattern.exec(message);
    if (!match) continue;
    return entry.names.reduce((text, name, i) => text.replaceAll(`{${name}}`, filledIn(name, match[i + 1])), entry.chinese);
  }
  return null;
}

/** An error's message in Chinese: from the table of its code, else the code's general sentence and the English. */
export function chineseErrorMessage(code: ErrorType, message: string): string {
  return translate(ENTRIES.get(code) ?? [], message) ?? `${GENERAL[code] ?? '请求未能完成'}：${message}`;
}

/** A detail the code wrote itself (not a zod issue) in Chinese when the table knows it, else as written. */
export function chineseDetailMessage(message: string): string {
  return writtenInChinese(message) ?? translate(ALL_ENTRIES, message) ?? message;
}

/** The table's English templates by code, for the test that every message the API throws is in it. */
export function knownTemplates(): Array<{ code: ErrorType; template: string }> {
  return Object.entries(MESSAGES).flatMap(([code, table]) => Object.keys(table).map((template) => ({ code: code as ErrorType, template })));
}
