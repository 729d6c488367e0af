// The notice (告知书) the applicant reads and the commitment (承诺书) they sign: what is hashed and kept is this text.
import type { LicensingInput } from '../processes/commitment-licensing';

export interface NoticeItem {
  code: string;
  name: string;
  noticeVersion: string;
}

export function noticeText(item: NoticeItem): string {
  return [
    `【告知书】${item.name}（事项编码 ${item.code}，告知书版本 ${item.noticeVersion}）`,
    '一、许可条件与材料要求以本事项办事指南为准；申请人承诺符合条件的，审批机关当场作出许可决定。',
    '二、申请人应当在承诺的期限内履行承诺，并配合审批机关的事后核查（书面、网络或现场核查）。',
    '三、经核查承诺不实的，责令限期整改；逾期未整改或整改后仍不符合条件的，依法撤销许可（《行政许可法》第六十九条），记入失信记录，今后不得适用告知承诺制；涉及安全的事项三年内不得再次申请（第七十九条）。',
  ].join('\n');
}

/** What the applicant signs: the notice as read, followed by the commitment in their name. */
export function commitmentText(item: NoticeItem, applicant: LicensingInput['applicant']): string {
  return `${noticeText(item)}\n【承诺书】本人/本单位 ${applicant.name}（统一社会信用代码 ${applicant.creditCode}）已阅读并知晓上述告知内容，承诺所填信息真实、符合许可条件，愿意承担承诺不实的法律责任。`;
}
