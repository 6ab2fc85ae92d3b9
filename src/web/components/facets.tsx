export interface FacetGroup {
  /** The query parameter the facet sets (industry, city, technology, status). */
  param: string;
  title: string;
  /** Value → count over the whole result set, as the search index's facetDistribution gives it. */
  counts: Record<string, number>;
  label: (value: string) => string;
  /** The value currently filtered on, if any. */
  selected: string | undefined;
}

/**
 * Facet lists with counts. Choosing a value filters on it (and goes back to page 1); choosing the selected
 * value again removes the filter. Values are ordered by count, then by label.
 */
export function Facets({
  groups,
  href,
}: {
  groups: FacetGroup[];
  href: (param: string, value: string | null) => string;
}) {
  // Beside zero results there is nothing to narrow: no empty box.
  const shown = groups.some((g) => g.selected || Object.values(g.counts).some((count) => count > 0));
  if (!shown) return null;
  return (
    <aside class="facets card" aria-label="筛选">
      {groups.map((group) => {
        const entries = Object.entries(group.counts)
          .filter(([, count]) => count > 0)
          .sort(([a, x], [b, y]) => y - x || group.label(a).localeCompare(group.label(b), 'zh-CN'));
        // A chosen value that nothing holds any more still shows, so that it can be taken off.
        if (group.selected && !entries.some(([value]) => value === group.selected)) {
          entries.unshift([group.selected, 0]);
        }
        if (entries.length === 0) return null;
        return (
          <section>
            <h2>{group.title}</h2>
            <ul>
              {entries.map(([value, count]) => {
                const current = value === group.selected;
                return (
                  <li>
                    <a
                      href={href(group.param, current ? null : value)}
                      aria-current={current ? 'true' : undefined}
                    >
                      <span>{group.label(value)}</span>
                      <span class="count">{count}</span>
                    </a>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
