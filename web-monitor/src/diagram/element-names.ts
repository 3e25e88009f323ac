/**
 * The names of a diagram's elements by id, for the tables of one case (incidents, messages): managers read
 * 「校验公民身份号码」, not `validateIdentity`. An element without a name is shown by its id.
 */
export function elementNames(document: Document): (id: string) => string {
  const names = new Map<string, string>();
  for (const element of Array.from(document.querySelectorAll('[id][name]'))) names.set(element.getAttribute('id')!, element.getAttribute('name')!);
  return (id) => names.get(id) ?? id;
}

export function parseDiagram(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'application/xml');
}
