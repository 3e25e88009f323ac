/**
 * The few parts of a moddle element tree (as parsed by @camunda/linting's own BpmnModdle, with the zeebe and
 * modeler extensions) that the lint reads. Properties are read through `get`, which also returns unknown
 * attributes.
 */
export interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  readonly name?: string;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  $instanceOf(type: string): boolean;
}

export function isModdleElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $instanceOf?: unknown }).$instanceOf === 'function';
}

/** A many-valued property (`flowElements`, `rootElements`, `eventDefinitions`, …) as a list of elements. */
export function elementsOf(element: ModdleElement, property: string): ModdleElement[] {
  const value = element.get(property);
  return Array.isArray(value) ? value.filter(isModdleElement) : [];
}

/** A single-valued reference (`messageRef`, `attachedToRef`, …), or undefined. */
export function elementOf(element: ModdleElement, property: string): ModdleElement | undefined {
  const value = element.get(property);
  return isModdleElement(value) ? value : undefined;
}

/** A string attribute, trimmed; undefined when absent or blank. */
export function stringOf(element: ModdleElement, property: string): string | undefined {
  const value = element.get(property);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The extension elements of the given type (`zeebe:TaskDefinition`, …) under `bpmn:extensionElements`. */
export function extensionsOf(element: ModdleElement, type: string): ModdleElement[] {
  const extensionElements = elementOf(element, 'extensionElements');
  return extensionElements ? elementsOf(extensionElements, 'values').filter((value) => value.$instanceOf(type)) : [];
}

export function extensionOf(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensionsOf(element, type)[0];
}

/** Zeebe reads a leading `=` as a FEEL expression. */
export function isFeelExpression(value: string): boolean {
  return value.trimStart().startsWith('=');
}
