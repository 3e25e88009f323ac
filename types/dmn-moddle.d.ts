// dmn-moddle ships no types; the engine reads untyped element trees with fromXML only, the modeler also writes them
// back (toXML) to compare two decisions as dmn-js would write them.
declare module 'dmn-moddle' {
  export class DmnModdle {
    constructor(packages?: Record<string, object>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: { message: string }[] }>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
