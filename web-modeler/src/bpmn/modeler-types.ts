/** The few bpmn-js services the modeler's own components use, typed as far as they use them. */
export interface DiagramElement {
  id: string;
  type: string;
  businessObject: { name?: string; id: string; $type: string; get(name: string): unknown };
  width?: number;
  height?: number;
}

export interface EventBusLike {
  on(event: string | string[], callback: (event: never) => void): void;
  on(event: string | string[], priority: number, callback: (event: never) => void): void;
  off(event: string | string[], callback: (event: never) => void): void;
  fire(event: string, payload?: unknown): void;
}

/** `modeler.get(name)`: loosely typed services. */
export interface BpmnModelerLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(name: string): any;
  saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
}
