import { campaignDecider } from '../domain/campaign/decider.js';
import { campaignStream } from '../domain/campaign/stream.js';
import type { CampaignFacts } from '../domain/shared/campaign-facts.js';
import { readEntity } from './command-handler.js';
import type { AppDeps } from './deps.js';

/** What a submission into a campaign is checked against; an unknown campaign reads as not open. */
export async function loadCampaignFacts(deps: AppDeps, campaignId: string): Promise<CampaignFacts> {
  const { state } = await readEntity(deps.store, campaignStream(campaignId), campaignDecider);
  return {
    id: campaignId,
    status: state.status,
    kind: state.kind,
    opensAt: state.opensAt,
    closesAt: state.closesAt,
  };
}
