import { describe, expect, it } from 'vitest';
import { assessNeed, type NeedDraft, repeatsTitle } from '../../../src/domain/need/completeness.js';
import { needHints } from '../../../src/domain/need/messages.js';

/** A need that says everything a vendor needs: every check passes. */
const complete: NeedDraft = {
  title: '智能质检产线改造',
  description:
    '我们有三条汽车零部件生产线，目前由质检员在产线末端人工目检表面划痕、压伤和锈斑，夜班漏检明显。希望利用机器视觉实现表面缺陷在线检测，与现有MES系统对接，检测结果自动回传并触发分拣，替代人工目检。',
  technologies: ['ai', 'machine-vision'],
  budgetWan: { min: 50, max: 120 },
  problem: '三条产线共12名质检员三班倒人工目检，漏检率约3%，每年因客户退货损失约200万元。',
  goals: '实现全部产线表面缺陷的自动在线检测，质检人员转岗复核，客户退货明显减少。',
  requirements: '本地部署，不依赖外网；与现有MES通过接口对接；节拍不低于每分钟60件。',
  acceptanceCriteria: ['缺陷检出率不低于99%', '误报率不高于2%'],
  periodMonths: 6,
};

const fieldsOf = (draft: NeedDraft) => assessNeed(draft).hints.map((h) => h.field);
const messagesOf = (draft: NeedDraft) => assessNeed(draft).hints.map((h) => h.message);

describe('assessNeed', () => {
  it('gives a need that says everything 100 and no hint', () => {
    expect(assessNeed(complete)).toEqual({ score: 100, hints: [] });
  });

  it('gives an empty draft 0 and one hint per part, in the order of the form', () => {
    const { score, hints } = assessNeed({});
    expect(score).toBe(0);
    expect(hints.map((h) => h.field)).toEqual([
      'description',
      'problem',
      'goals',
      'requirements',
      'acceptanceCriteria',
      'periodMonths',
      'budgetWan',
      'technologies',
    ]);
    for (const hint of hints) expect(hint.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('asks for a description long enough to match on, saying how long it is', () => {
    const { score, hints } = assessNeed({
      ...complete,
      description: '需要视觉检测系统替代人工目检表面缺陷。',
    });
    expect(score).toBe(85);
    expect(hints).toEqual([{ field: 'description', message: needHints.descriptionShort(19) }]);
    expect(hints[0]?.message).toContain('19个字');
  });

  it('asks for a figure in a problem that has none', () => {
    const draft = { ...complete, problem: '人工目检效率低，漏检较多，客户投诉不断。' };
    expect(assessNeed(draft)).toEqual({
      score: 90,
      hints: [{ field: 'problem', message: needHints.problemWithoutFigure }],
    });
  });

  it('takes a Chinese numeral with its unit as a figure, but not a numeral inside a word', () => {
    expect(messagesOf({ ...complete, problem: '每天人工巡检四小时，效率低。' })).toEqual([]);
    expect(messagesOf({ ...complete, problem: '三方系统之间数据不通，效率低。' })).toEqual([
      needHints.problemWithoutFigure,
    ]);
  });

  it('asks for the problem when it is missing, and only once', () => {
    expect(assessNeed({ ...complete, problem: '  ' })).toEqual({
      score: 80,
      hints: [{ field: 'problem', message: needHints.problemMissing }],
    });
  });

  it('says when the goals only repeat the title', () => {
    expect(assessNeed({ ...complete, goals: '智能质检产线改造。' })).toEqual({
      score: 95,
      hints: [{ field: 'goals', message: needHints.goalsRepeatTitle }],
    });
    expect(fieldsOf({ ...complete, goals: '实现智能质检产线改造' })).toEqual(['goals']);
  });

  it('asks for the goals when they are missing', () => {
    expect(assessNeed({ ...complete, goals: null })).toEqual({
      score: 85,
      hints: [{ field: 'goals', message: needHints.goalsMissing }],
    });
  });

  it('asks for the technical requirements when they are missing', () => {
    expect(assessNeed({ ...complete, requirements: '' })).toEqual({
      score: 90,
      hints: [{ field: 'requirements', message: needHints.requirementsMissing }],
    });
  });

  it('asks for a measurable acceptance criterion when none holds a figure', () => {
    expect(assessNeed({ ...complete, acceptanceCriteria: ['检测准确', '系统稳定运行'] })).toEqual({
      score: 85,
      hints: [{ field: 'acceptanceCriteria', message: needHints.criteriaNotMeasurable }],
    });
  });

  it('asks for acceptance criteria when there are none (blank lines do not count)', () => {
    expect(assessNeed({ ...complete, acceptanceCriteria: ['', ' '] })).toEqual({
      score: 80,
      hints: [{ field: 'acceptanceCriteria', message: needHints.criteriaMissing }],
    });
  });

  it('asks for the implementation period', () => {
    expect(assessNeed({ ...complete, periodMonths: null })).toEqual({
      score: 95,
      hints: [{ field: 'periodMonths', message: needHints.periodMissing }],
    });
  });

  it('asks for a budget when its upper bound is 0', () => {
    expect(assessNeed({ ...complete, budgetWan: { min: 0, max: 0 } })).toEqual({
      score: 90,
      hints: [{ field: 'budgetWan', message: needHints.budgetMissing }],
    });
  });

  it('asks for the technologies when none is chosen', () => {
    expect(assessNeed({ ...complete, technologies: [] })).toEqual({
      score: 95,
      hints: [{ field: 'technologies', message: needHints.technologiesMissing }],
    });
  });
});

describe('repeatsTitle', () => {
  it.each([
    ['the same words', '智能质检产线改造', '智能质检产线改造', true],
    ['the title with punctuation', '智能质检、产线改造！', '智能质检产线改造', true],
    ['a part of the title', '产线改造', '智能质检产线改造', true],
    ['goals that say what is to be reached', '漏检率降到0.5%以下，质检员转岗复核', '智能质检产线改造', false],
    ['no title yet', '漏检率降到0.5%以下', '', false],
  ])('%s', (_, goals, title, expected) => {
    expect(repeatsTitle(goals, title)).toBe(expected);
  });
});
