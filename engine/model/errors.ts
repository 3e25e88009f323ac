/** A model that cannot be executed; the deployment turns it into a 400 problem naming the element. */
export class ModelRejection extends Error {
  readonly code = 'MODEL_REJECTED';
  constructor(reason: string, readonly elementId?: string) {
    super(elementId ? `element '${elementId}': ${reason}` : reason);
  }
}
