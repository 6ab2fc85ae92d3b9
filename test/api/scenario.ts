import { applicationBody, needBody, solutionBody } from './fixtures.js';
import { registerOrg, registrationBody, START, type TestApi, type TestOrg } from './support.js';

type Json = Record<string, unknown>;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Two demanders, two vendors and staff on one test API, with helpers that bring a fresh need, solution,
 * engagement, campaign, organization or case to a given state through the API itself.
 */
export async function createScenario(api: TestApi) {
  const staff = (await api.createStaff()).token;
  const [demander, demander2, vendor, vendor2] = await Promise.all([
    registerOrg(api, 'demander', staff),
    registerOrg(api, 'demander', staff),
    registerOrg(api, 'vendor', staff),
    registerOrg(api, 'vendor', staff),
  ]);

  async function call(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<Json> {
    const res = await api.request(method, path, {
      ...(token ? { token } : {}),
      ...(body === undefined ? {} : { body }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Json;
  }
  const id = (json: Json) => json.id as string;

  async function need(
    state: 'draft' | 'submitted' | 'published',
    owner: TestOrg = demander,
  ): Promise<string> {
    const needId = id(await call('POST', '/api/v1/needs', owner.token, needBody));
    if (state === 'draft') return needId;
    await call('POST', `/api/v1/needs/${needId}/submit`, owner.token);
    if (state === 'submitted') return needId;
    await call('POST', `/api/v1/needs/${needId}/approve`, staff);
    return needId;
  }

  async function solution(
    state: 'draft' | 'submitted' | 'published',
    owner: TestOrg = vendor,
  ): Promise<string> {
    const solutionId = id(await call('POST', '/api/v1/solutions', owner.token, solutionBody));
    if (state === 'draft') return solutionId;
    await call('POST', `/api/v1/solutions/${solutionId}/submit`, owner.token);
    if (state === 'submitted') return solutionId;
    await call('POST', `/api/v1/solutions/${solutionId}/approve`, staff);
    return solutionId;
  }

  const vendorSolution = await solution('published');

  type EngagementState =
    | 'recommended'
    | 'applied'
    | 'shortlisted'
    | 'meeting_scheduled'
    | 'signed'
    | 'delivered'
    | 'rated';
  const steps: EngagementState[] = [
    'applied',
    'shortlisted',
    'meeting_scheduled',
    'signed',
    'delivered',
    'rated',
  ];

  async function engagement(state: EngagementState): Promise<string> {
    const needId = await need('published');
    if (state === 'recommended') {
      return id(
        await call('POST', `/api/v1/needs/${needId}/recommendations`, staff, { solutionId: vendorSolution }),
      );
    }
    const engagementId = id(
      await call(
        'POST',
        `/api/v1/needs/${needId}/applications`,
        vendor.token,
        applicationBody(vendorSolution),
      ),
    );
    const at = (path: string) => `/api/v1/engagements/${engagementId}/${path}`;
    for (const step of steps.slice(1, steps.indexOf(state) + 1)) {
      if (step === 'shortlisted') await call('POST', at('shortlist'), demander.token, { shareContact: true });
      if (step === 'meeting_scheduled') {
        // Now, so that delivery (which may not come before the meeting) can follow at once.
        const meeting = { at: api.clock().toISOString(), location: '济南市历下区' };
        await call('POST', at('schedule-meeting'), demander.token, meeting);
      }
      if (step === 'signed') {
        await call('POST', at('sign'), demander.token, { amountWan: 80 });
        await call('POST', at('sign'), vendor.token, { amountWan: 80 });
      }
      if (step === 'delivered') await call('POST', at('deliver'), demander.token);
      if (step === 'rated') {
        await call('POST', at('rate'), demander.token, { score: 5, comment: '交付及时' });
        await call('POST', at('rate'), vendor.token, { score: 5, comment: '配合顺畅' });
      }
    }
    return engagementId;
  }

  async function org(state: 'pending' | 'verified' | 'suspended'): Promise<string> {
    const created = await call('POST', '/api/v1/orgs', undefined, registrationBody('demander'));
    const orgId = id(created.org as Json);
    if (state === 'pending') return orgId;
    await call('POST', `/api/v1/orgs/${orgId}/verify`, staff);
    if (state === 'suspended')
      await call('POST', `/api/v1/orgs/${orgId}/suspend`, staff, { reason: '资料不实' });
    return orgId;
  }

  const campaignBody = () => ({
    title: '2025年场景需求征集',
    kind: 'both',
    opensAt: new Date(START.getTime() - DAY).toISOString(),
    closesAt: new Date(START.getTime() + 30 * DAY).toISOString(),
  });

  async function campaign(state: 'open' | 'closed'): Promise<string> {
    const campaignId = id(await call('POST', '/api/v1/campaigns', staff, campaignBody()));
    if (state === 'closed') await call('POST', `/api/v1/campaigns/${campaignId}/close`, staff);
    return campaignId;
  }

  async function promotedCase(): Promise<string> {
    const engagementId = await engagement('rated');
    return id(await call('POST', `/api/v1/engagements/${engagementId}/promote-case`, staff, caseBody));
  }

  return {
    staff,
    demander,
    demander2,
    vendor,
    vendor2,
    vendorSolution,
    need,
    solution,
    engagement,
    org,
    campaign,
    campaignBody,
    promotedCase,
  };
}

export const caseBody = { summary: '机器视觉替代人工目检，漏检率下降九成，可在同类产线复用。' };

export type Scenario = Awaited<ReturnType<typeof createScenario>>;
