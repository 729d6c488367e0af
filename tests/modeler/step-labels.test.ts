// Every step of every process has its name in both languages of the web app: a list or an inbox never shows a
// raw step id (it did for the hotline's and the double-random process's steps).
import { PROCESS_CONTRACTS } from '../../domain/processes';
import { zhCN } from '../../modeler/src/i18n/zh-CN';
import { en } from '../../modeler/src/i18n/en';

const steps = Object.values(PROCESS_CONTRACTS).flatMap((contract) => Object.entries(contract.steps).map(([id, step]) => ({ process: contract.key, id, name: step.name })));

test.each(steps)('$process $id has a Chinese and an English label', ({ id, name }) => {
  const zh = zhCN.step as Record<string, string>;
  const english = en.step as Record<string, string>;
  expect(zh[id]).toBe(name);
  expect(english[id]).toMatch(/^[A-Z][\w ’'()/-]+$/);
});
