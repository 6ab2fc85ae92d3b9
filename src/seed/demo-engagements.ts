import { getCase, promoteCase, recordCaseReplication } from '../application/case-service.js';
import type { AppDeps, RequestContext } from '../application/deps.js';
import {
  applyToNeed,
  confirmDelivery,
  declineEngagement,
  getEngagement,
  rateEngagement,
  recommendSolution,
  scheduleMeeting,
  shortlistEngagement,
  signEngagement,
} from '../application/engagement-service.js';
import type { LedgerClaim } from '../application/import-ledger.js';
import { withClaimedId } from '../application/listing-loader.js';
import { getNeed } from '../application/need-service.js';
import type { EngagementState, EngagementStatus } from '../domain/engagement/state.js';
import { NotFoundError } from '../domain/shared/errors.js';
import type { DemoPlan, EngagementTarget, PlannedCase, PlannedEngagement } from './demo-plan.js';
import { DELIVERY_DAYS } from './demo-plan.js';

/** One thing that happens in the demo's history, on its day. */
export interface SeedStep {
  day: number;
  run(): Promise<void>;
}

export interface EngagementEnv {
  deps: AppDeps;
  depsAt(day: number): AppDeps;
  staff: RequestContext;
  realNow: Date;
  actorOf(orgKey: string): Promise<RequestContext>;
  needId(needKey: string): string;
  solutionId(solutionKey: string): string;
  vendorOf(solutionKey: string): string;
  vendorName(vendorKey: string): string;
  /** The engagement's id from the ledger: the ledger only maps keys to ids here, each step checks the state. */
  claim(what: string, day: number): Promise<LedgerClaim>;
}

const FLOW: EngagementStatus[] = [
  'initial',
  'recommended',
  'applied',
  'shortlisted',
  'meeting_scheduled',
  'signed',
  'delivered',
  'rated',
];
const reached = (state: EngagementState, status: EngagementStatus) =>
  FLOW.indexOf(state.status) >= FLOW.indexOf(status);

const TARGET_STAGE: Record<EngagementTarget, number> = {
  recommended: 0,
  declined: 0,
  applied: 0,
  shortlisted: 1,
  meeting_scheduled: 2,
  signed: 3,
  rated: 4,
};

const DAY_MS = 86_400_000;
const demanderComments = [
  '实施团队专业，按期上线，效果达到预期。',
  '响应及时，系统运行稳定，培训到位。',
  '交付规范，后续运维服务有保障。',
];
const vendorComments = ['需求方配合积极，验收流程清晰。', '对接顺畅，需求明确，付款及时。'];

/** Each planned engagement's steps, each run only if the engagement has not passed it yet. */
export function engagementSteps(plan: DemoPlan, env: EngagementEnv): SeedStep[] {
  const steps: SeedStep[] = [];
  const ids = new Map<string, string>();
  const engagementId = async (engagement: PlannedEngagement) => {
    const known = ids.get(engagement.key);
    if (known) return known;
    const { itemId } = await env.claim(`engagement:${engagement.key}`, engagement.startDay);
    ids.set(engagement.key, itemId);
    return itemId;
  };
  const current = async (id: string): Promise<EngagementState> => {
    try {
      return (await getEngagement(env.deps, id)).state;
    } catch (error) {
      if (error instanceof NotFoundError) return { status: 'initial' } as EngagementState;
      throw error;
    }
  };

  for (const engagement of plan.engagements) {
    const { need, solution, target, startDay } = engagement;
    const vendorKey = env.vendorOf(solution.key);
    const step = (
      offset: number,
      due: (state: EngagementState) => boolean | Promise<boolean>,
      act: (id: string, deps: AppDeps) => Promise<unknown>,
    ) =>
      steps.push({
        day: startDay + offset,
        run: async () => {
          const id = await engagementId(engagement);
          if (await due(await current(id))) await act(id, env.depsAt(startDay + offset));
        },
      });
    const demander = () => env.actorOf(need.key);
    const needIsIn = async (...statuses: string[]) =>
      statuses.includes((await getNeed(env.deps, env.needId(need.key))).state.status);
    const vendor = () => env.actorOf(vendorKey);
    const stage = TARGET_STAGE[target];

    step(
      0,
      (s) => s.status === 'initial',
      async (id, deps) => {
        const needId = env.needId(need.key);
        const solutionId = env.solutionId(solution.key);
        if (target === 'recommended')
          return recommendSolution(withClaimedId(deps, id), env.staff, needId, { solutionId });
        const proposal = `${env.vendorName(vendorKey)}拟以“${solution.title}”承接本需求，已在同类场景落地，计划${3 + (solution.title.length % 4)}个月内完成实施并提供一年运维。`;
        return applyToNeed(withClaimedId(deps, id), await vendor(), needId, {
          solutionId,
          proposal,
          quoteWan: engagement.quoteWan,
        });
      },
    );
    if (target === 'declined') {
      step(
        12,
        (s) => s.status === 'applied',
        async (id, deps) =>
          declineEngagement(deps, await demander(), id, { reason: '经综合比选，已选定其他服务商' }),
      );
    }
    if (stage >= 1)
      step(
        3,
        (s) => !reached(s, 'shortlisted'),
        // The demo's demanders consent to show their contact to the vendors they shortlist.
        async (id, deps) => shortlistEngagement(deps, await demander(), id, { shareContact: true }),
      );
    if (stage >= 2) {
      const meetingAt =
        'daysFromToday' in engagement.meeting
          ? new Date(env.realNow.getTime() + engagement.meeting.daysFromToday * DAY_MS)
          : new Date(env.depsAt(startDay + engagement.meeting.daysFromStart).clock());
      meetingAt.setUTCHours(1, 30, 0, 0);
      step(
        4,
        (s) => !reached(s, 'meeting_scheduled'),
        async (id, deps) =>
          scheduleMeeting(deps, await demander(), id, {
            at: meetingAt.toISOString(),
            location: `${need.orgName}会议室`,
          }),
      );
    }
    if (stage >= 3) {
      const amountWan = engagement.quoteWan;
      step(
        10,
        (s) => !s.signatures?.vendor && !reached(s, 'signed'),
        async (id, deps) => signEngagement(deps, await vendor(), id, { amountWan }),
      );
      // Signing again with the same amount is a no-op that reruns the follow-up (the need going
      // in_progress), so a run cut off between the two finishes it here.
      step(
        11,
        async (s) => !reached(s, 'signed') || !(await needIsIn('in_progress', 'fulfilled')),
        async (id, deps) => signEngagement(deps, await demander(), id, { amountWan }),
      );
    }
    if (stage >= 4) {
      step(
        DELIVERY_DAYS,
        async (s) => !reached(s, 'delivered') || !(await needIsIn('fulfilled')),
        async (id, deps) => confirmDelivery(deps, await demander(), id),
      );
      const pick = (comments: string[]) => comments[need.title.length % comments.length]!;
      step(
        DELIVERY_DAYS + 2,
        (s) => !s.ratings?.demander,
        async (id, deps) =>
          rateEngagement(deps, await demander(), id, {
            score: need.title.length % 3 === 0 ? 4 : 5,
            comment: pick(demanderComments),
          }),
      );
      step(
        DELIVERY_DAYS + 3,
        (s) => !s.ratings?.vendor,
        async (id, deps) =>
          rateEngagement(deps, await vendor(), id, { score: 5, comment: pick(vendorComments) }),
      );
    }
  }
  for (const planned of plan.cases) steps.push(...caseSteps(planned, env, ids));
  return steps;
}

function caseSteps(planned: PlannedCase, env: EngagementEnv, ids: Map<string, string>): SeedStep[] {
  const caseOf = async (id: string) => {
    try {
      return (await getCase(env.deps, id)).state;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  };
  // The case takes its engagement's id; the engagement's steps ran earlier in the timetable.
  const engagementId = () => ids.get(planned.engagementKey)!;
  const vendorKey = env.vendorOf(planned.solution.key);
  const steps: SeedStep[] = [
    {
      day: planned.day,
      run: async () => {
        if (await caseOf(engagementId())) return;
        const summary = `${planned.need.orgName}在平台发布“${planned.need.title}”需求，经云速配与${env.vendorName(vendorKey)}对接，采用“${planned.solution.title}”完成建设并通过验收，为同类单位提供了可复制的经验。`;
        await promoteCase(env.depsAt(planned.day), env.staff, engagementId(), { summary });
      },
    },
  ];
  const city = planned.replicateTo;
  if (city) {
    steps.push({
      day: planned.day + 10,
      run: async () => {
        const state = await caseOf(engagementId());
        if (!state || state.replicatedTo.some((r) => r.city === city)) return;
        await recordCaseReplication(env.depsAt(planned.day + 10), env.staff, engagementId(), {
          city,
          note: '参照原案例方案部署，实施周期缩短近一半',
        });
      },
    });
  }
  return steps;
}
