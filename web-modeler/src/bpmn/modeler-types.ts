/** The few bpmn-js services the modeler's own components use, typed as far as they use them. */
export interface DiagramElement {
  id: string;
  type: string;
  businessObject: { name?: string; id: string; $type: string; get(name: string): unknown };
  width?: number;
  height?: number;
}

/** `modeler.get(name)`: loosely typed services. */
export interface BpmnModelerLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(name: string): any;
  saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
}
