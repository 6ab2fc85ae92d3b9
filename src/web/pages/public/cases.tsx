import { Hono } from 'hono';
import { getCase, recordCaseReplication } from '../../../application/case-service.js';
import { getOrganization } from '../../../application/organization-service.js';
import type { CaseState } from '../../../domain/case/state.js';
import { zhLabel } from '../../../domain/shared/taxonomy.js';
import { attempt } from '../../attempt.js';
import { cityLabel } from '../../city-names.js';
import { CaseList } from '../../components/cases.js';
import { type FacetGroup, Facets } from '../../components/facets.js';
import {
  CsrfField,
  ErrorSummary,
  emptyForm,
  type FormState,
  SelectField,
  TextField,
} from '../../components/form.js';
import { TechTags } from '../../components/listings.js';
import { Pagination } from '../../components/pagination.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { requireUser } from '../../errors.js';
import { readForm, toInput } from '../../form-input.js';
import { formatDate, formatWan } from '../../format.js';
import { listingHref, listingQuery, type SortChoice } from '../../listing-query.js';
import { webMessages } from '../../messages.js';
import { cityOptions } from '../../options.js';
import { casesPage } from '../../reads.js';
import { page, redirectWith, requestContext, type WebContext } from '../../render.js';

const caseSorts: SortChoice[] = [
  { key: 'relevance', label: '相关度' },
  { key: 'newest', label: '最新入库', rule: 'createdAt:desc' },
];

function CaseView({
  item,
  vendorName,
  isStaff,
  form,
  csrfToken,
}: {
  item: CaseState;
  vendorName: string;
  isStaff: boolean;
  form: FormState;
  csrfToken: string;
}) {
  return (
    <>
      <p class="small">
        <a href="/cases">典型案例</a> ›
      </p>
      <h1>{item.title}</h1>
      <section class="card">
        <dl class="facts">
          <dt>首创城市</dt>
          <dd>{cityLabel(item.city)}市</dd>
          <dt>行业</dt>
          <dd>{zhLabel('industry', item.industry)}</dd>
          <dt>场景类型</dt>
          <dd>{zhLabel('scenarioType', item.scenarioType)}</dd>
          <dt>服务商</dt>
          <dd>
            <a href={`/vendors/${item.vendorId}`}>{vendorName}</a>
          </dd>
          <dt>合同金额</dt>
          <dd>{formatWan(item.amountWan)}</dd>
          <dt>入库时间</dt>
          <dd>{formatDate(item.promotedAt)}</dd>
          <dt>原始需求</dt>
          <dd>
            <a href={`/needs/${item.needId}`}>查看需求</a>
          </dd>
        </dl>
        <TechTags codes={item.technologies} />
        <h2 style="margin-top:16px">案例摘要</h2>
        <p class="prose">{item.summary}</p>
      </section>
      <section class="card" aria-labelledby="replications">
        <h2 id="replications">多地复用</h2>
        {item.replicatedTo.length === 0 ? (
          <p class="muted">尚未在其他城市复用。</p>
        ) : (
          <ul>
            {item.replicatedTo.map((r) => (
              <li>
                {cityLabel(r.city)}市（{formatDate(r.at)}）{r.note ? `：${r.note}` : ''}
              </li>
            ))}
          </ul>
        )}
        {isStaff ? (
          <>
            <ErrorSummary errors={form.errors} fields={{ city: '复用城市', note: '说明' }} />
            <form method="post" action={`/cases/${item.id}/replications`} class="inline-form" novalidate>
              <CsrfField token={csrfToken} />
              <SelectField name="city" label="复用城市" form={form} required options={cityOptions()} />
              <TextField name="note" label="说明" form={form} maxLength={500} />
              <button type="submit">记录复用</button>
            </form>
          </>
        ) : null}
      </section>
    </>
  );
}

/** 典型案例库: searchable, each case with the cities it was repeated in (一地创新、多地复用). */
export function casePages(deps: WebDeps) {
  const app = deps.app;
  const web = new Hono<WebEnv>();

  web.get('/cases', async (c) => {
    const params = c.req.query();
    const { query, sortKey } = listingQuery(params, caseSorts, ['industry', 'city']);
    const result = await casesPage(deps.http.search, query as Parameters<typeof casesPage>[1]);
    const href = (changes: Record<string, string | null>) => listingHref('/cases', params, changes);
    const groups: FacetGroup[] = [
      {
        param: 'industry',
        title: '行业',
        counts: result.facets.industry ?? {},
        label: (v) => zhLabel('industry', v),
        selected: params.industry,
      },
      {
        param: 'city',
        title: '城市',
        counts: result.facets.city ?? {},
        label: (v) => cityLabel(v),
        selected: params.city,
      },
    ];
    return page(
      c,
      '典型案例',
      <>
        <h1>典型案例库</h1>
        <search>
          <form method="get" action="/cases" class="searchbar">
            <label for="q" class="visually-hidden">
              关键词
            </label>
            <input type="search" id="q" name="q" value={params.q ?? ''} placeholder="搜索案例" />
            <button type="submit">搜索</button>
          </form>
        </search>
        <div class="layout-side">
          <Facets groups={groups} href={(param, value) => href({ [param]: value })} />
          <section aria-label="案例">
            <p role="status">
              共 <strong>{result.total}</strong> 个案例
              {sortKey === 'relevance' ? '，按相关度排序' : '，按入库时间排序'}
            </p>
            <div class="card">
              <CaseList cases={result.hits} />
            </div>
            <Pagination
              page={result.page}
              pageSize={result.pageSize}
              total={result.total}
              href={(p) => href({ page: String(p) })}
            />
          </section>
        </div>
      </>,
    );
  });

  const renderCase = async (c: WebContext, id: string, form: FormState = emptyForm) => {
    const { state: item } = await getCase(app, id);
    const { state: vendor } = await getOrganization(app, item.vendorId);
    return page(
      c,
      item.title,
      <CaseView
        item={item}
        vendorName={vendor.name}
        isStaff={c.get('actor').role === 'staff'}
        form={form}
        csrfToken={c.get('csrfToken')}
      />,
      form.errors.length > 0 ? 422 : 200,
    );
  };

  web.get('/cases/:id', (c) => renderCase(c, c.req.param('id')));

  web.post('/cases/:id/replications', requireUser('staff'), async (c) => {
    const id = c.req.param('id');
    const values = await readForm(c);
    const input = toInput(values, { city: 'text', note: 'text' }) as Parameters<
      typeof recordCaseReplication
    >[3];
    const done = await attempt(() => recordCaseReplication(app, requestContext(c), id, input));
    if (!done.ok) return renderCase(c, id, { values, errors: done.errors });
    return redirectWith(c, `/cases/${id}`, { tone: 'success', text: webMessages.caseReplicated });
  });

  return web;
}
