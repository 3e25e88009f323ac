/**
 * Parallel and inclusive joins. A sequence flow taken into a join leaves a token there (the SEQUENCE_FLOW_TAKEN
 * event's applier keeps it); the join's activation uses one token per incoming flow (its ELEMENT_ACTIVATING
 * applier). A parallel join fires once every incoming flow holds a token; an inclusive join fires when no active
 * element or waiting token upstream can still reach it, which the processor checks after every child ended.
 */
import type { EngineServices } from '../behaviors/shared/engine-services.js';
import { requireElement, type ExecutableElement, type ExecutableProcess } from '../model/executable-process.js';
import type { ElementInstanceRecord } from '../state/records.js';

/** What a join asks of the processor when it fires. */
export interface JoinActivation {
  activateChild(flowScope: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement): ElementInstanceRecord;
}

export class Joins {
  constructor(
    private readonly services: EngineServices,
    private readonly activation: JoinActivation,
  ) {}

  /** A gateway with more than one incoming flow collects tokens before it activates. */
  isJoin(element: ExecutableElement): boolean {
    return (element.type === 'PARALLEL_GATEWAY' || element.type === 'INCLUSIVE_GATEWAY') && element.incoming.length > 1;
  }

  /**
   * A token arrived at `join` (its SEQUENCE_FLOW_TAKEN event was written). A parallel join fires now if it can;
   * an inclusive join waits for `afterChildEnded`, otherwise a flow straight from a fork to the join would fire
   * it before the fork's other branches exist.
   */
  arrived(flowScope: ElementInstanceRecord, process: ExecutableProcess, join: ExecutableElement): void {
    if (join.type === 'PARALLEL_GATEWAY') this.tryFire(flowScope, process, join);
  }

  /** A child of the scope ended: an inclusive join waiting in it may fire now. */
  afterChildEnded(flowScope: ElementInstanceRecord, process: ExecutableProcess): void {
    for (const joinId of this.services.readers.joinsWithTokens(flowScope.key)) {
      const join = requireElement(process, joinId);
      if (join.type === 'INCLUSIVE_GATEWAY') this.tryFire(flowScope, process, join);
    }
  }

  /** Tokens wait at a join of the scope, so the scope cannot complete yet. */
  hasWaitingTokens(flowScopeKey: number): boolean {
    return this.services.readers.joinsWithTokens(flowScopeKey).length > 0;
  }

  /** The scope was interrupted (or a terminate end event ended it): its waiting tokens are dropped. */
  discard(flowScope: ElementInstanceRecord): void {
    if (!this.hasWaitingTokens(flowScope.key)) return;
    this.services.writer.append('JOIN_TOKENS', 'DISCARDED', { key: flowScope.key, processInstanceKey: flowScope.processInstanceKey });
  }

  // helpers

  private tryFire(flowScope: ElementInstanceRecord, process: ExecutableProcess, join: ExecutableElement): void {
    const { readers } = this.services;
    const tokens = readers.joinTokens(flowScope.key, join.id);
    if (join.type === 'PARALLEL_GATEWAY') {
      if (!join.incoming.every((f) => (tokens.get(f.id) ?? 0) > 0)) return;
    } else if (join.type === 'INCLUSIVE_GATEWAY') {
      const reachable = join.reachableFrom;
      const upstreamActive = readers.activeChildren(flowScope.key).some((c) => reachable.has(c.elementId));
      const upstreamWaiting = readers.joinsWithTokens(flowScope.key).some((id) => id !== join.id && reachable.has(id));
      if (tokens.size === 0 || upstreamActive || upstreamWaiting) return;
    }
    this.activation.activateChild(flowScope, process, join);
  }
}
