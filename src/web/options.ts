import { industries, qualifications, scenarioTypes, technologies } from '../domain/shared/taxonomy.js';
import { currentCities } from './city-names.js';
import type { Option } from './components/form.js';
import { campaignKindLabels, deploymentLabels, orgKindLabels } from './labels.js';

/** The choices of the forms' selects and checkbox groups, labelled in Chinese from the taxonomy. */
export const industryOptions: Option[] = industries.map((i) => ({ value: i.code, label: i.zh }));
export const scenarioTypeOptions: Option[] = scenarioTypes.map((s) => ({ value: s.code, label: s.zh }));
export const technologyOptions: Option[] = technologies.map((t) => ({ value: t.code, label: t.zh }));
/** The cities known when the page is drawn: the province's 16, then those province staff added. */
export const cityOptions = (): Option[] =>
  currentCities().cities.map((c) => ({ value: c.code, label: `${c.zh}市` }));
export const regionOptions = (): Option[] => [{ value: '*', label: '全省' }, ...cityOptions()];
export const qualificationOptions: Option[] = qualifications.map((q) => ({ value: q.code, label: q.zh }));
export const deploymentOptions: Option[] = Object.entries(deploymentLabels).map(([value, label]) => ({
  value,
  label,
}));
export const orgKindOptions: Option[] = Object.entries(orgKindLabels).map(([value, label]) => ({
  value,
  label,
}));
export const campaignKindOptions: Option[] = Object.entries(campaignKindLabels).map(([value, label]) => ({
  value,
  label,
}));
