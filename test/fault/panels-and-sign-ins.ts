import type { AppDeps, RequestContext } from '../../src/application/deps.js';
import { addExpertAccount } from '../../src/application/expert-service.js';
import { approveNeed, createNeed, submitNeed } from '../../src/application/need-service.js';
import { setPanel } from '../../src/application/panel-service.js';
import { authenticate } from '../../src/application/user-service.js';
import type { SeedSummary } from '../../src/seed/demo-seed.js';
import { needBody } from '../api/fixtures.js';

const criteria = [
  { name: '技术方案', weight: 60 },
  { name: '报价', weight: 40 },
];

/**
 * What the demo seed leaves out, written through the services so that the `panels` and `security_log`
 * indexes have documents to lose or duplicate too: every demo account signs in (and once with a wrong
 * password), and a few needs with evaluation criteria get review panels of two experts.
 */
export async function seedPanelsAndSignIns(
  deps: AppDeps,
  staff: RequestContext,
  demo: SeedSummary,
  password: string,
): Promise<void> {
  const demanders = [];
  for (const { username, kind } of demo.accounts) {
    await authenticate(deps, username, `${password}x`).catch(() => undefined);
    const user = await authenticate(deps, username, password);
    if (kind === 'demander') demanders.push(user);
  }

  const experts = [];
  for (const n of [1, 2]) {
    const expert = await addExpertAccount(deps, staff, {
      username: `faultexpert${n}`,
      password: 'Expert1234pw',
      name: `专家${n}号`,
      technologies: ['ai'],
    });
    experts.push(expert.id);
  }

  for (const [n, demander] of demanders.slice(0, 3).entries()) {
    const owner: RequestContext = {
      actor: { userId: demander.id, orgId: demander.orgId, role: demander.role },
      correlationId: deps.newId(),
    };
    const need = await createNeed(deps, owner, { ...needBody, title: `评审需求${n}`, criteria });
    await submitNeed(deps, owner, need.id);
    await approveNeed(deps, staff, need.id);
    await setPanel(deps, staff, need.id, { expertIds: experts });
  }
}
