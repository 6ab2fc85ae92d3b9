import type { Child } from 'hono/jsx';
import { hrefWith } from '../query-href.js';
import { Pagination } from './pagination.js';

export interface LogPageProps {
  /** The page's title and heading. */
  title: string;
  /** Where the page lives; its Excel export is `<path>/export.xlsx` with the same filters. */
  path: string;
  filters: Readonly<Record<string, string | undefined>>;
  /** The filter form's fields, before its 筛选 button. */
  fields: Child;
  errors: readonly { message: string }[];
  /** The results' heading, before their count, and its element id. */
  heading: string;
  headingId: string;
  /** Said when nothing matches the filters. */
  empty: string;
  result: { total: number; page: number; pageSize: number };
  /** The table of the page's lines. */
  children: Child;
}

/** A log's page: a filter form, its errors, the lines of the page in a table, pages, and an Excel export. */
export function LogPage(props: LogPageProps) {
  const { path, filters, result } = props;
  return (
    <>
      <div class="spread">
        <h1>{props.title}</h1>
        <a href={hrefWith(`${path}/export.xlsx`, filters)} download>
          导出 Excel
        </a>
      </div>
      <section class="card">
        <search>
          <form method="get" action={path} class="inline-form">
            {props.fields}
            <button type="submit">筛选</button>
          </form>
        </search>
        {props.errors.map((error) => (
          <p class="field-error" role="alert">
            {error.message}
          </p>
        ))}
      </section>
      <section class="card" aria-labelledby={props.headingId}>
        <h2 id={props.headingId}>
          {props.heading}（共 {result.total} 条）
        </h2>
        {result.total === 0 ? <p class="muted">{props.empty}</p> : props.children}
        <Pagination
          page={result.page}
          pageSize={result.pageSize}
          total={result.total}
          href={(p) => hrefWith(path, filters, { page: String(p) })}
        />
      </section>
    </>
  );
}
