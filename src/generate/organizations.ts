import type { Contact } from '../domain/shared/fields.js';
import { cities, zhLabel } from '../domain/shared/taxonomy.js';
import { usccCheckCharacter } from '../domain/shared/uscc.js';
import { enumerate } from './compose.js';
import {
  brandCharacters,
  cityDivisionCodes,
  demanderNouns,
  givenNames,
  publicBodies,
  surnames,
  vendorNouns,
} from './names.js';
import type { Random } from './random.js';
import type { GeneratedOrganization } from './records.js';
import type { Theme } from './themes.js';

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const QUALIFICATIONS = [
  'high-tech',
  'specialized-sme',
  'little-giant',
  'dcmm-2',
  'iso27001',
  'mlps-3',
  'cmmi-3',
];

/**
 * Makes organizations with unique names and unique, checksum-valid 统一社会信用代码. The code's body
 * carries the organization's sequence number, so codes never collide within a run; `runTag` (from the
 * seed) keeps two runs with different seeds apart.
 */
export function createOrganizationFactory(random: Random, runTag: string) {
  const names = new Set<string>();
  let sequence = 0;

  const uscc = (prefix: string, city: string) => {
    sequence++;
    let n = sequence;
    let body = '';
    for (let i = 0; i < 6; i++) {
      body = USCC_ALPHABET[n % 31] + body;
      n = Math.floor(n / 31);
    }
    const first17 = `${prefix}${cityDivisionCodes[city]}${runTag}${body}`;
    return first17 + usccCheckCharacter(first17);
  };

  const brand = () => random.sample([...brandCharacters], 2).join('');

  const contact = (): Contact => {
    const [surname, surnamePinyin] = random.pick(surnames);
    const [given, givenPinyin] = random.pick(givenNames);
    const phone = `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
    return {
      name: surname + given,
      phone,
      email: `${givenPinyin}.${surnamePinyin}${random.int(1, 999)}@example.com`,
    };
  };

  const unique = (candidates: () => string) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const name = candidates();
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
    // Past fifty collisions the banks are saturated for this combination: a branch name is still believable.
    const name = `${candidates().replace(/有限公司$/, '')}第${sequence + 1}分公司`;
    names.add(name);
    return name;
  };

  return {
    demander(industry: string): GeneratedOrganization {
      const city = random.pick(cities).code;
      const cityName = zhLabel('city', city);
      const bodies = publicBodies[industry];
      const isPublic = bodies !== undefined;
      const name = unique(() =>
        isPublic
          ? `${cityName}市${random.chance(0.3) ? brand() : ''}${random.pick(bodies)}`
          : `${cityName}${brand()}${random.pick(demanderNouns[industry] ?? ['实业'])}${random.pick(['有限公司', '股份有限公司', '集团有限公司'])}`,
      );
      return {
        type: 'organization',
        key: '',
        kind: 'demander',
        name,
        uscc: uscc(isPublic ? '11' : '91', city),
        city,
        contact: contact(),
        qualifications: [],
        description: '',
      };
    },

    vendor(theme: Theme): GeneratedOrganization {
      const city = random.chance(0.4) ? 'jinan' : random.chance(0.4) ? 'qingdao' : random.pick(cities).code;
      const place = random.chance(0.2) ? '山东' : zhLabel('city', city);
      const noun = random.pick(vendorNouns[theme.technologies[0]!] ?? ['信息']);
      const name = unique(
        () => `${place}${brand()}${noun}${random.pick(['科技有限公司', '技术有限公司', '信息技术有限公司'])}`,
      );
      const industries = enumerate(theme.industries.slice(0, 3).map((code) => zhLabel('industry', code)));
      return {
        type: 'organization',
        key: '',
        kind: 'vendor',
        name,
        uscc: uscc('91', city),
        city,
        contact: contact(),
        qualifications: random.sample(QUALIFICATIONS, random.int(0, 3)),
        description: `专注${theme.technologies
          .slice(0, 2)
          .map((c) => zhLabel('technology', c))
          .join('、')}应用，为${industries}等行业客户提供${random.pick(theme.systems)}等产品和服务。`,
      };
    },
  };
}
