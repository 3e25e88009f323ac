/**
 * The RFC 7807 problem a failing SDK call received: HTTP status, content type and parsed body, read from the
 * HTTP error the SDK's REST client throws.
 */
export interface Problem {
  status: number;
  contentType: string | undefined;
  body: { type?: string; title?: string; status?: number; detail?: string; instance?: string };
}

export async function problemOf(call: Promise<unknown>): Promise<Problem> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as { response?: { statusCode: number; headers: Record<string, string | undefined>; body: string } },
  );
  if (!error.response) throw error as Error;
  return {
    status: error.response.statusCode,
    contentType: error.response.headers['content-type'],
    body: JSON.parse(error.response.body) as Problem['body'],
  };
}
