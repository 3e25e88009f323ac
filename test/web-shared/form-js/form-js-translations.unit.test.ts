import { describe, expect, it } from 'vitest';
import { translateFormJsText } from '../../../web-shared/src/form-js/form-js-translations.js';

describe('form-js translations', () => {
  it('should translate form-js English exactly and with values', () => {
    expect(translateFormJsText('Field is required.')).toBe('此项为必填项。');
    expect(translateFormJsText('Select')).toBe('请选择');
    expect(translateFormJsText('Add new')).toBe('添加一项');
    expect(translateFormJsText('mm/dd/yyyy')).toBe('月/日/年');
    expect(translateFormJsText('Field must have maximum length of 500.')).toBe('最多填写 500 个字符。');
    expect(translateFormJsText('Download 结算单.pdf')).toBe('下载 结算单.pdf');
  });

  it('should leave texts the form author wrote as they are', () => {
    expect(translateFormJsText('公民身份号码应为18位')).toBe('公民身份号码应为18位');
    expect(translateFormJsText('GB 11643')).toBe('GB 11643');
  });
});
