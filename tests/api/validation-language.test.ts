// Validation errors in the client's language: Chinese by default and for zh clients, English when asked for, the
// field paths the same in both — through the real error handler, on the real process input schemas.
import express from 'express';
import request from 'supertest';
import { errorHandler, parseOr400 } from '../../api/errors';
import { languageOf } from '../../api/i18n/language';
import { penaltyInputSchema } from '../../domain/processes/inspection-penalty';
import { whistleInputSchema } from '../../domain/processes/whistle-escalation';

const app = express();
app.use(express.json());
app.post('/whistle', (req) => { parseOr400(whistleInputSchema, req.body, ['input']); });
app.post('/penalty', (req) => { parseOr400(penaltyInputSchema, req.body, ['input']); });
app.use(errorHandler(() => undefined));

const hotline = { category: 'hotline-general', gridCode: 'G-A1-01', location: '东湖路12号', description: '', source: 'hotline', extra: 1 };
const details = async (path: string, body: unknown, language?: string) => {
  const req = request(app).post(path).send(body as object);
  const res = await (language ? req.set('accept-language', language) : req);
  expect(res.status).toBe(400);
  return Object.fromEntries((res.body.error.details as Array<{ path: string; message: string }>).map((d) => [d.path, d.message]));
};

test('a bad whistle report is answered in Chinese by default, field by field', async () => {
  expect(await details('/whistle', hotline)).toEqual({
    'input.description': '不能为空',
    'input': '不允许的字段：extra',
    'input.requester': '12345 工单须填写诉求人',
  });
});

test('a missing field, a wrong type, an option not offered and a rule of the law, in Chinese', async () => {
  const bad = { subject: { name: '张三烧烤店' }, matter: 7, inspectors: ['u1', 'u1'], origin: 'rumour' };
  expect(await details('/penalty', bad, 'zh-CN,zh;q=0.9')).toEqual({
    'input.subject.address': '必填',
    'input.matter': '须为文本',
    'input.inspectors': '须由两名不同的执法人员检查（《行政处罚法》第四十二条）',
    'input.origin': '须为以下之一："patrol"、"gridEvent"、"whistle"、"randomInspection"、"complaint"',
  });
});

test('an English client gets the same paths with the messages as written', async () => {
  const zh = await details('/whistle', hotline);
  const en = await details('/whistle', hotline, 'en-US,en;q=0.8,zh;q=0.5');
  expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  expect(en['input.requester']).toBe('a hotline work order needs its requester');
  expect(en['input.description']).toMatch(/Too small/);
});

test('Accept-Language picks the preferred of zh and en by quality, zh-CN when neither is named', () => {
  expect(languageOf(undefined)).toBe('zh-CN');
  expect(languageOf('fr-FR')).toBe('zh-CN');
  expect(languageOf('en')).toBe('en');
  expect(languageOf('zh-TW;q=0.4, en-GB;q=0.7')).toBe('en');
  expect(languageOf('en;q=0, zh-CN')).toBe('zh-CN');
});
