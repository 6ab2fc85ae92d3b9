import { Hono } from 'hono';
import {
  type CampaignList,
  closeCampaign,
  getCampaign,
  getCampaignList,
  openCampaign,
  openProvincialList,
  publishCampaignList,
} from '../../application/campaign-service.js';
import { exportCampaignList } from '../../application/list-export-service.js';
import { searchCampaigns } from '../../application/queries/campaigns-query.js';
import { currentPeriods, periodLabel } from '../../application/queries/stats-period.js';
import { coversMatter, staffScopeOf } from '../../application/staff-scope.js';
import type { NeedListItem, SolutionListItem } from '../../domain/campaign/events.js';
import type { CampaignState } from '../../domain/campaign/state.js';
import { acceptedListKinds } from '../../domain/campaign/state.js';
import { PROVINCE, type Scope } from '../../domain/shared/scope.js';
import { zhLabel } from '../../domain/shared/taxonomy.js';
import { contentDisposition } from '../../export/list-export.js';
import { runAction } from '../actions.js';
import { attempt } from '../attempt.js';
import { cityLabel, scopeName } from '../city-names.js';
import { StatusBadge } from '../components/badge.js';
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  emptyForm,
  type FormState,
  SelectField,
  TextArea,
  TextField,
} from '../components/form.js';
import { HistoryLink } from '../components/history-link.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { readForm, toInput } from '../form-input.js';
import { formatDateTime, formatWanRange, labelsOf, regionsLabel } from '../format.js';
import { campaignKindLabels } from '../labels.js';
import { webMessages } from '../messages.js';
import { campaignKindOptions, cityOptions } from '../options.js';
import { campaignList } from '../reads.js';
import { page, redirectWith, requestContext, type WebContext } from '../render.js';

type ListKind = 'needs' | 'solutions';
const listTitles: Record<ListKind, string> = { needs: '需求清单', solutions: '供给清单' };

/** 征集地市 of a provincial list's line: the city whose campaign listed it. */
function SourceCity({ item, gathered }: { item: NeedListItem | SolutionListItem; gathered: boolean }) {
  return gathered ? <td>{item.source ? scopeName(item.source.city) : ''}</td> : null;
}

const SourceCityHeader = ({ gathered }: { gathered: boolean }) =>
  gathered ? <th scope="col">征集地市</th> : null;

function NeedRows({ items, gathered }: { items: NeedListItem[]; gathered: boolean }) {
  return (
    <table class="wide">
      <thead>
        <tr>
          <th scope="col" class="num">
            序号
          </th>
          <SourceCityHeader gathered={gathered} />
          <th scope="col">需求名称</th>
          <th scope="col">需求单位</th>
          <th scope="col">行业</th>
          <th scope="col">城市</th>
          <th scope="col">预算</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr>
            <td class="num">{item.seq}</td>
            <SourceCity item={item} gathered={gathered} />
            <td>
              <a href={`/needs/${item.id}`}>{item.title}</a>
            </td>
            <td>{item.orgName}</td>
            <td>{zhLabel('industry', item.industry)}</td>
            <td>{cityLabel(item.city)}</td>
            <td class="nowrap">{formatWanRange(item.budgetWan)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SolutionRows({ items, gathered }: { items: SolutionListItem[]; gathered: boolean }) {
  return (
    <table class="wide">
      <thead>
        <tr>
          <th scope="col" class="num">
            序号
          </th>
          <SourceCityHeader gathered={gathered} />
          <th scope="col">方案名称</th>
          <th scope="col">服务商</th>
          <th scope="col">核心技术</th>
          <th scope="col">服务地域</th>
          <th scope="col">报价</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr>
            <td class="num">{item.seq}</td>
            <SourceCity item={item} gathered={gathered} />
            <td>
              <a href={`/solutions/${item.id}`}>{item.title}</a>
            </td>
            <td>{item.orgName}</td>
            <td>{labelsOf('technology', item.technologies)}</td>
            <td>{regionsLabel(item.regionsServed)}</td>
            <td class="nowrap">{formatWanRange(item.priceWan)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ListSection({
  campaign,
  kind,
  list,
}: {
  campaign: CampaignState;
  kind: ListKind;
  list: CampaignList | null;
}) {
  const kinds = acceptedListKinds(campaign.kind);
  const base = `/campaigns/${campaign.id}`;
  return (
    <section class="card" aria-labelledby="list-title">
      <nav class="tabs" aria-label="清单">
        {kinds.map((k) => (
          <a href={`${base}?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
            {listTitles[k]}
          </a>
        ))}
      </nav>
      {!list ? (
        <p class="muted">该清单尚未发布。</p>
      ) : (
        <>
          <div class="spread">
            <h2 id="list-title">
              {listTitles[kind]} · 第{list.version}版
            </h2>
            <div class="row small">
              <a class="button secondary" href={`${base}/list.xlsx?kind=${kind}&version=${list.version}`}>
                下载 Excel
              </a>
              <a class="button secondary" href={`${base}/list.csv?kind=${kind}&version=${list.version}`}>
                下载 CSV
              </a>
            </div>
          </div>
          <p class="muted small">
            发布于 {formatDateTime(list.publishedAt)}，共 {list.items.length} 项
            {list.note ? `；更正说明：${list.note}` : ''}
          </p>
          {list.versions.length > 1 ? (
            <p class="small">
              历史版本：
              {list.versions.map((v) =>
                v === list.version ? (
                  <strong> 第{v}版 </strong>
                ) : (
                  <a href={`${base}?kind=${kind}&version=${v}`}> 第{v}版 </a>
                ),
              )}
            </p>
          ) : null}
          <div class="table-wrap">
            {kind === 'needs' ? (
              <NeedRows items={list.items as NeedListItem[]} gathered={list.gathered} />
            ) : (
              <SolutionRows items={list.items as SolutionListItem[]} gathered={list.gathered} />
            )}
          </div>
        </>
      )}
    </section>
  );
}

function StaffPanel({
  campaign,
  form,
  csrfToken,
}: {
  campaign: CampaignState;
  form: FormState;
  csrfToken: string;
}) {
  const published = campaign.lists.needs.length + campaign.lists.solutions.length > 0;
  return (
    <section class="card" aria-labelledby="manage-title">
      <h2 id="manage-title">批次管理</h2>
      <p class="muted small">
        已征集：需求 {campaign.items.needs.length} 项，方案 {campaign.items.solutions.length} 项。
      </p>
      <div class="actions">
        {campaign.status === 'open' ? (
          <form method="post" action={`/campaigns/${campaign.id}/close`}>
            <CsrfField token={csrfToken} />
            <button type="submit" class="secondary">
              截止征集
            </button>
          </form>
        ) : null}
        <a class="button secondary" href={`/admin/campaigns/${campaign.id}/match-rounds`}>
          云速配匹配轮次
        </a>
        <a class="button secondary" href={`/admin/audit/campaign-${campaign.id}`}>
          审计记录
        </a>
      </div>
      {campaign.status !== 'open' && !published ? (
        <>
          <ErrorSummary errors={form.errors} fields={{}} />
          <form method="post" action={`/campaigns/${campaign.id}/publish`} class="actions">
            <CsrfField token={csrfToken} />
            <button type="submit">发布清单</button>
          </form>
        </>
      ) : null}
      {published ? (
        <details open={form.errors.length > 0} style="margin-top:12px">
          <summary>发布更正版清单…</summary>
          <ErrorSummary errors={form.errors} fields={{ note: '更正说明' }} />
          <form method="post" action={`/campaigns/${campaign.id}/publish`} class="form" novalidate>
            <CsrfField token={csrfToken} />
            <TextArea
              name="note"
              label="更正说明"
              form={form}
              required
              rows={2}
              maxLength={500}
              hint="已发布的清单不会改动；更正将发布新版本"
            />
            <button type="submit">发布更正版清单</button>
          </form>
        </details>
      ) : null}
    </section>
  );
}

/** 全省 and every city: the scopes a campaign can have, for the filter and the province's selector. */
const scopeFilterOptions = () => [{ value: PROVINCE, label: '全省' }, ...cityOptions()];

/** Province staff gather the published lists of chosen city campaigns of one period into a provincial list. */
function ProvincialListForm(props: {
  form: FormState;
  fields: Record<string, string>;
  csrfToken: string;
  periods: string[];
  campaigns: { value: string; label: string }[];
}) {
  const { form, fields } = props;
  return (
    <section class="card" aria-labelledby="provincial-title">
      <h2 id="provincial-title">汇总全省清单</h2>
      <p class="muted small">
        汇总所选地市批次已发布的清单，重新编排序号，每项注明征集地市；所选批次的征集截止时间须在汇总期内。
      </p>
      <ErrorSummary errors={form.errors} fields={fields} />
      <form method="post" action="/admin/campaigns/provincial" class="form" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField name="title" label={fields.title!} form={form} required maxLength={60} />
        <SelectField name="kind" label={fields.kind!} form={form} required options={campaignKindOptions} />
        <TextField
          name="period"
          label={fields.period!}
          form={form}
          required
          hint={`年份或季度，如 ${props.periods.join('、')}（${props.periods.map(periodLabel).join('、')}）`}
        />
        {props.campaigns.length === 0 ? (
          <p class="muted">暂无已发布清单的地市批次。</p>
        ) : (
          <CheckboxGroup
            name="campaignIds"
            label={fields.campaignIds!}
            form={form}
            required
            options={props.campaigns}
          />
        )}
        <button type="submit">建立全省汇总清单</button>
      </form>
    </section>
  );
}

async function latestList(
  deps: WebDeps,
  campaign: CampaignState,
  kind: ListKind,
  version: number | undefined,
) {
  const versions = campaign.lists[kind];
  if (versions.length === 0) return null;
  return getCampaignList(deps.app, campaign.id, kind, version);
}

/** 征集批次 and their published lists with 序号, downloadable; staff open, close and publish them. */
export function campaignPages(deps: WebDeps) {
  const app = deps.app;
  const web = new Hono<WebEnv>();

  web.get('/campaigns', async (c) => {
    const asked = c.req.query('scope') ?? '';
    const scopes = scopeFilterOptions();
    const scope = scopes.some((o) => o.value === asked) ? asked : undefined;
    const { hits: campaigns } = await searchCampaigns(deps.http.search, {
      pageSize: 100,
      ...(scope ? { scope } : {}),
    });
    return page(
      c,
      '征集清单',
      <>
        <h1>征集批次与清单</h1>
        <form method="get" action="/campaigns" class="row small" aria-label="按范围筛选">
          <label for="scope-filter">范围</label>
          <select id="scope-filter" name="scope">
            <option value="">全部</option>
            {scopes.map((o) => (
              <option value={o.value} selected={o.value === scope}>
                {o.label}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            筛选
          </button>
        </form>
        <section class="card">
          {campaigns.length === 0 ? (
            <p class="muted">暂无征集批次。</p>
          ) : (
            <ul class="listing">
              {campaigns.map((k) => (
                <li>
                  <div class="spread">
                    <h3>
                      <a href={`/campaigns/${k.id}`}>{k.title}</a>
                    </h3>
                    <StatusBadge kind="campaign" status={k.status} />
                  </div>
                  <div class="meta">
                    <span data-testid="campaign-scope">{scopeName(k.scope ?? PROVINCE)}</span>
                    <span>{k.gathersPeriod ? '全省汇总清单' : (campaignKindLabels[k.kind] ?? k.kind)}</span>
                    <span>
                      征集期 {formatDateTime(k.opensAt)} 至 {formatDateTime(k.closesAt)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </>,
    );
  });

  const renderCampaign = async (c: WebContext, id: string, form: FormState = emptyForm) => {
    const { state: campaign } = await getCampaign(app, id);
    const kinds = acceptedListKinds(campaign.kind);
    const asked = c.req.query('kind');
    const kind = kinds.find((k) => k === asked) ?? kinds[0]!;
    const version = Number.parseInt(c.req.query('version') ?? '', 10);
    const list = await latestList(deps, campaign, kind, Number.isInteger(version) ? version : undefined);
    // Staff manage the campaigns their scope covers; others of them see the campaign as the public does.
    const scope = await staffScopeOf(app, c.get('actor'));
    const manages = scope !== null && coversMatter(scope, campaign.scope);
    return page(
      c,
      campaign.title,
      <>
        <p class="small">
          <a href="/campaigns">征集清单</a> ›
        </p>
        <div class="spread">
          <h1>{campaign.title}</h1>
          <StatusBadge kind="campaign" status={campaign.status} />
        </div>
        {c.get('actor').role === 'staff' ? <HistoryLink kind="campaign" id={campaign.id} /> : null}
        {campaign.gathers ? (
          <p class="muted">
            全省汇总清单 · {campaignKindLabels[campaign.kind]}；汇总{periodLabel(campaign.gathers.period)}
            征集截止的 {campaign.gathers.campaignIds.length} 个地市批次的已发布清单，重新编排序号
          </p>
        ) : (
          <p class="muted">
            {scopeName(campaign.scope)} · {campaignKindLabels[campaign.kind]}；征集期{' '}
            {formatDateTime(campaign.opensAt)} 至 {formatDateTime(campaign.closesAt)}
          </p>
        )}
        {manages ? <StaffPanel campaign={campaign} form={form} csrfToken={c.get('csrfToken')} /> : null}
        <ListSection campaign={campaign} kind={kind} list={list} />
      </>,
      form.errors.length > 0 ? 422 : 200,
    );
  };

  web.get('/campaigns/:id', (c) => renderCampaign(c, c.req.param('id')));

  for (const format of ['xlsx', 'csv'] as const) {
    web.get(`/campaigns/:id/list.${format}`, async (c) => {
      const kind = c.req.query('kind') === 'solutions' ? 'solutions' : 'needs';
      const version = Number.parseInt(c.req.query('version') ?? '', 10);
      const file = await exportCampaignList(app, requestContext(c), {
        campaignId: c.req.param('id'),
        kind,
        format,
        siteUrl: new URL(c.req.url).origin,
        ...(Number.isInteger(version) ? { version } : {}),
      });
      return c.body(new Uint8Array(file.body), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': contentDisposition(file.filename),
        'Cache-Control': 'no-store',
      });
    });
  }

  web.post('/campaigns/:id/close', requireUser('staff'), (c) => {
    const id = c.req.param('id');
    return runAction(c, () => closeCampaign(app, requestContext(c), id), {
      to: `/campaigns/${id}`,
      success: webMessages.campaignClosed,
    });
  });

  web.post('/campaigns/:id/publish', requireUser('staff'), async (c) => {
    const id = c.req.param('id');
    const values = await readForm(c);
    const done = await attempt(() =>
      publishCampaignList(app, requestContext(c), id, toInput(values, { note: 'text' })),
    );
    if (!done.ok) return renderCampaign(c, id, { values, errors: done.errors });
    return redirectWith(c, `/campaigns/${id}`, { tone: 'success', text: webMessages.campaignPublished });
  });

  const campaignFields = {
    title: '批次名称',
    kind: '征集类型',
    scope: '范围',
    opensAt: '开始时间',
    closesAt: '截止时间',
  };
  const provincialFields = { title: '清单名称', kind: '清单类型', period: '汇总期', campaignIds: '地市批次' };
  const emptyForms = { open: emptyForm, provincial: emptyForm };
  const adminPage = async (c: WebContext, forms: { open: FormState; provincial: FormState }) => {
    const [campaigns, scope] = await Promise.all([
      campaignList(deps.http.search),
      staffScopeOf(app, c.get('actor')),
    ]);
    const own: Scope = scope ?? PROVINCE;
    const form = forms.open;
    // City staff open campaigns of their own city only; the province any city's or its own.
    const scopes = own === PROVINCE ? scopeFilterOptions() : cityOptions().filter((o) => o.value === own);
    const openForm = form.values.scope ? form : { ...form, values: { ...form.values, scope: own } };
    const cityCampaigns = campaigns.filter(
      (k) => k.status === 'published' && (k.scope ?? PROVINCE) !== PROVINCE && !k.gathersPeriod,
    );
    return page(
      c,
      '征集批次管理',
      <>
        <h1>征集批次管理</h1>
        <section class="card" aria-labelledby="open-title">
          <h2 id="open-title">开启新批次</h2>
          <ErrorSummary errors={form.errors} fields={campaignFields} />
          <form method="post" action="/admin/campaigns" class="form" novalidate>
            <CsrfField token={c.get('csrfToken')} />
            <TextField name="title" label={campaignFields.title} form={form} required maxLength={60} />
            <SelectField
              name="kind"
              label={campaignFields.kind}
              form={form}
              required
              options={campaignKindOptions}
            />
            <SelectField
              name="scope"
              label={campaignFields.scope}
              form={openForm}
              required
              options={scopes}
              hint={own === PROVINCE ? '全省批次，或某一地市的批次' : `您只能开启${scopeName(own)}的批次`}
            />
            <div class="pair">
              <TextField
                name="opensAt"
                label={campaignFields.opensAt}
                type="datetime-local"
                form={form}
                required
                hint="北京时间"
              />
              <TextField
                name="closesAt"
                label={campaignFields.closesAt}
                type="datetime-local"
                form={form}
                required
                hint="北京时间"
              />
            </div>
            <button type="submit">开启征集</button>
          </form>
        </section>
        {own === PROVINCE ? (
          <ProvincialListForm
            form={forms.provincial}
            fields={provincialFields}
            csrfToken={c.get('csrfToken')}
            periods={currentPeriods(app.clock())}
            campaigns={cityCampaigns.map((k) => ({
              value: k.id,
              label: `${scopeName(k.scope ?? PROVINCE)} · ${k.title}（截止 ${formatDateTime(k.closesAt)}）`,
            }))}
          />
        ) : null}
        <section class="card">
          <h2>全部批次</h2>
          <ul class="listing">
            {campaigns.map((k) => (
              <li>
                <div class="spread">
                  <a href={`/campaigns/${k.id}`}>{k.title}</a>
                  <span class="muted small">{scopeName(k.scope ?? PROVINCE)}</span>
                  <StatusBadge kind="campaign" status={k.status} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      </>,
      form.errors.length + forms.provincial.errors.length > 0 ? 422 : 200,
    );
  };

  web.get('/admin/campaigns', requireUser('staff'), (c) => adminPage(c, emptyForms));

  web.post('/admin/campaigns', requireUser('staff'), async (c) => {
    const values = await readForm(c);
    const input = toInput(values, {
      title: 'text',
      kind: 'text',
      scope: 'text',
      opensAt: 'chinaDateTime',
      closesAt: 'chinaDateTime',
    });
    const opened = await attempt(() =>
      openCampaign(app, requestContext(c), input as Parameters<typeof openCampaign>[2]),
    );
    if (!opened.ok) return adminPage(c, { ...emptyForms, open: { values, errors: opened.errors } });
    return redirectWith(c, `/campaigns/${opened.value.id}`, {
      tone: 'success',
      text: webMessages.campaignOpened,
    });
  });

  web.post('/admin/campaigns/provincial', requireUser('staff'), async (c) => {
    const values = await readForm(c);
    const input = toInput(values, { title: 'text', kind: 'text', period: 'text', campaignIds: 'list' });
    const opened = await attempt(() =>
      openProvincialList(app, requestContext(c), input as Parameters<typeof openProvincialList>[2]),
    );
    if (!opened.ok) return adminPage(c, { ...emptyForms, provincial: { values, errors: opened.errors } });
    return redirectWith(c, `/campaigns/${opened.value.id}`, {
      tone: 'success',
      text: '全省汇总清单已建立，请核对后发布',
    });
  });

  return web;
}
