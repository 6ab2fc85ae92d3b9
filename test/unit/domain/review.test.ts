import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../../src/domain/need/criteria.js';
import type { ReviewCommand, SubmitReview } from '../../../src/domain/review/commands.js';
import { reviewDecider } from '../../../src/domain/review/decider.js';
import type { ReviewEvent } from '../../../src/domain/review/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { ValidationError } from '../../../src/domain/shared/errors.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(reviewDecider);

const NEED = '01900000-0000-7000-8000-00000000a001';
const ENGAGEMENT = '01900000-0000-7000-8000-00000000e001';
const VENDOR = '01900000-0000-7000-8000-00000000f001';
const EXPERT = 'u-expert';

const expert: Actor = { userId: EXPERT, orgId: null, role: 'expert' };
const otherExpert: Actor = { userId: 'u-expert-2', orgId: null, role: 'expert' };
const now = new Date('2025-03-01T08:00:00.000Z');
const at = now.toISOString();
const criteria: Criterion[] = [
  { name: '技术方案', weight: 60 },
  { name: '报价', weight: 40 },
];
const application = { id: ENGAGEMENT, needId: NEED, vendorId: VENDOR, status: 'applied' };
const scores = [
  { criterion: '报价', score: 70 },
  { criterion: '技术方案', score: 90 },
];

function review(data: Partial<SubmitReview['data']> = {}, actor: Actor = expert): ReviewCommand {
  return {
    type: 'SubmitReview',
    data: {
      review: { conflict: false, scores, comment: '方案完整' },
      application,
      criteria,
      panel: [EXPERT],
      affiliation: null,
      ...data,
    },
    context: { actor, now },
  };
}

const submitted = (over: Partial<Extract<ReviewEvent, { type: 'ReviewSubmitted' }>['data']> = {}) =>
  ({
    type: 'ReviewSubmitted',
    data: {
      engagementId: ENGAGEMENT,
      needId: NEED,
      expertId: EXPERT,
      conflict: false,
      scores: [
        { criterion: '技术方案', score: 90 },
        { criterion: '报价', score: 70 },
      ],
      comment: '方案完整',
      at,
      ...over,
    },
  }) satisfies ReviewEvent;

function fieldErrors(command: ReviewCommand): string[] {
  try {
    reviewDecider.decide(command, fold(reviewDecider, []));
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => `${e.path}: ${e.message}`);
    throw error;
  }
  throw new Error('expected the review to be refused');
}

describe('SubmitReview', () => {
  it('records a panel expert’s scores in the need’s order of criteria', () =>
    spec([]).when(review()).then([submitted()]));
  it('records a declared conflict with no scores', () =>
    spec([])
      .when(review({ review: { conflict: true } }))
      .then([submitted({ conflict: true, scores: [], comment: null })]));
  it('refuses a second review by the same expert', () =>
    spec([submitted()]).when(review()).thenThrows('review.already_submitted', 409));
  it('refuses an expert not on the need’s panel', () =>
    spec([]).when(review({}, otherExpert)).thenThrows('review.not_on_panel', 403));
  for (const [who, actor] of [
    ['staff', { userId: EXPERT, orgId: null, role: 'staff' }],
    ['a vendor', { userId: EXPERT, orgId: VENDOR, role: 'vendor' }],
    ['a demander', { userId: EXPERT, orgId: 'org-d', role: 'demander' }],
    ['the anonymous', { userId: null, orgId: null, role: 'anonymous' }],
  ] as const) {
    it(`refuses ${who}`, () => spec([]).when(review({}, actor)).thenThrows('review.expert_only', 403));
  }
  it('refuses an expert from the applying vendor’s organization, even declaring a conflict', () => {
    spec([])
      .when(review({ affiliation: VENDOR }))
      .thenThrows('review.own_organization', 403);
    spec([])
      .when(review({ affiliation: VENDOR, review: { conflict: true } }))
      .thenThrows('review.own_organization', 403);
  });
  it('takes an expert from another organization', () =>
    spec([])
      .when(review({ affiliation: '01900000-0000-7000-8000-00000000f002' }))
      .then([submitted()]));
  for (const status of ['recommended', 'declined', 'withdrawn']) {
    it(`refuses an application that is ${status}`, () =>
      spec([])
        .when(review({ application: { ...application, status } }))
        .thenThrows('review.not_reviewable', 409));
  }
  it('refuses when the need declares no criteria', () =>
    spec([])
      .when(review({ criteria: [] }))
      .thenThrows('review.no_criteria', 409));
  it('refuses scores beside a declared conflict', () =>
    expect(fieldErrors(review({ review: { conflict: true, scores } }))).toEqual([
      'scores: 声明回避的评审不打分',
    ]));
  it('refuses scores that miss, repeat or invent a criterion', () => {
    expect(fieldErrors(review({ review: { conflict: false, scores: [scores[1] ?? scores[0]!] } }))).toEqual([
      'scores: 请为评审标准打分：报价',
    ]);
    const repeated = [...scores, { criterion: '报价', score: 10 }];
    expect(fieldErrors(review({ review: { conflict: false, scores: repeated } }))).toEqual([
      'scores.2.criterion: 评审标准“报价”打了两次分',
    ]);
    const invented = [...scores, { criterion: '服务', score: 10 }];
    expect(fieldErrors(review({ review: { conflict: false, scores: invented } }))).toEqual([
      'scores.2.criterion: 需求没有评审标准“服务”',
    ]);
  });
});
