/**
 * The case page's reads with its own repairs held over them (own-repairs.ts): reads the case (header, diagram,
 * incidents), notes what each read shows of the repairs held, and after a repair reads again at once and then with
 * a back-off until the reads show it — the panels beside re-read with `revision`. A read that answers after a newer
 * one is not shown over it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ElementStatistics, Incident, ProcessInstance, SequenceFlow } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { ALWAYS_REREAD, REREAD_GAPS_MS, repairsOf, type OwnRepairs } from '../own-repairs.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';

export interface InstanceState {
  instance: ProcessInstance;
  xml: string;
  statistics: ElementStatistics[];
  flows: SequenceFlow[];
  incidents: Incident[];
  /** When the reads went out: the diagram shows them over the repairs held then (own-repairs.ts). */
  sentAt: number;
}

type Message = { kind: 'ok' | 'error' } & Failure;

export interface CaseRepairs {
  /** The newest read of the case; `diagramState` the same with the repairs held over its element counts. */
  state: InstanceState | undefined;
  diagramState: InstanceState | undefined;
  /** Why the newest read failed (the page shows the read before, if any). */
  error: Failure | undefined;
  /** What the last repair's command answered. */
  message: Message | undefined;
  /** Counts the re-reads: the panels that read on their own (消息, 办理记录, 环节历史, 变量) read again when it moves. */
  revision: number;
  repairs: OwnRepairs;
  /** A repair confirmed by the engine (noted in `repairs` first): says `text`, and reads again. */
  changed: (text: string) => void;
  /** A repair refused (`failure`, as thrown): says why. */
  failed: (failure: unknown) => void;
}

export function useCaseRepairs(processInstanceKey: string): CaseRepairs {
  const { client } = useSession();
  const [state, setState] = useState<InstanceState | undefined>(undefined);
  const [error, setError] = useState<Failure | undefined>(undefined);
  const [message, setMessage] = useState<Message | undefined>(undefined);
  const [revision, setRevision] = useState(0);
  const [repairs] = useState(() => repairsOf(processInstanceKey));
  const [held, setHeld] = useState(0);
  const followUpTimer = useRef<number | undefined>(undefined);
  /** The loads sent and the newest one applied: a re-read that answers after a newer one is not shown over it. */
  const loads = useRef({ sent: 0, applied: 0 });

  const load = useCallback(async () => {
    const number = ++loads.current.sent;
    const sentAt = Date.now();
    try {
      const instance = await client.getProcessInstance(processInstanceKey);
      const [xml, statistics, flows, incidents] = await Promise.all([
        client.getProcessDefinitionXml(instance.processDefinitionKey),
        client.processInstanceStatistics(processInstanceKey),
        client.sequenceFlows(processInstanceKey),
        client.searchProcessInstanceIncidents(processInstanceKey),
      ]);
      if (number < loads.current.applied) return;
      loads.current.applied = number;
      const open = incidents.items.filter((i) => i.state === 'ACTIVE');
      repairs.readInstance(instance);
      repairs.readIncidents(open);
      setState({ instance, xml, statistics: statistics.items, flows: flows.items, incidents: open, sentAt });
      setError(undefined);
    } catch (failure) {
      if (number < loads.current.applied) return;
      loads.current.applied = number;
      setError(failureOf(failure));
    }
  }, [client, processInstanceKey, repairs]);

  const reread = useCallback(() => {
    setRevision((n) => n + 1);
    return load();
  }, [load]);

  useEffect(() => {
    const unsubscribe = repairs.subscribe(() => setHeld((n) => n + 1));
    return () => {
      unsubscribe();
      window.clearTimeout(followUpTimer.current);
    };
  }, [repairs]);

  /**
   * While a repair is held: read again with a back-off, failing reads or not — the first re-reads are made anyway
   * (the engine moves on after a repair), the last one comes when the repairs still held are dropped and shows what
   * the server says (the page then says it could not confirm them).
   */
  const followUp = useCallback(() => {
    window.clearTimeout(followUpTimer.current);
    const next = (step: number) => {
      followUpTimer.current = window.setTimeout(() => {
        repairs.expire();
        if (step >= ALWAYS_REREAD && !repairs.holding() && !repairs.lapsed()) return;
        void reread();
        if (step + 1 < REREAD_GAPS_MS.length) next(step + 1);
      }, REREAD_GAPS_MS[step]);
    };
    next(0);
  }, [reread, repairs]);

  /** After a repair: read again at once, then as {@link followUp} does. */
  const changed = useCallback(
    (text: string) => {
      setMessage({ kind: 'ok', text });
      void reread();
      followUp();
    },
    [reread, followUp],
  );
  const failed = useCallback((failure: unknown) => setMessage({ kind: 'error', ...failureOf(failure) }), []);

  useEffect(() => {
    void load();
    // back on a case whose repairs are still held: they show, and are read again until the reads show them
    if (repairs.holding()) followUp();
    const refresh = () => {
      repairs.acknowledge();
      void reread();
    };
    window.addEventListener('monitor:refresh', refresh);
    return () => window.removeEventListener('monitor:refresh', refresh);
  }, [load, reread, repairs, followUp]);

  // the diagram as the page shows the case: `held` changes whenever a repair is noted or let go
  const diagramState = useMemo(() => state && { ...state, statistics: repairs.statisticsOf(state.statistics, state.incidents, processInstanceKey, state.sentAt) }, [state, held, repairs, processInstanceKey]);

  return { state, diagramState, error, message, revision, repairs, changed, failed };
}
