import type { CityRanking } from '../../../application/queries/city-rankings.js';
import { scopeName } from '../../city-names.js';
import { formatWan } from '../../format.js';

const FIGURES: { key: keyof CityRanking & string; label: string; wan?: boolean }[] = [
  { key: 'needsPublished', label: '发布需求' },
  { key: 'solutionsPublished', label: '发布方案' },
  { key: 'applications', label: '揭榜' },
  { key: 'signed', label: '签约项目' },
  { key: 'signedAmountWan', label: '签约金额', wan: true },
  { key: 'delivered', label: '交付项目' },
  { key: 'casesPromoted', label: '典型案例' },
];

/**
 * A city's own dashboard for its staff: the city's 打榜 figures (all time, as /rankings counts them) beside
 * the province's, which are the sum over every city, and the city's place in the ranking.
 */
export function CityFigures({ city, rankings }: { city: string; rankings: CityRanking[] }) {
  const own = rankings.find((row) => row.city === city);
  if (!own) return null;
  const total = (key: keyof CityRanking) => rankings.reduce((sum, row) => sum + Number(row[key] ?? 0), 0);
  const shown = (value: number, wan?: boolean) => (wan ? formatWan(value) : value);
  return (
    <section class="card" aria-labelledby="city-figures" data-testid="city-figures">
      <div class="spread">
        <h2 id="city-figures">{scopeName(city)}数据</h2>
        <span data-testid="city-rank">
          城市打榜第 {own.rank} 名（共 {rankings.length} 个城市）
        </span>
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col" class="num">
                {scopeName(city)}
              </th>
              <th scope="col" class="num">
                全省
              </th>
            </tr>
          </thead>
          <tbody>
            {FIGURES.map(({ key, label, wan }) => (
              <tr data-testid={`city-figure-${key}`}>
                <th scope="row">{label}</th>
                <td class="num">{shown(Number(own[key]), wan)}</td>
                <td class="num">{shown(total(key), wan)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted small">
        按全部时间统计，口径同<a href="/rankings">城市打榜</a>。
      </p>
    </section>
  );
}
