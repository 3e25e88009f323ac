/**
 * The task list's first requests, sent as soon as the session check answers instead of after the app has rendered
 * (early-requests.ts starts them; on a busy PC rendering the shell and the providers takes a few hundred ms): the
 * searches of the view stored in the tab (its page and the other tabs' counts, as list-load.ts asks for them),
 * then, as the page comes, the variables of its cases (task-rows.ts). The list takes the answers to the same requests on
 * its first load and then closes {@link firstScreen}; each answer is for the user it was sent for, and only for a
 * few seconds (early-answers.ts). Nothing is sent for a user the task list would not show. A view with a due-state
 * filter needs the working-day calendar first and loads as usual.
 */
import type { CurrentUser, SearchResult, UserTask } from '../../web-shared/src/api/camunda-types.js';
import { EarlyAnswers } from '../../web-shared/src/api/early-answers.js';
import type { UserTaskSearch, V2Client } from '../../web-shared/src/api/v2-client.js';
import { mayUseApp, WEB_APPS } from '../../web-shared/src/layout/web-apps.js';
import { readStoredQuery } from './stored-query.js';
import { rowVariablesSearch, tabCountSearches, taskSearches } from './task-queries.js';

export const firstScreen = new EarlyAnswers();

export function sendFirstScreenRequests(client: V2Client, user: Promise<CurrentUser | undefined>): void {
  void user.then(
    (signedIn) => {
      if (!signedIn || !mayUseApp(signedIn.authorizedComponents, WEB_APPS.tasklist)) return;
      // (the session has not claimed the tab's private data yet: a view stored by someone else is not read)
      const query = readStoredQuery(signedIn.username);
      if (query.dueState && query.dueState !== 'noLimit') return;
      const owner = signedIn.username;
      const search = (body: UserTaskSearch) => firstScreen.send(owner, 'user-tasks', body, () => client.searchUserTasks(body));
      const pages = (taskSearches(query, signedIn, undefined) ?? []).map(search);
      for (const { search: count } of tabCountSearches(query, signedIn)) if (count && count !== 'page') search(count);
      if (pages.length !== 1) return;
      void pages[0]?.then(
        (page: SearchResult<UserTask>) => {
          if (page.items.length === 0) return;
          const variables = rowVariablesSearch(page.items);
          firstScreen.send(owner, 'variables', variables, () => client.searchVariables(variables));
        },
        () => undefined,
      );
    },
    () => undefined,
  );
}
