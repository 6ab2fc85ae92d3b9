import type { EngagementSummary } from '../documents.js';
import { formatDateTime, formatWan } from '../format.js';
import { StatusBadge } from './badge.js';

/** Engagements on a need or of a vendor, each linking to its page where the next step is taken. */
export function EngagementTable({
  engagements,
  show,
}: {
  engagements: EngagementSummary[];
  /** Which party's column to show: the vendor on a need's page, the need on a vendor's. */
  show: 'vendor' | 'need' | 'both';
}) {
  if (engagements.length === 0) return <p class="muted">暂无对接。</p>;
  return (
    <div class="table-wrap">
      <table class="wide">
        <thead>
          <tr>
            {show !== 'vendor' ? <th scope="col">需求</th> : null}
            {show !== 'need' ? <th scope="col">服务商与方案</th> : null}
            <th scope="col">来源</th>
            <th scope="col" class="num">
              报价
            </th>
            <th scope="col">状态</th>
            <th scope="col">时间</th>
          </tr>
        </thead>
        <tbody>
          {engagements.map((e) => (
            <tr>
              {show !== 'vendor' ? (
                <td>
                  <a href={`/engagements/${e.id}`}>{e.needTitle}</a>
                </td>
              ) : null}
              {show !== 'need' ? (
                <td>
                  <a href={`/engagements/${e.id}`}>{e.vendorName ?? '服务商'}</a>
                  {e.solutionTitle ? <div class="small muted">{e.solutionTitle}</div> : null}
                </td>
              ) : null}
              <td>{e.origin === 'recommended' ? '平台推荐' : '揭榜'}</td>
              <td class="num">{formatWan(e.amountWan ?? e.quoteWan ?? null)}</td>
              <td>
                <StatusBadge kind="engagement" status={e.status} />
              </td>
              <td class="nowrap small">{formatDateTime(e.updatedAt ?? e.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
