/** The flow nodes of a BPMN XML (id, name, kind), read with the browser's DOMParser, for choosing elements. */
export interface BpmnElement {
  id: string;
  name: string;
  kind: string;
}

const FLOW_NODE = /(Task|Event|Gateway|SubProcess|callActivity|subProcess)$/;

export function bpmnElements(xml: string): BpmnElement[] {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const found: BpmnElement[] = [];
  for (const element of Array.from(document.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', '*'))) {
    const id = element.getAttribute('id');
    if (!id || !FLOW_NODE.test(element.localName)) continue;
    found.push({ id, name: element.getAttribute('name') ?? id, kind: element.localName });
  }
  return found;
}
