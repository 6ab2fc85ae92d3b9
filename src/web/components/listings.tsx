import { raw } from 'hono/html';
import { zhLabel } from '../../domain/shared/taxonomy.js';
import { cityLabel } from '../city-names.js';
import type { NeedSummary, SolutionSummary } from '../documents.js';
import { excerpt, formatDate, formatWanRange, regionsLabel } from '../format.js';
import { deploymentLabels } from '../labels.js';
import { StatusBadge } from './badge.js';

type Highlighted<T> = T & { _highlight?: Record<string, string> };

/**
 * A title with the search index's highlight: the index returns it HTML-escaped with only `<em>` added
 * (SearchIndex port contract), so it is the one place user text goes out unescaped by us.
 */
function Title({ text, highlighted }: { text: string; highlighted: string | undefined }) {
  return highlighted ? raw(highlighted) : text;
}

export function TechTags({ codes }: { codes: readonly string[] }) {
  if (codes.length === 0) return null;
  return (
    <ul class="tags" aria-label="技术">
      {codes.map((code) => (
        <li>{zhLabel('technology', code)}</li>
      ))}
    </ul>
  );
}

export function NeedItem({ need }: { need: Highlighted<NeedSummary> }) {
  return (
    <li>
      <div class="spread">
        <h3>
          <a href={`/needs/${need.id}`}>
            <Title text={need.title} highlighted={need._highlight?.title} />
          </a>
        </h3>
        <StatusBadge kind="need" status={need.status} />
      </div>
      <div class="meta">
        {need.orgName ? <span>{need.orgName}</span> : null}
        <span>{cityLabel(need.city)}市</span>
        <span>{zhLabel('industry', need.industry)}</span>
        <span>{zhLabel('scenarioType', need.scenarioType)}</span>
        <span>预算 {formatWanRange(need.budgetWan)}</span>
        {need.deadline ? <span>截止 {need.deadline}</span> : null}
        {need.publishedAt ? <span>发布于 {formatDate(need.publishedAt)}</span> : null}
      </div>
      <p class="excerpt">{excerpt(need.description)}</p>
      <TechTags codes={need.technologies} />
    </li>
  );
}

export function SolutionItem({ solution }: { solution: Highlighted<SolutionSummary> }) {
  return (
    <li>
      <div class="spread">
        <h3>
          <a href={`/solutions/${solution.id}`}>
            <Title text={solution.title} highlighted={solution._highlight?.title} />
          </a>
        </h3>
        <StatusBadge kind="solution" status={solution.status} />
      </div>
      <div class="meta">
        {solution.vendorName ? <a href={`/vendors/${solution.vendorId}`}>{solution.vendorName}</a> : null}
        <span>{solution.industries.map((c) => zhLabel('industry', c)).join('、')}</span>
        <span>服务地域 {regionsLabel(solution.regionsServed)}</span>
        <span>报价 {formatWanRange(solution.priceWan)}</span>
        <span>{deploymentLabels[solution.deployment] ?? solution.deployment}</span>
      </div>
      <p class="excerpt">{excerpt(solution.description)}</p>
      <TechTags codes={solution.technologies} />
    </li>
  );
}
