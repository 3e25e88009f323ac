/**
 * A request body refused in the words of the page (web-shared/server/parse-body.ts): the field's name as the page
 * shows it and zod's Chinese wording; a schema's message that names its field stands as it is.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseBody, RequestBodyError } from '../../../web-shared/server/parse-body.js';

const schema = z.object({
  title: z.string().trim().min(1).max(5),
  code: z.string().regex(/^\d+$/, '编码只能是数字'),
  item: z.object({ name: z.string().min(1) }),
});
const FIELDS = { title: '标题', code: '编码', item: '事项', 'item.name': '事项名称' };

describe('parsing a request body', () => {
  it('should give the body as the schema reads it', () => {
    expect(parseBody(schema, { title: ' 初审 ', code: '12', item: { name: 'x' } }, FIELDS)).toEqual({ title: '初审', code: '12', item: { name: 'x' } });
  });

  it('should refuse it with each issue worded by field name and zod’s Chinese, a nested field by its whole path', () => {
    // when
    let refused: unknown;
    try {
      parseBody(schema, { title: '初审初审初审', code: 'a1', item: { name: '' }, extra: 1 }, FIELDS);
    } catch (error) {
      refused = error;
    }

    // then
    expect(refused).toBeInstanceOf(RequestBodyError);
    expect((refused as RequestBodyError).status).toBe(400);
    expect((refused as RequestBodyError).message).toBe('标题最多 5 个字符；编码只能是数字；事项名称不能为空');
    expect(() => parseBody(schema, null, FIELDS)).toThrow('请求内容应为对象，实际为空值');
  });
});
