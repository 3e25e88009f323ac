/**
 * Requests a page sends ahead, as soon as what they depend on is known (the session check's user, an earlier
 * answer), instead of after its components have rendered. The code that would send the same request takes the
 * answer instead, once, by the request itself (what it asks and its body): a request that differs is sent as usual,
 * so sending ahead never changes what a page shows, only when. An answer belongs to the user it was sent for and is
 * taken within {@link EarlyAnswers.keptMs} of being sent: after a logout and another user's login without a reload
 * (the office's shared counter PCs), or when the page's first load came late (a failed catalogue, no access),
 * nothing is taken and the rest is forgotten. So is everything once the page has taken what it will take
 * ({@link EarlyAnswers.close}): a later refresh must not get an old answer.
 */
export class EarlyAnswers {
  private readonly answers = new Map<string, { owner: string; sentAt: number; answer: Promise<unknown> }>();
  private closed = false;

  constructor(readonly keptMs = 10_000) {}

  /** Sends `request` for the user `owner` now (unless closed) and keeps its answer for {@link take}. */
  send<T>(owner: string, what: string, body: unknown, request: () => Promise<T>): Promise<T> | undefined {
    if (this.closed) return undefined;
    const answer = request();
    // a failure is for the taker to show; one nobody takes is no error of the page
    answer.catch(() => undefined);
    this.answers.set(keyOf(what, body), { owner, sentAt: Date.now(), answer });
    return answer;
  }

  /**
   * The early answer to exactly this request of `owner`, once; undefined when none was sent, or it was taken, or
   * closed. One sent for another user, or longer ago than {@link keptMs}, closes the store.
   */
  take<T>(owner: string, what: string, body: unknown): Promise<T> | undefined {
    const key = keyOf(what, body);
    const early = this.answers.get(key);
    this.answers.delete(key);
    if (!early) return undefined;
    if (early.owner !== owner || Date.now() - early.sentAt > this.keptMs) {
      this.close();
      return undefined;
    }
    return early.answer as Promise<T>;
  }

  close(): void {
    this.closed = true;
    this.answers.clear();
  }
}

function keyOf(what: string, body: unknown): string {
  return `${what} ${JSON.stringify(body)}`;
}
