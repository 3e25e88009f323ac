/**
 * What the case waits for and which messages it received (Camunda 8.8's message subscription and correlated
 * message subscription searches): 等待的消息 lists the open subscriptions (e.g. the applicant's 补件), 已收到的消息
 * every message that reached the case, with when. Element names come from the case's diagram.
 *
 * A subscription's state is its last event, as in Camunda 8.8: CREATED or MIGRATED subscriptions wait. A CORRELATED
 * one waits too when its event is non-interrupting (a boundary event with cancelActivity="false", an event
 * sub-process start with isInterrupting="false"): Zeebe keeps such a subscription open after each message and
 * writes DELETED once its element ends, while an interrupting subscription closes with its CORRELATED event. The
 * state alone cannot tell the two apart, so the diagram says which CORRELATED subscriptions still wait. A case the
 * page has just cancelled waits for nothing, whatever a lagging read still lists (own-repairs.ts).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CorrelatedMessageSubscription, MessageSubscription } from '../../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../../web-shared/src/api/v2-client.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { elementNames, parseDiagram } from '../diagram/element-names.js';
import type { OwnRepairs } from '../own-repairs.js';
import { t } from '../texts.js';
import type { PersonalValues } from '../../../web-shared/src/masking/use-personal-values.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

type Tab = 'waiting' | 'received';
type MessageSubscriptionFilter = NonNullable<Parameters<V2Client['searchMessageSubscriptions']>[0]['filter']>;

interface Messages {
  waiting: MessageSubscription[];
  received: CorrelatedMessageSubscription[];
  sentAt: number;
}

/** `personal`: a correlation key may be made from an ID number, masked as the variable is. */
export function InstanceMessages({ processInstanceKey, xml, revision, repairs, personal }: { processInstanceKey: string; xml: string; revision: number; repairs: OwnRepairs; personal: PersonalValues }) {
  const { client } = useSession();
  const [tab, setTab] = useState<Tab>('waiting');
  const [messages, setMessages] = useState<Messages | undefined>(undefined);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const diagram = useMemo(() => readDiagram(xml), [xml]);
  const { nameOf, nonInterrupting } = diagram;
  const keyOf = (key: string) => (key ? (personal.masked(key) ?? t.common.loading) : t.common.dash);

  useEffect(() => {
    // a read that answers after the next one went out is not shown over it
    let current = true;
    const sentAt = Date.now();
    const waitingSearch = (filter: Omit<MessageSubscriptionFilter, 'processInstanceKey'>) =>
      client.searchMessageSubscriptions({ filter: { processInstanceKey, ...filter }, sort: [{ field: 'lastUpdatedDate', order: 'asc' }], page: { limit: 100 } });
    Promise.all([
      waitingSearch({ messageSubscriptionState: { $in: ['CREATED', 'MIGRATED'] } }),
      // only asked when the diagram has events that keep waiting after a message
      nonInterrupting.length === 0 ? { items: [] } : waitingSearch({ messageSubscriptionState: 'CORRELATED', elementId: { $in: nonInterrupting } }),
      client.searchCorrelatedMessageSubscriptions({ filter: { processInstanceKey }, sort: [{ field: 'correlationTime', order: 'desc' }], page: { limit: 100 } }),
    ]).then(
      ([open, stillOpen, received]) => {
        if (!current) return;
        const waiting = [...open.items, ...stillOpen.items].sort((a, b) => a.lastUpdatedDate.localeCompare(b.lastUpdatedDate));
        setMessages({ waiting, received: received.items, sentAt });
        setError(undefined);
      },
      (failure: Error) => current && setError(failureOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, processInstanceKey, revision, nonInterrupting]);

  const canceled = messages !== undefined && repairs.isCanceled(messages.sentAt);
  const waiting = canceled ? [] : messages?.waiting;
  const tabs: [Tab, string, number | undefined][] = [
    ['waiting', t.instance.waitingMessages, waiting?.length],
    ['received', t.instance.receivedMessages, messages?.received.length],
  ];
  return (
    <div data-testid="messages">
      <div class="tabs" role="tablist" aria-label={t.instance.messages}>
        {tabs.map(([id, label, count]) => (
          <button key={id} role="tab" aria-selected={tab === id} class={tab === id ? 'selected' : ''} onClick={() => setTab(id)}>
            {count === undefined ? label : `${label}（${count}）`}
          </button>
        ))}
      </div>
      {error && <ErrorNotice failure={error} />}
      {!messages && !error && <p class="muted">{t.common.loading}</p>}
      {messages && tab === 'waiting' && (canceled ? <p class="muted">{t.instance.waitingCanceled}</p> : <Waiting items={messages.waiting} nameOf={nameOf} keyOf={keyOf} />)}
      {messages && tab === 'received' && <Received items={messages.received} nameOf={nameOf} keyOf={keyOf} />}
    </div>
  );
}

/** One message row of either list: the subscription's message, key and element, and the time the list is about. */
interface MessageRow {
  key: string;
  messageName: string;
  correlationKey: string;
  elementId: string;
  time: string;
}

/** `keyOf`: a correlation key as the page shows it (personal data masked). */
interface Shown {
  nameOf: (id: string) => string;
  keyOf: (key: string) => string;
}

function Waiting({ items, ...shown }: { items: MessageSubscription[] } & Shown) {
  const rows = items.map((item) => ({ ...item, key: item.messageSubscriptionKey, time: item.lastUpdatedDate }));
  return <MessageTable rows={rows} {...shown} testId="waiting-messages" timeHeader={t.instance.waitingSince} empty={t.instance.noWaitingMessages} />;
}

function Received({ items, ...shown }: { items: CorrelatedMessageSubscription[] } & Shown) {
  const rows = items.map((item) => ({ ...item, key: `${item.messageKey}-${item.subscriptionKey}`, time: item.correlationTime }));
  return <MessageTable rows={rows} {...shown} testId="received-messages" timeHeader={t.instance.receivedAt} empty={t.instance.noReceivedMessages} />;
}

function MessageTable({ rows, nameOf, keyOf, testId, timeHeader, empty }: { rows: MessageRow[]; testId: string; timeHeader: string; empty: string } & Shown) {
  if (rows.length === 0) return <p class="muted">{empty}</p>;
  return (
    <table class="data" data-testid={testId}>
      <thead>
        <tr>
          <th>{t.instance.messageName}</th>
          <th>{t.instance.correlationKey}</th>
          <th>{t.instance.element}</th>
          <th>{timeHeader}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>{messageTitle(row.messageName)}</td>
            <td>{keyOf(row.correlationKey)}</td>
            <td>{nameOf(row.elementId)}</td>
            <td>{formatDateTime(row.time)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function messageTitle(name: string): string {
  return t.instance.messageNames[name] ?? name;
}

/**
 * What the panel reads from the case's diagram: the names of its elements by id (an element without a name is shown
 * by its id), and the ids of its message events that keep waiting after a message.
 */
function readDiagram(xml: string): { nameOf: (id: string) => string; nonInterrupting: string[] } {
  const document = parseDiagram(xml);
  const events = (tag: string, attribute: string) =>
    Array.from(document.getElementsByTagNameNS(BPMN_NAMESPACE, tag)).filter(
      (event) => event.getAttribute(attribute) === 'false' && event.getElementsByTagNameNS(BPMN_NAMESPACE, 'messageEventDefinition').length > 0,
    );
  const nonInterrupting = [...events('boundaryEvent', 'cancelActivity'), ...events('startEvent', 'isInterrupting')].map((event) => event.getAttribute('id')!);
  return { nameOf: elementNames(document), nonInterrupting };
}

const BPMN_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
