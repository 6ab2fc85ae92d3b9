import type { Option } from '../components/form.js';
import type { WebDeps } from '../deps.js';
import { campaignList } from '../reads.js';

/** Campaigns a need or solution can be entered into now: open, inside their window, collecting that kind. */
export async function openCampaignOptions(deps: WebDeps, kind: 'needs' | 'solutions'): Promise<Option[]> {
  const now = deps.app.clock().getTime();
  const campaigns = await campaignList(deps.http.search);
  return campaigns
    .filter(
      (k) =>
        k.status === 'open' &&
        (k.kind === kind || k.kind === 'both') &&
        Date.parse(k.opensAt) <= now &&
        now < Date.parse(k.closesAt),
    )
    .map((k) => ({ value: k.id, label: k.title }));
}
