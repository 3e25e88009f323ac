/**
 * People's display names in the apps (办理人 刘芳, not `liu-fang`): the app's own server answers them for any
 * logged-in user (`<path>/api/people`, web-shared/server/people-names.ts), since a clerk may not read /v2/users.
 * A page asks for a name as it renders it; the usernames asked for in one render go in one request, each once per
 * page, and the page renders again when the names arrive. Until then, and where none is known, the username shows.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { V2Client } from '../api/v2-client.js';

/** The server's bound of one request (MAX_USERNAMES there). */
const PER_REQUEST = 100;

/** `username → display name` (the username itself where no name is known; '—' for nobody). */
export type PersonName = (username: string | null | undefined) => string;

export function usePeopleNames(client: V2Client, appPath: `/${string}`): PersonName {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const asked = useRef(new Set<string>());
  const waiting = useRef(new Set<string>());
  const [, setQueued] = useState(0);

  useEffect(() => {
    if (waiting.current.size === 0) return;
    const usernames = [...waiting.current];
    waiting.current.clear();
    for (let from = 0; from < usernames.length; from += PER_REQUEST) {
      const query = new URLSearchParams(usernames.slice(from, from + PER_REQUEST).map((username) => ['u', username]));
      client.json<{ names: Record<string, string> }>('GET', `${appPath}/api/people?${query}`, undefined, { polling: true }).then(
        (answer) => setNames((known) => new Map([...known, ...Object.entries(answer.names)])),
        // the usernames stay (the server logs why it could not answer)
        () => undefined,
      );
    }
  });

  return useCallback<PersonName>(
    (username) => {
      if (!username) return '—';
      const name = names.get(username);
      if (name !== undefined) return name;
      if (!asked.current.has(username)) {
        asked.current.add(username);
        waiting.current.add(username);
        // asked during a render: the request goes after it (the effect above), with the others of the same render
        queueMicrotask(() => setQueued((count) => count + 1));
      }
      return username;
    },
    [names],
  );
}
