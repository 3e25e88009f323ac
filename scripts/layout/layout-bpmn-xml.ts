/**
 * Lays out one BPMN model: parse (the linter's moddle: bpmn + zeebe + modeler packages), read the flow graph, lay
 * it out in lanes, and write the DI into the original text (semantics unchanged).
 */
import { loadCamundaLinters } from '../lint/load-camunda-linters.js';
import { writeDiagram } from './diagram-xml.js';
import { readFlowGraph } from './flow-graph.js';
import { layoutGraph } from './layout-graph.js';

export async function layoutBpmnXml(xml: string): Promise<string> {
  const { parseBpmn } = await loadCamundaLinters();
  const { rootElement } = await parseBpmn(xml);
  if (!rootElement.$instanceOf('bpmn:Definitions')) throw new Error(`root element is ${rootElement.$type}, not bpmn:definitions`);
  return writeDiagram(xml, layoutGraph(readFlowGraph(rootElement)));
}
