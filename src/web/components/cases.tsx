import { zhLabel } from '../../domain/shared/taxonomy.js';
import { cityLabel } from '../city-names.js';
import type { CaseSummary } from '../documents.js';
import { excerpt, formatWan } from '../format.js';
import { TechTags } from './listings.js';

export function CaseList({ cases }: { cases: CaseSummary[] }) {
  if (cases.length === 0) return <p class="muted">暂无案例。</p>;
  return (
    <ul class="listing">
      {cases.map((item) => (
        <li>
          <h3>
            <a href={`/cases/${item.id}`}>{item.title}</a>
          </h3>
          <div class="meta">
            <span>{cityLabel(item.city)}市</span>
            <span>{zhLabel('industry', item.industry)}</span>
            {item.vendorName ? <a href={`/vendors/${item.vendorId}`}>{item.vendorName}</a> : null}
            {item.amountWan !== undefined && item.amountWan !== null ? (
              <span>合同额 {formatWan(item.amountWan)}</span>
            ) : null}
            {item.replicatedTo.length > 0 ? (
              <span>已复用到 {item.replicatedTo.map((c) => cityLabel(c)).join('、')}</span>
            ) : null}
          </div>
          <p class="excerpt">{excerpt(item.summary, 120)}</p>
          <TechTags codes={item.technologies} />
        </li>
      ))}
    </ul>
  );
}
