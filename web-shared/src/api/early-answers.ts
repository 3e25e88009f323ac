/**
 * Requests a page sends ahead, as soon as what they depend on is known (the session check's user, an earlier
 * answer), instead of after its components have rendered. The code that would send the same request takes the
 * answer instead, once, by the request itself (what it asks and its body): a request that differs is sent as usual,
 * so sending ahead never changes what a page shows, only when. Once the page has taken what it will take
 * ({@link EarlyAnswers.close}), the rest is forgotten: a later refresh must not get an old answer.
 */
export class EarlyAnswers {
  private readonly answers = new Map<string, Promise<unknown>>();
  private closed = false;

  /** Sends `request` now (unless closed) and keeps its answer for {@link take}. */
  send<T>(what: string, body: unknown, request: () => Promise<T>): Promise<T> | undefined {
    if (this.closed) return undefined;
    const answer = request();
    // a failure is for the taker to show; one nobody takes is no error of the page
    answer.catch(() => undefined);
    this.answers.set(keyOf(what, body), answer);
    return answer;
  }

  /** The early answer to exactly this request, once; undefined when none was sent, or it was taken, or closed. */
  take<T>(what: string, body: unknown): Promise<T> | undefined {
    const key = keyOf(what, body);
    const answer = this.answers.get(key);
    this.answers.delete(key);
    return answer as Promise<T> | undefined;
  }

  close(): void {
    this.closed = true;
    this.answers.clear();
  }
}

function keyOf(what: string, body: unknown): string {
  return `${what} ${JSON.stringify(body)}`;
}
