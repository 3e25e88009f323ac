/**
 * A GET sent as the page's module is first evaluated, beside the session check (the cookie goes with it), so the
 * first screen does not wait for one answer after the other. It answers undefined when it fails or nobody is signed
 * in yet; the app then asks again through its V2Client, which shows the problem in Chinese.
 */
import { BUILD_HEADER, noteServerBuild } from './new-build.js';

export interface EarlyGet<T> {
  /** The answer, or undefined when the early request failed. */
  readonly answer: Promise<T | undefined>;
  /** The answer if it has already come (the app's data is there at once), else undefined. */
  alreadyAnswered(): T | undefined;
}

export function earlyGet<T>(url: string): EarlyGet<T> {
  let answered: T | undefined;
  const answer = fetch(url, { credentials: 'same-origin' })
    .then((response) => {
      noteServerBuild(response.headers.get(BUILD_HEADER));
      return response.ok ? (response.json() as Promise<T>) : undefined;
    })
    .catch(() => undefined);
  void answer.then((value) => (answered = value));
  return { answer, alreadyAnswered: () => answered };
}
