import { describe, expect, it } from 'vitest';
import { needFieldsSchema } from '../../../src/domain/need/commands.js';
import { organizationFieldsSchema } from '../../../src/domain/organization/commands.js';
import { ValidationError } from '../../../src/domain/shared/errors.js';
import { isPlainText } from '../../../src/domain/shared/fields.js';
import { parseInput } from '../../../src/domain/shared/validation.js';
import { needFields } from './listing-fixtures.js';

function errorsOf(input: unknown) {
  try {
    parseInput(needFieldsSchema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
  return [];
}

const DESCRIPTION = '现有机加线12条，计划由人工编排，插单后重排需要半天，希望建设排产系统。';

describe('free text fields', () => {
  it('refuse a title with NUL or ESC, naming the field in Chinese, with the field as the path', () => {
    for (const title of ['机加车间\u0000智能排产', '\u001b[31m机加车间智能排产']) {
      expect(errorsOf({ ...needFields, title })).toEqual([
        { path: 'title', message: '标题须为一行文字，不能含有换行、制表符等控制字符或无效字符' },
      ]);
    }
  });

  it('refuse a description with control characters, but keep its tabs and line breaks', () => {
    expect(errorsOf({ ...needFields, description: `${DESCRIPTION}\u0007` })).toEqual([
      { path: 'description', message: '需求描述不能含有控制字符（如 NUL、ESC）或无效字符' },
    ]);
    const lines = `一、现状：\t${DESCRIPTION}\r\n二、目标：\n实现自动排产。`;
    expect(errorsOf({ ...needFields, description: lines })).toEqual([]);
    expect(parseInput(needFieldsSchema, { ...needFields, description: lines }).description).toBe(lines);
  });

  it('keep single-line fields to one line: no tab or line break in a title or an organization name', () => {
    expect(errorsOf({ ...needFields, title: '机加车间\n智能排产' }).map((e) => e.path)).toEqual(['title']);
    expect(errorsOf({ ...needFields, title: '机加车间\t智能排产' }).map((e) => e.path)).toEqual(['title']);
    const org = organizationFieldsSchema.safeParse({
      name: '淄博鲁中\r\n精工',
      uscc: '91370100MA3C123459',
      kind: 'demander',
      city: 'zibo',
      contact: { name: '王经理\u0000', phone: '13812345678', email: 'wang\u0000@example.cn' },
      description: '简介\n第二行',
    });
    expect(org.error?.issues.map((i) => i.path.join('.'))).toEqual(['name', 'contact.name', 'contact.email']);
  });

  it('refuse what is not text at all: unpaired surrogates, noncharacters, C1 controls and DEL', () => {
    for (const bad of ['\ud800', 'a\udc00b', '\ud83d', '\ufffe', '\uffff', '\u009b', '\u0085', '\u007f']) {
      expect(isPlainText(`机加车间${bad}排产`, 'multi')).toBe(false);
    }
    expect(errorsOf({ ...needFields, title: '机加车间智能\ud800排产' }).map((e) => e.path)).toEqual([
      'title',
    ]);
  });

  it('accept ordinary Chinese, full-width punctuation and characters outside the BMP (paired surrogates)', () => {
    for (const good of ['机加车间（一期）：智能排产', '𠮷野家数字化改造 😀', '“急单”插单 — 50%', '\u00a0']) {
      expect(isPlainText(good, 'single')).toBe(true);
    }
  });
});
