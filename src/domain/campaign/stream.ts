/** The stream holding a collection campaign's events. */
export const campaignStream = (campaignId: string) => `campaign-${campaignId}`;
