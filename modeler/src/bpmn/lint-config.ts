// bpmnlint in the browser: the rules of the repository's .bpmnlintrc (recommended, without fake-join and
// no-gateway-join-fork), bundled statically, plus a Shanzhi rule that every user task carries a valid
// handling role and time limit — the parameters the running system reads.
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousLabel from 'bpmnlint/rules/superfluous-label';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import { MAX_AMOUNT, TIME_UNITS } from './shanzhi-extension';

interface ModdleNode { id: string; $instanceOf(type: string): boolean; get(name: string): unknown }
interface Reporter { report(id: string, message: string): void }

/** Every user task names a role and a positive whole time limit in a known unit. */
function stepParameters() {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (!node.$instanceOf('bpmn:UserTask')) return;
      if (!node.get('shanzhi:role')) reporter.report(node.id, '缺少办理角色 shanzhi:role');
      const limit = node.get('shanzhi:timeLimit');
      const unit = node.get('shanzhi:timeUnit') as (typeof TIME_UNITS)[number];
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit <= 0) reporter.report(node.id, '时限 shanzhi:timeLimit 须为正整数');
      if (!TIME_UNITS.includes(unit)) reporter.report(node.id, '时限单位 shanzhi:timeUnit 无效');
      else if (typeof limit === 'number' && limit > MAX_AMOUNT[unit]) reporter.report(node.id, `时限 shanzhi:timeLimit 不得超过 ${MAX_AMOUNT[unit]}`);
    },
  };
}

const RULES: Record<string, [unknown, 'error' | 'warn']> = {
  'ad-hoc-sub-process': [adHocSubProcess, 'error'],
  'conditional-flows': [conditionalFlows, 'error'],
  'end-event-required': [endEventRequired, 'error'],
  'event-based-gateway': [eventBasedGateway, 'error'],
  'event-sub-process-typed-start-event': [eventSubProcessTypedStartEvent, 'error'],
  global: [global, 'warn'],
  'label-required': [labelRequired, 'error'],
  'link-event': [linkEvent, 'error'],
  'no-bpmndi': [noBpmndi, 'error'],
  'no-complex-gateway': [noComplexGateway, 'error'],
  'no-disconnected': [noDisconnected, 'error'],
  'no-duplicate-sequence-flows': [noDuplicateSequenceFlows, 'error'],
  'no-implicit-split': [noImplicitSplit, 'error'],
  'no-implicit-end': [noImplicitEnd, 'error'],
  'no-implicit-start': [noImplicitStart, 'error'],
  'no-inclusive-gateway': [noInclusiveGateway, 'warn'],
  'no-overlapping-elements': [noOverlappingElements, 'warn'],
  'single-blank-start-event': [singleBlankStartEvent, 'error'],
  'single-event-definition': [singleEventDefinition, 'error'],
  'start-event-required': [startEventRequired, 'error'],
  'sub-process-blank-start-event': [subProcessBlankStartEvent, 'error'],
  'superfluous-gateway': [superfluousGateway, 'warn'],
  'superfluous-label': [superfluousLabel, 'warn'],
  'superfluous-termination': [superfluousTermination, 'warn'],
};

const cache: Record<string, unknown> = { 'rule:bpmnlint-plugin-shanzhi/step-parameters': stepParameters };
const rules: Record<string, string> = { 'shanzhi/step-parameters': 'error' };
for (const [name, [factory, level]] of Object.entries(RULES)) {
  cache[`rule:bpmnlint/${name}`] = factory;
  rules[name] = level;
}

export const lintConfig = { config: { rules }, resolver: new StaticResolver(cache) };

export interface LintIssue { rule: string; id: string; message: string; category: 'error' | 'warn' }

/** The linter's report ({ rule: [issue] }) as a flat list, errors first. */
export function flattenLint(results: Record<string, Array<{ id: string; message: string; category: string }>>): LintIssue[] {
  return Object.entries(results)
    .flatMap(([rule, issues]) => issues.map((i) => ({ rule, id: i.id, message: i.message, category: (i.category === 'error' ? 'error' : 'warn') as LintIssue['category'] })))
    .sort((a, b) => (a.category === b.category ? 0 : a.category === 'error' ? -1 : 1));
}
