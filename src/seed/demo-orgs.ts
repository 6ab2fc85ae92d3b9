import { createHash } from 'node:crypto';
import type { OrganizationKind } from '../domain/organization/state.js';
import type { Contact } from '../domain/shared/fields.js';
import { usccCheckCharacter } from '../domain/shared/uscc.js';
import { cityDivisionCodes, givenNames, surnames } from '../generate/names.js';
import { createRandom } from '../generate/random.js';
import type { DemoDataset } from './demo-dataset.js';

/** One organization of the demo, with everything registration asks, derived from its dataset key. */
export interface DemoOrganization {
  key: string;
  kind: OrganizationKind;
  name: string;
  uscc: string;
  city: string;
  contact: Contact;
  qualifications: string[];
  description: string;
  username: string;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 统一社会信用代码 prefixes: 91 enterprise, 12 public institution, 11 government body. */
const registrationPrefix: Record<string, string> = { enterprise: '91', institution: '12', government: '11' };

/** The same key always gives the same, checksum-valid code, so a second seed run finds the first run's. */
function demoUscc(key: string, prefix: string, city: string): string {
  const digest = createHash('sha256').update(`yunsupei-demo:${key}`).digest();
  const body = Array.from(digest.subarray(0, 9), (byte) => USCC_ALPHABET[byte % 31]).join('');
  const first17 = `${prefix}${cityDivisionCodes[city] ?? '370000'}${body}`;
  return first17 + usccCheckCharacter(first17);
}

function demoContact(key: string): Contact {
  const random = createRandom(`demo-contact:${key}`);
  const [surname, surnamePinyin] = random.pick(surnames);
  const [given, givenPinyin] = random.pick(givenNames);
  const phone = `1${random.pick(['3', '5', '8'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
  return { name: surname + given, phone, email: `${givenPinyin}.${surnamePinyin}@example.com` };
}

/** Each need's poster (the dataset has one need per organization) and each vendor. */
export function demoOrganizations(dataset: DemoDataset): DemoOrganization[] {
  const demanders = dataset.needs.map(
    (need): DemoOrganization => ({
      key: need.key,
      kind: 'demander',
      name: need.orgName,
      uscc: demoUscc(need.key, registrationPrefix[need.orgKind] ?? '91', need.city),
      city: need.city,
      contact: demoContact(need.key),
      qualifications: [],
      description: '',
      username: `demo-${need.key.toLowerCase()}`,
    }),
  );
  const vendors = dataset.vendors.map(
    (vendor): DemoOrganization => ({
      key: vendor.key,
      kind: 'vendor',
      name: vendor.name,
      uscc: demoUscc(vendor.key, '91', vendor.city),
      city: vendor.city,
      contact: demoContact(vendor.key),
      qualifications: vendor.qualifications,
      description: vendor.description,
      username: `demo-${vendor.key.toLowerCase()}`,
    }),
  );
  return [...demanders, ...vendors];
}
