import { type SolutionFields, solutionFieldsSchema } from '../domain/solution/commands.js';
import type { SolutionField } from '../sheet/list-columns.js';
import {
  parseDeployment,
  parseIndustries,
  parseRegions,
  parseScenarioTypes,
  parseTechnologies,
  parseWanRange,
} from './cells.js';
import { importMessages as m } from './messages.js';
import type { RowCheck } from './rows.js';
import { inferScenarioType, scenarioTypeLabel } from './scenario-inference.js';

export function solutionFieldOfPath(path: string): SolutionField {
  const [head] = path.split('.');
  return (head || 'title') as SolutionField;
}

const REQUIRED = [
  'title',
  'description',
  'industries',
  'technologies',
  'regionsServed',
  'priceWan',
  'deployment',
] as const;

/** A solution row as the solution API would receive it, or undefined with the row's issues in `check`. */
export function readSolutionRow(
  check: RowCheck,
  options: { campaignId?: string },
): SolutionFields | undefined {
  const title = check.cell('title');
  const description = check.cell('description');
  for (const field of REQUIRED) {
    if (!check.cell(field)) check.fail(field, m.required(check.column(field)));
  }
  let scenarioTypes = check.parse('scenarioTypes', parseScenarioTypes);
  if (!check.cell('scenarioTypes')) {
    const inferred = inferScenarioType(title, description);
    if (inferred) {
      check.warn('scenarioTypes', m.scenarioTypeInferred(scenarioTypeLabel(inferred)));
      scenarioTypes = [inferred];
    } else {
      check.fail('scenarioTypes', m.scenarioTypeUnknowable);
    }
  }
  return check.validate(
    solutionFieldsSchema,
    {
      title,
      description,
      industries: check.parse('industries', parseIndustries),
      scenarioTypes,
      technologies: check.parse('technologies', parseTechnologies),
      regionsServed: check.parse('regionsServed', parseRegions),
      priceWan: check.parse('priceWan', parseWanRange),
      deployment: check.parse('deployment', parseDeployment),
      ...(options.campaignId ? { campaignId: options.campaignId } : {}),
    },
    solutionFieldOfPath,
  );
}
