/**
 * A request's JSON body checked against a zod schema, refused in the words of the page that sent it: each issue
 * reads as the field's name as the page shows it (「修改说明」, 「事项名称」) followed by zod's Chinese wording
 * (workers/lib/zod-issues-zh.ts: 「不能为空」, 「最多 500 个字符」), where the shared handler (api-problems.ts) would
 * name the JSON key and zod's English. A schema's own message that already names its field (「流程编号只能用小写字母…」)
 * stands as it is.
 */
import type { z } from 'zod';
import { zodIssueMessageZh } from '../../workers/lib/zod-issues-zh.js';

/** A body refused; api-problems.ts answers it 400 「请求内容有误」 with the message as detail. */
export class RequestBodyError extends Error {
  readonly status = 400;
}

/**
 * The body as the schema gives it, or a {@link RequestBodyError}. `fieldNames` is keyed by the issue's path joined
 * with '.' (`nationalItem.code`), else by its first key; an issue of no named field is 「请求内容」's.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, fieldNames: Readonly<Record<string, string>>): z.output<S> {
  const parsed = schema.safeParse(body, { error: zodIssueMessageZh });
  if (parsed.success) return parsed.data;
  const nameOf = (path: readonly PropertyKey[]): string => {
    const joined = path.map(String).join('.');
    if (Object.hasOwn(fieldNames, joined)) return fieldNames[joined]!;
    const first = path[0];
    return typeof first === 'string' && Object.hasOwn(fieldNames, first) ? fieldNames[first]! : '请求内容';
  };
  throw new RequestBodyError(
    parsed.error.issues
      .map((issue) => {
        const name = nameOf(issue.path);
        return issue.message.startsWith(name) ? issue.message : `${name}${issue.message}`;
      })
      .join('；'),
  );
}
