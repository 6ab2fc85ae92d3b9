/**
 * What a need or solution decision needs to know about the campaign it is submitted into. The service
 * reads the campaign's stream and passes these plain values in the command, so deciders stay pure.
 */
export interface CampaignFacts {
  id: string;
  status: 'initial' | 'open' | 'closed' | 'published';
  kind: 'needs' | 'solutions' | 'both';
  opensAt: string;
  closesAt: string;
}

/** Why a campaign refuses an item now, or null when it accepts it. */
export function campaignRefusal(
  campaign: CampaignFacts | null,
  campaignId: string,
  item: 'need' | 'solution',
  now: Date,
): 'not_open' | 'kind_mismatch' | null {
  if (!campaign || campaign.id !== campaignId || campaign.status !== 'open') return 'not_open';
  const time = now.getTime();
  if (time < Date.parse(campaign.opensAt) || time >= Date.parse(campaign.closesAt)) return 'not_open';
  if (campaign.kind !== 'both' && campaign.kind !== `${item}s`) return 'kind_mismatch';
  return null;
}
