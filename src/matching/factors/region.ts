import { zhLabel } from '../../domain/shared/taxonomy.js';
import type { FactorInput } from './factor.js';
import { defineFactor } from './factor.js';

type Reach = 'vendorInCity' | 'listed' | 'provinceWide' | 'elsewhere';

function reach({ need, solution, vendor }: FactorInput): Reach {
  if (vendor.city === need.city) return 'vendorInCity';
  if (solution.regionsServed.includes(need.city)) return 'listed';
  if (solution.regionsServed.includes('*')) return 'provinceWide';
  return 'elsewhere';
}

const details: Record<Reach, (city: string) => string> = {
  vendorInCity: (city) => `服务商位于${city}，同城服务`,
  listed: (city) => `服务区域覆盖${city}`,
  provinceWide: (city) => `服务范围为全省，含${city}`,
  elsewhere: (city) => `服务区域未覆盖${city}`,
};

/** Same city beats a listed city beats province-wide service; a city not served scores lowest. */
export const regionFactor = defineFactor(
  'region',
  (input) => input.config.region[reach(input)],
  (input) => details[reach(input)](zhLabel('city', input.need.city)),
);
