// Types of modules without their own declarations.
declare module 'bpmn-js-bpmnlint';
declare module 'bpmnlint/lib/resolver/static-resolver';
declare module 'bpmnlint/rules/*';
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
  }
}
