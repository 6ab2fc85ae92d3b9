import { type NeedFields, needFieldsSchema } from '../domain/need/commands.js';
import { type Contact, contactSchema } from '../domain/shared/fields.js';
import type { NeedField } from '../sheet/list-columns.js';
import {
  parseCity,
  parseDate,
  parseIndustry,
  parseScenarioType,
  parseTechnologies,
  parseWanRange,
} from './cells.js';
import { importMessages as m } from './messages.js';
import type { RowCheck } from './rows.js';
import { inferScenarioType, scenarioTypeLabel } from './scenario-inference.js';

const contactFields: Record<string, NeedField> = {
  name: 'contactName',
  phone: 'contactPhone',
  email: 'contactEmail',
};

export function needFieldOfPath(path: string): NeedField {
  const [head, sub] = path.split('.');
  if (head === 'contact') return contactFields[sub ?? ''] ?? 'contactName';
  return (head || 'title') as NeedField;
}

/**
 * A need row as the need API would receive it, or undefined with the row's issues in `check`.
 * `orgContact` is the owner's contact when the owner is known: a row that names a contact person
 * without an e-mail borrows the organization's address (the domain requires one).
 */
export function readNeedRow(
  check: RowCheck,
  options: { orgContact: Contact | null; campaignId?: string },
): NeedFields | undefined {
  const title = check.cell('title');
  const description = check.cell('description');
  for (const field of ['title', 'description', 'industry', 'city', 'budgetWan'] as const) {
    if (!check.cell(field)) check.fail(field, m.required(check.column(field)));
  }
  const industry = check.parse('industry', parseIndustry);
  const city = check.parse('city', parseCity);
  const budgetWan = check.parse('budgetWan', parseWanRange);
  const technologies = check.parse('technologies', parseTechnologies) ?? [];
  const deadline = check.parse('deadline', parseDate);
  const scenarioType = check.cell('scenarioType')
    ? check.parse('scenarioType', parseScenarioType)
    : inferredScenarioType(check, title, description);
  const contact = readContact(check, options.orgContact);

  return check.validate(
    needFieldsSchema,
    {
      title,
      description,
      industry,
      scenarioType,
      technologies,
      city,
      budgetWan,
      ...(deadline ? { deadline } : {}),
      ...(options.campaignId ? { campaignId: options.campaignId } : {}),
      ...(contact ? { contact } : {}),
    },
    needFieldOfPath,
  );
}

function inferredScenarioType(check: RowCheck, title: string, description: string): string | undefined {
  const inferred = inferScenarioType(title, description);
  if (inferred) check.warn('scenarioType', m.scenarioTypeInferred(scenarioTypeLabel(inferred)));
  else check.fail('scenarioType', m.scenarioTypeUnknowable);
  return inferred;
}

function readContact(check: RowCheck, orgContact: Contact | null): Partial<Contact> | undefined {
  const name = check.cell('contactName');
  const phone = check.cell('contactPhone');
  const email = check.cell('contactEmail');
  if (!name && !phone && !email) return undefined;
  if (!name || !phone) {
    check.fail(name ? 'contactPhone' : 'contactName', m.contactIncomplete);
    return undefined;
  }
  if (email) return { name, phone, email };
  if (orgContact) {
    check.warn('contactEmail', m.emailFromOrg);
    return { name, phone, email: orgContact.email };
  }
  // The row is refused for its unknown organization already; the person and phone are still checked.
  check.validate(
    contactSchema.pick({ name: true, phone: true }),
    { name, phone },
    (path) => contactFields[path]!,
  );
  return undefined;
}
