/**
 * Two gaps the `translate` service alone leaves in the properties panel:
 * - its groups render their own buttons and titles (添加一项, 展开/收起 …) with the `translate` they are given, and
 *   bpmn-js-properties-panel gives its list groups none: a properties provider that runs last hands every group
 *   the diagram's translate service;
 * - @camunda/linting writes its messages beside a property ("Type must be defined.") without translating them:
 *   they are translated on their way to the panel.
 */
type Translate = (template: string, replacements?: Record<string, unknown>) => string;

interface PropertiesPanel {
  registerProvider(priority: number, provider: { getGroups(element: unknown): (groups: object[]) => object[] }): void;
}

interface EventBus {
  on(event: string, priority: number, callback: (event: { errors?: Record<string, string> }) => void): void;
}

/** After every other provider (they register at 500 and 1000). */
const LAST = 1;
/** Before the properties panel's own listener (default priority 1000). */
const FIRST = 2000;

export class ChinesePropertiesGroups {
  static $inject = ['propertiesPanel', 'eventBus', 'translate'];

  constructor(propertiesPanel: PropertiesPanel, eventBus: EventBus, translate: Translate) {
    propertiesPanel.registerProvider(LAST, { getGroups: () => (groups) => groups.map((group) => ({ translate, ...group })) });
    eventBus.on('propertiesPanel.setErrors', FIRST, (event) => {
      if (!event.errors) return;
      event.errors = Object.fromEntries(Object.entries(event.errors).map(([id, message]) => [id, translate(message)]));
    });
  }
}
