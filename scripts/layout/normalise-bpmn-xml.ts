/**
 * A BPMN model in the form the web modeler saves it: parsed and written back with the same moddle-xml writer as
 * bpmn-js `saveXML({ format: true })`. Keeping bpmn/*.bpmn in this form means an analyst's first save in the
 * modeler changes only what they changed, not every line (see docs/modeler-guide.md, 「保存与文件格式」).
 * XML comments do not survive (moddle keeps none): what a comment says belongs in a `bpmn:documentation`.
 */
import { loadCamundaLinters } from '../lint/load-camunda-linters.js';

export interface NormalisedBpmn {
  xml: string;
  /** The XML comments the text had, which the written form no longer has. */
  droppedComments: string[];
}

export async function normaliseBpmnXml(xml: string): Promise<NormalisedBpmn> {
  const { parseBpmn, writeBpmn } = await loadCamundaLinters();
  const { rootElement } = await parseBpmn(xml);
  if (!rootElement.$instanceOf('bpmn:Definitions')) throw new Error(`root element is ${rootElement.$type}, not bpmn:definitions`);
  const droppedComments = [...xml.matchAll(/<!--([\s\S]*?)-->/g)].map((match) => match[1]!.trim());
  return { xml: await writeBpmn(rootElement), droppedComments };
}
