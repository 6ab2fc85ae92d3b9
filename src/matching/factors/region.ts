import { zhLabel } from '../../domain/shared/taxonomy.js';
import { type Factor, reason } from './factor.js';

/** Same city beats a listed city beats province-wide service; a city not served scores lowest. */
export const regionFactor: Factor = (input) => {
  const { need, solution, vendor, config } = input;
  const city = zhLabel('city', need.city);
  if (vendor.city === need.city)
    return reason(input, 'region', config.region.vendorInCity, `服务商位于${city}，同城服务`);
  if (solution.regionsServed.includes(need.city))
    return reason(input, 'region', config.region.listed, `服务区域覆盖${city}`);
  if (solution.regionsServed.includes('*')) {
    return reason(input, 'region', config.region.provinceWide, `服务范围为全省，含${city}`);
  }
  return reason(input, 'region', config.region.elsewhere, `服务区域未覆盖${city}`);
};
