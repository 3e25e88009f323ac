/**
 * What an error notice shows for a failure: the Chinese sentence a clerk reads, and — for an answer of the server —
 * the technical detail support staff open on demand (status, English detail, problem type and instance). Carried as
 * one value from where a call failed to where the notice is drawn, so no view keeps the detail apart or drops it.
 */
import { maskPersonalValuesIn } from '../masking/personal-values-in-text.js';
import { ApiError } from './v2-client.js';

export interface Failure {
  text: string;
  technical?: string;
}

/** `error` as a notice shows it; `wrap` words the sentence for its place (`表单无法显示：…`), the detail stays as is. */
export function failureOf(error: unknown, wrap: (text: string) => string = (text) => text): Failure {
  // an engine's detail may quote a value (`… but it was "630102…"`), in the technical detail and, where the engine
  // words it in Chinese, in the sentence shown as is: whatever has an ID number's shape is masked in both
  const text = maskPersonalValuesIn(wrap(error instanceof Error ? error.message : String(error)), []);
  const technical = error instanceof ApiError && error.technicalDetail ? maskPersonalValuesIn(error.technicalDetail, []) : undefined;
  return technical ? { text, technical } : { text };
}
