/** Page links that keep every other query parameter; shows the first, the last and two pages around the current one. */
export function Pagination({
  page,
  pageSize,
  total,
  href,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The URL of a page number, with the current filters. */
  href: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label="分页">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          上一页
        </a>
      ) : null}
      {shown.map((p, i) => [
        i > 0 && p - shown[i - 1]! > 1 ? <span aria-hidden="true">…</span> : null,
        p === page ? (
          <span aria-current="page">{p}</span>
        ) : (
          <a href={href(p)} aria-label={`第${p}页`}>
            {p}
          </a>
        ),
      ])}
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          下一页
        </a>
      ) : null}
      <span class="muted small">
        共 {total} 条，{pages} 页
      </span>
    </nav>
  );
}
