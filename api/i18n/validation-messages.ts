// Validation messages in Chinese (API.md errors; the web app shows them on their fields). zod's own messages are
// rewritten from the issue's code and bounds; the messages our schemas write themselves are translated by their
// English text. A message neither knows stays as written, so nothing a client relies on is lost.
import { z } from 'zod';
import { IDENTIFIER_MESSAGES } from '../../domain/identifiers';
import { TIME_UNIT_LABELS, type TimeUnit } from '../../domain/time-limit';

type Issue = z.core.$ZodIssue;

/** The messages the schemas write themselves (domain/processes, identifiers, catalogs, API parameters). */
const WRITTEN: Record<string, string> = {
  'a fine or confiscation needs a positive amount in fen; other kinds none': '罚款或没收须填写大于零的金额（分），其他处罚种类不填金额',
  'only a continuing offence has an end date': '只有连续或继续状态的违法行为才有终了日期',
  'a continuing offence ends on or after the day it began': '违法行为终了日期不得早于开始日期',
  'each participant once': '参加人员不得重复',
  'two distinct inspectors are required (art. 42)': '须由两名不同的执法人员检查（《行政处罚法》第四十二条）',
  'a fine needs a positive amount in fen; a warning none': '罚款须填写大于零的金额（分），警告不填金额',
  'two distinct case officers are required (art. 42)': '须由两名不同的办案人员办理（《行政处罚法》第四十二条）',
  'a penalty is proposed exactly when the finding is penalize': '调查结论为“予以处罚”时须填写拟处罚内容，其他结论不填',
  'must be an ISO-8601 date-time': '须为带时区的日期时间（ISO 8601）',
  'must be a date (YYYY-MM-DD)': '须为日期（YYYY-MM-DD）',
  'a hotline work order needs its requester': '12345 工单须填写诉求人',
  'only a grid worker on the spot can self-resolve': '只有网格员现场处置才能自行办结',
  'the lead must be one of the departments': '牵头部门须是派遣的部门之一',
  'at least one after-photo (整改后照片) is required to report a resolution': '反馈办结须至少上传一张整改后照片',
  'must not contain NUL characters': '不得包含空字符（NUL）',
  'must be a phone number': '须为电话号码',
  'must be an ISO-8601 duration of days (working days), hours (working hours) or minutes: P2D, PT4H, PT30M':
    '须为 ISO 8601 时长：P2D（2 个工作日）、PT4H（4 个工作时）或 PT30M（30 分钟）',
  'is too long for an identifier': '标识过长',
  // The password rules (domain/password-policy.ts).
  'must be at least 10 characters long': '至少 10 个字符',
  'must mix at least three of: lower-case letters, upper-case letters, digits, other characters': '须包含小写字母、大写字母、数字、其他字符中的至少三类',
  'must not contain the user name': '不得包含用户名',
  'an org unit id': '须为组织机构编号（小写字母、数字和连字符）',
  'lowercase letters, digits and dashes': '只能包含小写字母、数字和连字符',
  'printable ASCII without spaces': '只能包含不含空格的可打印 ASCII 字符',
  [IDENTIFIER_MESSAGES.creditShape]: '须为 18 位统一社会信用代码（数字和除 I、O、S、V、Z 以外的大写字母，第 3–8 位为数字）',
  [IDENTIFIER_MESSAGES.creditCheck]: '统一社会信用代码第 18 位校验码不符，代码有误',
  [IDENTIFIER_MESSAGES.idShape]: '须为 18 位居民身份证号码（17 位数字和一位数字或 X）',
  [IDENTIFIER_MESSAGES.idBirthDate]: '居民身份证号码第 7–14 位不是有效的出生日期',
  [IDENTIFIER_MESSAGES.idCheck]: '居民身份证号码第 18 位校验码不符，号码有误',
};

const TYPE_NAMES: Record<string, string> = {
  string: '文本', number: '数字', int: '整数', boolean: '是或否', object: '对象', array: '列表', date: '日期', bigint: '整数',
};

const FORMATS: Record<string, string> = {
  date: '日期（YYYY-MM-DD）', datetime: '日期时间（ISO 8601）', time: '时间', email: '电子邮箱', url: '网址', uuid: 'UUID',
  regex: '规定格式', starts_with: '规定前缀', ends_with: '规定后缀', includes: '规定内容',
};

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  const small = issue.code === 'too_small';
  if (issue.origin === 'string') {
    if (small && bound === 1) return '不能为空';
    return small ? `至少 ${inclusive ? bound : bound + 1} 个字符` : `最多 ${inclusive ? bound : bound - 1} 个字符`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    if (small && bound === 1) return '至少填写一项';
    return small ? `至少 ${inclusive ? bound : bound + 1} 项` : `最多 ${inclusive ? bound : bound - 1} 项`;
  }
  if (small) return inclusive ? `不得小于 ${bound}` : `须大于 ${bound}`;
  return inclusive ? `不得大于 ${bound}` : `须小于 ${bound}`;
}

/** The Chinese for an issue zod described itself. */
function zodMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必填' : `须为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small': case 'too_big': return sizeMessage(issue);
    case 'invalid_value': return issue.values.length === 1 ? `须为 ${JSON.stringify(issue.values[0])}` : `须为以下之一：${issue.values.map((v) => JSON.stringify(v)).join('、')}`;
    case 'invalid_format': return `格式不正确，须为${FORMATS[issue.format] ?? issue.format}`;
    case 'unrecognized_keys': return `不允许的字段：${issue.keys.join('、')}`;
    case 'not_multiple_of': return `须为 ${String(issue.divisor)} 的倍数`;
    case 'invalid_union': return '不符合任何一种允许的形式';
    case 'invalid_key': return '字段名无效';
    case 'invalid_element': return '含有无效的元素';
    default: return z.locales.zhCN().localeError(issue as never) as string ?? issue.message;
  }
}

const AT_MOST = /^at most (\d+) (minutes|workingHours|workingDays|calendarDays)$/;
const english = z.locales.en().localeError;

function englishDefault(issue: Issue): string | undefined {
  const made = english(issue as never);
  return typeof made === 'string' ? made : made?.message;
}

/** A message our schemas or checks wrote themselves, in Chinese; undefined when the table has none. */
export function writtenInChinese(message: string): string | undefined {
  return Object.hasOwn(WRITTEN, message) ? WRITTEN[message] : undefined;
}

/** A message our code wrote (not a zod issue) in Chinese when it is known, else as written. */
export function chineseText(message: string): string {
  return writtenInChinese(message) ?? message;
}

/** The message of one issue in Chinese. */
export function chineseMessage(issue: Issue): string {
  const written = Object.hasOwn(WRITTEN, issue.message) ? WRITTEN[issue.message] : undefined;
  if (written) return written;
  const atMost = AT_MOST.exec(issue.message);
  if (atMost) return `最多 ${atMost[1]} ${TIME_UNIT_LABELS[atMost[2] as TimeUnit]}`;
  // zod's own wording is recognised by recomputing it; anything else was written by a schema and is kept.
  return issue.message === englishDefault(issue) ? zodMessage(issue) : issue.message;
}
