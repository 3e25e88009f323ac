/**
 * What the case waits for and which messages it received (Camunda 8.8's message subscription and correlated
 * message subscription searches): 等待的消息 lists the open subscriptions (e.g. the applicant's 补件), 已收到的消息
 * every message that reached the case, with when. Element names come from the case's diagram.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CorrelatedMessageSubscription, MessageSubscription } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { t } from '../texts.js';

type Tab = 'waiting' | 'received';

interface Messages {
  waiting: MessageSubscription[];
  received: CorrelatedMessageSubscription[];
}

export function InstanceMessages({ processInstanceKey, xml, revision }: { processInstanceKey: string; xml: string; revision: number }) {
  const { client } = useSession();
  const [tab, setTab] = useState<Tab>('waiting');
  const [messages, setMessages] = useState<Messages | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const nameOf = useMemo(() => elementNames(xml), [xml]);

  useEffect(() => {
    Promise.all([
      client.searchMessageSubscriptions({
        filter: { processInstanceKey, messageSubscriptionState: { $in: ['CREATED', 'MIGRATED'] } },
        sort: [{ field: 'lastUpdatedDate', order: 'asc' }],
        page: { limit: 100 },
      }),
      client.searchCorrelatedMessageSubscriptions({ filter: { processInstanceKey }, sort: [{ field: 'correlationTime', order: 'desc' }], page: { limit: 100 } }),
    ]).then(
      ([waiting, received]) => {
        setMessages({ waiting: waiting.items, received: received.items });
        setError(undefined);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [client, processInstanceKey, revision]);

  const tabs: [Tab, string, number | undefined][] = [
    ['waiting', t.instance.waitingMessages, messages?.waiting.length],
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
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {!messages && !error && <p class="muted">{t.common.loading}</p>}
      {messages && tab === 'waiting' && <Waiting items={messages.waiting} nameOf={nameOf} />}
      {messages && tab === 'received' && <Received items={messages.received} nameOf={nameOf} />}
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

function Waiting({ items, nameOf }: { items: MessageSubscription[]; nameOf: (id: string) => string }) {
  const rows = items.map((item) => ({ ...item, key: item.messageSubscriptionKey, time: item.lastUpdatedDate }));
  return <MessageTable rows={rows} nameOf={nameOf} testId="waiting-messages" timeHeader={t.instance.waitingSince} empty={t.instance.noWaitingMessages} />;
}

function Received({ items, nameOf }: { items: CorrelatedMessageSubscription[]; nameOf: (id: string) => string }) {
  const rows = items.map((item) => ({ ...item, key: `${item.messageKey}-${item.subscriptionKey}`, time: item.correlationTime }));
  return <MessageTable rows={rows} nameOf={nameOf} testId="received-messages" timeHeader={t.instance.receivedAt} empty={t.instance.noReceivedMessages} />;
}

function MessageTable({ rows, nameOf, testId, timeHeader, empty }: { rows: MessageRow[]; nameOf: (id: string) => string; testId: string; timeHeader: string; empty: string }) {
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
            <td>{row.correlationKey || t.common.dash}</td>
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

/** The names of the diagram's elements by id; an element without a name is shown by its id. */
function elementNames(xml: string): (id: string) => string {
  const names = new Map<string, string>();
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  for (const element of Array.from(document.querySelectorAll('[id][name]'))) names.set(element.getAttribute('id')!, element.getAttribute('name')!);
  return (id) => names.get(id) ?? id;
}
