import { raw } from 'hono/html';
import type { Datum } from '../charts.js';

/** A chart with its caption, and the same numbers as a table for screen readers and copying. */
export function Chart({
  id,
  title,
  svg,
  data,
}: {
  id: string;
  title: string;
  svg: () => string;
  data: Datum[];
}) {
  return (
    <figure class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {data.every((d) => d.value === 0) ? (
        <p class="muted">暂无数据。</p>
      ) : (
        <>
          <div
            class="chart"
            role="img"
            aria-label={`${title}：${data.map((d) => `${d.label}${d.value}`).join('，')}`}
          >
            {raw(svg())}
          </div>
          <details>
            <summary>查看数据</summary>
            <table>
              <tbody>
                {data.map((d) => (
                  <tr>
                    <th scope="row">{d.label}</th>
                    <td class="num">{d.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
