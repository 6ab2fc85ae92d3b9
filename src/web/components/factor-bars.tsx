import type { Reason } from '../../matching/types.js';
import { factorLabels } from '../labels.js';

function percent(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100);
}

/**
 * Why 云速配 ranked a pair: one bar per factor with a weight, longest weight first, each with the
 * matcher's own Chinese explanation. The bar is the factor's score; the weight says how much it counts.
 */
export function FactorBars({ reasons }: { reasons: Reason[] }) {
  const shown = reasons.filter((r) => r.weight > 0).sort((a, b) => b.weight - a.weight);
  return (
    <ul class="factors" aria-label="匹配理由">
      {shown.map((r) => (
        <li>
          <span class="factor-name">
            {factorLabels[r.factor] ?? r.factor}
            <span class="muted small">（权重{percent(r.weight)}%）</span>
          </span>
          <meter
            class="meter"
            min={0}
            max={100}
            value={percent(r.score)}
            aria-label={`${factorLabels[r.factor] ?? r.factor}得分`}
          >
            {percent(r.score)}
          </meter>
          <span class="detail">{r.detail}</span>
        </li>
      ))}
    </ul>
  );
}
