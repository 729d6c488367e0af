// The API's own error messages (not zod's) in the client's language: every message the API and the task validator
// throw has its Chinese in api/i18n/error-messages.ts under its code, a fill-in (an id, a date) is carried over,
// a message the table lacks keeps its English after the code's general sentence, and English clients get the text
// as written. Paths never change.
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { ApiError, conflict, errorHandler, forbidden, notFound } from '../../api/errors';
import { chineseDetailMessage, chineseErrorMessage, knownTemplates } from '../../api/i18n/error-messages';
import { ErrorType } from '../../domain/errors';
import { ROOT_DIR as ROOT } from '../support/paths';

const CALL_CODE: Record<string, ErrorType> = {
  forbidden: ErrorType.Forbidden, notFound: ErrorType.NotFound, conflict: ErrorType.Conflict, badRequest: ErrorType.Validation, unavailable: ErrorType.Unavailable,
};
const THROWN = /(?:\b(forbidden|notFound|conflict|badRequest|unavailable)\(|new ApiError\(ErrorType\.(\w+),\s*|reject\(ErrorType\.(\w+),\s*)(`[^`]*`|'(?:[^'\\]|\\.)*')/g;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const at = path.join(dir, e.name);
    return e.isDirectory() ? sources(at) : at.endsWith('.ts') ? [at] : [];
  });
}

/** Each literal message thrown in the API and the task validator, its `${…}` parts as `{}`. */
function thrownMessages(): Array<{ code: ErrorType; template: string; file: string }> {
  const files = [...sources(path.join(ROOT, 'api')), path.join(ROOT, 'workflows/lib/human-task.ts')];
  return files.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(THROWN)].map((m) => {
    const code = m[1] ? CALL_CODE[m[1]] : ErrorType[(m[2] ?? m[3]) as keyof typeof ErrorType];
    const literal = m[4];
    const template = literal.startsWith('`') ? literal.slice(1, -1).replace(/\$\{[^}]*\}/g, '{}') : literal.slice(1, -1).replace(/\\'/g, '\'');
    return { code, template, file: path.relative(ROOT, file) };
  }));
}

test('every message the API and the task validator throw has its Chinese under its code', () => {
  const known = new Set(knownTemplates().map((k) => `${k.code} ${k.template.replace(/\{[a-zA-Z]+\}/g, '{}')}`));
  const thrown = thrownMessages();
  expect(thrown.length).toBeGreaterThan(100);
  expect(thrown.filter((t) => !known.has(`${t.code} ${t.template}`))).toEqual([]);
});

/**
 * The workflows' own refusals: what a step's guard, allows or check returns, found as the sentences its files return
 * or choose (`? '…'`, `: '…'`, `return '…'`, `message: '…'`). Each is one the table words in Chinese: as its answer's
 * message under the code the validator gives it, or as a field's detail.
 */
function workflowSentences(): Array<{ template: string; file: string }> {
  const SENTENCE = /(?:\? |: |return |message: )(`(?:\$\{[^}]*\}|[a-z])[^`]*`|'[a-z](?:[^'\\]|\\.)*')/g;
  // Written to the audit as a reason, never sent as a refusal.
  const reasons = new Set(['no grid of the street named', 'the decision was made before the ruling', 'the decision period ended before the extension was approved']);
  return sources(path.join(ROOT, 'workflows')).filter((file) => !file.endsWith('human-task.ts')).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(SENTENCE)].map((m) => {
      const literal = m[1];
      const template = literal.startsWith('`') ? literal.slice(1, -1).replace(/\$\{[^}]*\}/g, '{}') : literal.slice(1, -1).replace(/\\'/g, '\'');
      return { template, file: path.relative(ROOT, file) };
    }))
    .filter(({ template }) => template.includes(' ') && !reasons.has(template));
}

test('every refusal a workflow step returns has its Chinese', () => {
  const known = new Set(knownTemplates().map((k) => k.template.replace(/\{[a-zA-Z]+\}/g, '{}')));
  const sentences = workflowSentences();
  expect(sentences.length).toBeGreaterThan(40);
  expect(sentences.filter((s) => !known.has(s.template))).toEqual([]);
});

test('a guard, a step\'s rule and a field check answer in Chinese, periods and units worded too', async () => {
  expect(chineseErrorMessage(ErrorType.SeparationOfDuties, 'an inspector of this case may never decide its penalty (查处分离)'))
    .toBe('本案的检查人员不得作出本案的处罚决定（查处分离）');
  expect(chineseErrorMessage(ErrorType.Conflict, 'a hearing must be requested within 5 working days of the notice (arts. 64, 85); that period ended at 2026-10-09T09:30:00.000Z'))
    .toBe('听证须在告知后 5 个工作日内提出（第六十四条、第八十五条），该期限已于 2026-10-09T09:30:00.000Z 届满');
  expect(chineseDetailMessage('must be no later than 2026-10-30T17:30:00+08:00: this item allows 20 workingDays to file missing material'))
    .toBe('不得晚于 2026-10-30T17:30:00+08:00：此事项补交材料的期限为 20 个工作日');
});

const app = express();
app.get('/task', () => { throw notFound('no task t-42'); });
app.get('/role', () => { throw forbidden('starting inspection-penalty needs one of the roles: enforcement_officer'); });
app.get('/court', () => { throw conflict('court enforcement comes only after the payment period, which ends at 2026-10-16T16:00:00.000Z (arts. 67, 72)'); });
app.get('/unknown', () => { throw conflict('a rule written after this table'); });
app.get('/totp', () => { throw new ApiError(ErrorType.TotpRequired, 'wrong or expired one-time code', [{ path: 'totp', message: 'wrong or expired' }]); });
app.get('/crash', () => { throw new Error('boom'); });
app.use(errorHandler(() => undefined));

const errorOf = async (url: string, language?: string) => {
  const req = request(app).get(url);
  return (await (language ? req.set('accept-language', language) : req)).body.error;
};

test('a 404, a 403 and a business rule in Chinese by default, with the id, the process and roles by name and the date filled in', async () => {
  expect(await errorOf('/task')).toEqual({ code: 'NOT_FOUND', message: '没有任务 t-42', details: [] });
  expect((await errorOf('/role', 'zh-CN,zh;q=0.9')).message).toBe('发起“查处分离”须具备以下角色之一：综合执法队员');
  expect((await errorOf('/court')).message).toBe('缴款期限届满后才能申请法院强制执行，缴款期限至 2026-10-16T16:00:00.000Z（第六十七条、第七十二条）');
});

test('the details the code wrote are in Chinese too, their paths unchanged', async () => {
  expect(await errorOf('/totp')).toEqual({ code: 'TOTP_REQUIRED', message: '动态验证码错误或已过期', details: [{ path: 'totp', message: '错误或已过期' }] });
  expect(await errorOf('/totp', 'en')).toEqual({ code: 'TOTP_REQUIRED', message: 'wrong or expired one-time code', details: [{ path: 'totp', message: 'wrong or expired' }] });
});

test('an English client gets the message as written; one the table lacks keeps its English after the general sentence', async () => {
  expect((await errorOf('/task', 'en-US')).message).toBe('no task t-42');
  expect((await errorOf('/unknown')).message).toBe('与案件或任务的当前状态冲突：a rule written after this table');
  expect((await errorOf('/unknown', 'en')).message).toBe('a rule written after this table');
  expect(await errorOf('/crash')).toEqual({ code: 'INTERNAL', message: '系统内部错误', details: [] });
  expect((await errorOf('/crash', 'en')).message).toBe('internal error');
});

test('a fixed message is not read as a fill-in of a template', () => {
  expect(chineseErrorMessage(ErrorType.Conflict, 'this task is already completed')).toBe('此任务已办结');
  expect(chineseErrorMessage(ErrorType.Conflict, 'acknowledge (签收) first')).toBe('请先签收');
});
