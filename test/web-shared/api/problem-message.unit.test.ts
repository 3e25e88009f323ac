/**
 * What a clerk reads of a failed call (problemMessage: Chinese only) and what support staff open under 技术详情
 * (problemTechnicalDetail, carried by ApiError and failureOf to the error notice).
 */
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../web-shared/src/api/failure.js';
import { problemMessage, problemTechnicalDetail } from '../../../web-shared/src/api/problem-message.js';
import { ApiError } from '../../../web-shared/src/api/v2-client.js';

const NOT_FOUND = { type: 'about:blank', title: 'NOT_FOUND', status: 404, detail: "no user task with key '2251799813685300' exists" };

describe('problem messages', () => {
  it('should give a clerk only the Chinese sentence for an English detail, and keep the English for 技术详情', () => {
    // when the engine answers 404 in Camunda's English words
    const message = problemMessage(404, NOT_FOUND);
    const technical = problemTechnicalDetail(404, NOT_FOUND);

    // then the sentence is Chinese only, and the detail holds the status, the title and the English detail
    expect(message).toBe('未找到，可能已被他人办理或已撤销');
    expect(technical).toBe("HTTP 404 NOT_FOUND\nno user task with key '2251799813685300' exists");
  });

  it('should show a Chinese detail as it is, with nothing more to open unless the problem names a type', () => {
    const invalid = { type: 'about:blank', title: 'INVALID_ARGUMENT', status: 400, detail: '退休日期：未填写', instance: '/v2/user-tasks/1/completion' };
    expect(problemMessage(400, invalid)).toBe('退休日期：未填写');
    expect(problemTechnicalDetail(400, invalid)).toBeUndefined();

    // a problem naming its type keeps it, and its instance, for support staff
    const typed = { ...invalid, type: 'https://docs.camunda.io/problems/invalid-argument', instance: '/v2/user-tasks/1/completion' };
    expect(problemTechnicalDetail(400, typed)).toBe('HTTP 400 INVALID_ARGUMENT\ntype: https://docs.camunda.io/problems/invalid-argument\ninstance: /v2/user-tasks/1/completion');
  });

  it("should tell what to do when the engine refused an integer it would round, the engine's English kept for 技术详情", () => {
    const refused = { type: 'about:blank', title: 'INVALID_ARGUMENT', status: 400, detail: 'the number 12345678901234567 is an integer beyond ±9007199254740991 (2^53 − 1) that this engine cannot keep exactly (it would become 12345678901234568); send it as a string' };
    expect(problemMessage(400, refused)).toBe('数字 12345678901234567 超出系统能原样保存的范围，请核对是否填错');
    expect(problemTechnicalDetail(400, refused)).toContain('send it as a string');
    const multipart = { ...refused, detail: "the multipart part 'metadata': the number 1e400 is beyond the range of a double (it would become null); send it as a string" };
    expect(problemMessage(400, multipart)).toBe('数字 1e400 超出系统能原样保存的范围，请核对是否填错');
    const long = { ...refused, detail: 'the number 111111111111111111111111… (400 digits) is an integer beyond ±9007199254740991 (2^53 − 1) that this engine cannot keep exactly (it would become null); send it as a string' };
    expect(problemMessage(400, long)).toBe('数字 111111111111111111111111…（共 400 位）超出系统能原样保存的范围，请核对是否填错');
  });

  it("should give a clerk the plain sentence for the engine's permission refusal, its resource and permission under 技术详情", () => {
    for (const detail of ['无权执行此操作：需要 PROCESS_DEFINITION 的 READ_USER_TASK 权限', '无权执行此操作：需要 RESOURCE 的 DELETE_PROCESS 或 DELETE_RESOURCE 权限']) {
      const refused = { type: 'about:blank', title: 'FORBIDDEN', status: 403, detail };
      expect(problemMessage(403, refused)).toBe('没有权限执行此操作');
      expect(problemTechnicalDetail(403, refused)).toBe(`HTTP 403 FORBIDDEN\n${detail}`);
    }
    // the engine's other Chinese refusals (four-eyes, case scope) are a clerk's to read
    const fourEyes = { type: 'about:blank', title: 'FORBIDDEN', status: 403, detail: '复审不能由初审经办人办理' };
    expect(problemMessage(403, fourEyes)).toBe('复审不能由初审经办人办理');
  });

  it('should name the status of an answer without a body, and nothing when no answer came', () => {
    expect(problemMessage(404, undefined)).toBe('未找到，可能已被他人办理或已撤销');
    expect(problemTechnicalDetail(404, undefined)).toBe('HTTP 404');
    expect(problemMessage(0, undefined)).toBe('无法连接服务器，请检查网络后重试');
    expect(problemTechnicalDetail(0, undefined)).toBeUndefined();
  });

  it('should carry the detail from an ApiError to the notice, and none from an error of the page', () => {
    expect(failureOf(new ApiError(404, NOT_FOUND), (text) => `无法打开：${text}`)).toEqual({
      text: '无法打开：未找到，可能已被他人办理或已撤销',
      technical: "HTTP 404 NOT_FOUND\nno user task with key '2251799813685300' exists",
    });
    expect(failureOf(new Error('表单无法显示'))).toEqual({ text: '表单无法显示' });
  });

  it('should mask an ID number an engine detail quotes', () => {
    // when the engine's English detail quotes a value an expression read
    const failure = failureOf(new ApiError(400, { type: 'about:blank', title: 'INVALID_ARGUMENT', status: 400, detail: 'expected a boolean, but it was "630103196503152014"' }));

    // then the detail keeps its words, the ID number masked
    expect(failure.technical).toBe('HTTP 400 INVALID_ARGUMENT\nexpected a boolean, but it was "630103********2014"');
  });

  it('should mask an ID number a Chinese engine detail quotes in the sentence shown as is', () => {
    // when another cluster words its detail in Chinese (shown to the clerk as it is)
    const failure = failureOf(new ApiError(400, { type: 'about:blank', title: 'INVALID_ARGUMENT', status: 400, detail: '申请人身份证号 630103196503152014 已有在办案件' }), (text) => `无法办结：${text}`);

    // then the sentence keeps its words, the ID number masked
    expect(failure.text).toBe('无法办结：申请人身份证号 630103********2014 已有在办案件');
    expect(failure.text).not.toContain('196503152014');
  });
});
