// Browser libraries of the web modeler that ship no types, declared as far as it uses them (loosely: each is
// wrapped in a typed interface where it is used).
declare module 'bpmn-js-token-simulation' {
  const module: object;
  export default module;
}

declare module '@camunda/linting/modeler' {
  const module: object;
  export default module;
}

declare module 'bpmn-js-differ' {
  export function diff(older: unknown, newer: unknown): unknown;
}

declare module 'dmn-js/lib/Modeler' {
  export default class DmnModeler {
    constructor(options: object);
  }
}

declare module '@bpmn-io/form-js-editor' {
  export class FormEditor {
    constructor(options: object);
  }
}

declare module 'modeler-moddle/resources/modeler.json' {
  const descriptor: object;
  export default descriptor;
}
