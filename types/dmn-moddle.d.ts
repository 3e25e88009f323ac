// dmn-moddle ships no types; the engine reads untyped element trees with fromXML only.
declare module 'dmn-moddle' {
  export class DmnModdle {
    constructor(packages?: Record<string, object>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: { message: string }[] }>;
  }
}
