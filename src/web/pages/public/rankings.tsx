import { Hono } from 'hono';
import {
  activePeriods,
  type CityPair,
  type CityRanking,
  cityPairs,
  cityRankings,
  SCORE_WEIGHTS,
} from '../../../application/queries/city-rankings.js';
import {
  ALL_TIME,
  byRecency,
  currentPeriods,
  periodLabel,
} from '../../../application/queries/stats-period.js';
import type { FieldError } from '../../../domain/shared/errors.js';
import { attempt } from '../../attempt.js';
import { columns, type Datum, horizontalBars } from '../../charts.js';
import { currentCities } from '../../city-names.js';
import { Chart } from '../../components/chart.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { page } from '../../render.js';

/** Narrow enough for a phone held upright (390 px) without scrolling sideways; a desktop card still fits it. */
const CHART_WIDTH = 340;

const FIGURES: ReadonlyArray<readonly [keyof typeof SCORE_WEIGHTS, string]> = [
  ['needsPublished', '发布需求'],
  ['solutionsPublished', '上架方案'],
  ['applications', '揭榜'],
  ['signed', '签约'],
  ['signedAmountWan', '签约金额（万元）'],
  ['delivered', '交付'],
  ['casesPromoted', '典型案例'],
  ['casesReplicatedElsewhere', '异地复用案例'],
];

function PeriodForm({
  periods,
  selected,
  errors,
}: {
  periods: string[];
  selected: string;
  errors: FieldError[];
}) {
  const error = errors[0]?.message;
  return (
    <form method="get" action="/rankings" class="row" aria-label="统计期">
      <label for="period">统计期（北京时间）</label>
      <select
        id="period"
        name="period"
        {...(error ? { 'aria-invalid': 'true', 'aria-describedby': 'period-error' } : {})}
      >
        <option value="" selected={selected === ''}>
          全部时间
        </option>
        {periods.map((p) => (
          <option value={p} selected={p === selected}>
            {periodLabel(p)}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        查看
      </button>
      {error ? (
        <p class="field-error" id="period-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function ScoreRule() {
  const parts = FIGURES.map(([figure, label]) => `${SCORE_WEIGHTS[figure]}×${label}`).join(' + ');
  return (
    <details class="card">
      <summary>得分怎么算</summary>
      <p>
        得分 = {parts}
        ，保留一位小数。得分相同时依次比较签约数、签约金额、交付数、发布需求数，再按地市顺序，名次不并列。
      </p>
      <p class="muted small">
        需求计入其所在城市，方案计入服务商所在城市，揭榜、签约、交付计入需求所在城市；各项按统计期内发生的时刻计（如签约为双方完成签约的时刻）。首揭榜中位天数为统计期内迎来首个揭榜的需求从发布到首个揭榜的天数中位数，不计入得分。
      </p>
    </details>
  );
}

function RankingTable({ rows }: { rows: CityRanking[] }) {
  return (
    <section class="card" aria-labelledby="city-ranking">
      <h2 id="city-ranking">城市排名</h2>
      {/* Wider than the page with larger text: focusable, so that a keyboard can scroll it. */}
      <section class="table-wrap" tabindex={0} aria-label="城市排名表（可左右滚动）">
        <table class="wide">
          <thead>
            <tr>
              <th scope="col" class="num">
                名次
              </th>
              <th scope="col">城市</th>
              <th scope="col" class="num">
                得分
              </th>
              {FIGURES.map(([, label]) => (
                <th scope="col" class="num">
                  {label}
                </th>
              ))}
              <th scope="col" class="num">
                首揭榜中位天数
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td class="num">{row.rank}</td>
                <th scope="row">{row.cityLabel}</th>
                <td class="num">
                  <b>{row.score}</b>
                </td>
                {FIGURES.map(([figure]) => (
                  <td class="num">{row[figure]}</td>
                ))}
                <td class="num">{row.medianDaysToFirstApplication ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

function PairTable({ pairs }: { pairs: CityPair[] }) {
  return (
    <section class="card" aria-labelledby="city-pairs">
      <h2 id="city-pairs">百城牵手：城市间签约</h2>
      {pairs.length === 0 ? (
        <p class="muted">统计期内暂无签约。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">需求方城市</th>
                <th scope="col">服务商城市</th>
                <th scope="col" class="num">
                  签约
                </th>
                <th scope="col" class="num">
                  万元
                </th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair) => (
                <tr>
                  <td>{pair.fromLabel}</td>
                  <td>
                    {pair.toLabel}
                    {pair.from === pair.to ? <span class="muted small">（同城）</span> : null}
                  </td>
                  <td class="num">{pair.signed}</td>
                  <td class="num">{pair.amountWan}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Charts({ rows, pairs }: { rows: CityRanking[]; pairs: CityPair[] }) {
  const scores: Datum[] = rows
    .filter((r) => r.score > 0)
    .map((r) => ({ label: r.cityLabel, value: r.score }));
  const amounts: Datum[] = rows
    .filter((r) => r.signedAmountWan > 0)
    .map((r) => ({ label: r.cityLabel, value: r.signedAmountWan }));
  const crossCity: Datum[] = pairs
    .filter((p) => p.from !== p.to)
    .map((p) => ({ label: `${p.fromLabel}→${p.toLabel}`, value: p.signed }));
  return (
    <div class="charts">
      <Chart id="chart-score" title="各城市得分" svg={() => columns(scores, CHART_WIDTH)} data={scores} />
      <Chart
        id="chart-amount"
        title="各城市签约金额（万元）"
        svg={() => horizontalBars(amounts, CHART_WIDTH)}
        data={amounts}
      />
      <Chart
        id="chart-pairs"
        title="跨城签约（需求方城市→服务商城市）"
        svg={() => horizontalBars(crossCity, CHART_WIDTH)}
        data={crossCity}
      />
    </div>
  );
}

/** 城市打榜: the public ranking of the cities over a period, with the 百城牵手 pairs. */
export function rankingsPage({ http: { search }, app }: WebDeps) {
  const web = new Hono<WebEnv>();
  web.get('/rankings', async (c) => {
    const selected = c.req.query('period')?.trim() ?? '';
    const query = selected ? { period: selected } : {};
    const [result, active] = await Promise.all([
      attempt(() =>
        Promise.all([
          cityRankings(search, query, currentCities()),
          cityPairs(search, query, currentCities()),
        ]),
      ),
      activePeriods(search),
    ]);
    const periods = [...new Set([...active, ...currentPeriods(app.clock())])]
      .filter((p) => p !== ALL_TIME)
      .sort(byRecency);
    const title = result.ok && selected ? `城市打榜 · ${periodLabel(selected)}` : '城市打榜';
    return page(
      c,
      '城市打榜',
      <>
        <h1>{title}</h1>
        <p class="muted">
          各城市在统计期内出题、答题、揭榜、签约、交付和复用案例的成绩，以及城市之间的签约牵手。
        </p>
        <PeriodForm periods={periods} selected={selected} errors={result.ok ? [] : result.errors} />
        {result.ok ? (
          <>
            <RankingTable rows={result.value[0]} />
            <Charts rows={result.value[0]} pairs={result.value[1]} />
            <PairTable pairs={result.value[1]} />
            <ScoreRule />
          </>
        ) : null}
      </>,
      result.ok ? 200 : result.status,
    );
  });
  return web;
}
