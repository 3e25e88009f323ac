// The lint libraries ship no types; declared as far as scripts/lint/camunda-linters.ts and
// scripts/lint/bpmnlint-recommended.ts use them (the reports are typed there).
declare module '@camunda/linting' {
  export class Linter {
    constructor(options: { modeler: 'desktop' | 'web'; type: 'cloud' | 'platform'; plugins?: unknown[] });
    lint(definitions: unknown): Promise<unknown[]>;
    /** Private in 3.57.0 (pinned): the linter's own BpmnModdle. */
    _moddle?: { fromXML(xml: string): Promise<{ rootElement: unknown; warnings: unknown[] }> };
  }
}

declare module '@camunda/form-linting' {
  export class FormLinter {
    lint(schema: object): unknown[];
  }
}

declare module '@bpmn-io/feel-lint' {
  export function lintExpression(expression: string): unknown[];
}

declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config: object; resolver: object });
    lint(definitions: unknown): Promise<Record<string, { id?: string; message: string; category: string }[]>>;
  }
}

declare module 'bpmnlint/lib/resolver/static-resolver' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}

declare module 'bpmnlint/config/*' {
  const config: { rules: Record<string, string> };
  export default config;
}

declare module 'bpmnlint/rules/*' {
  const rule: unknown;
  export default rule;
}

declare module '@bpmn-io/element-templates-validator' {
  export function validateZeebe(template: object): { valid: boolean; errors?: unknown[] };
}
