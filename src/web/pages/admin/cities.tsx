import { Hono } from 'hono';
import { requireProvinceStaff } from '../../../application/staff-scope.js';
import { addCity } from '../../../application/taxonomy-city-service.js';
import type { AddCityInput } from '../../../domain/taxonomy/commands.js';
import { attempt } from '../../attempt.js';
import { currentCities } from '../../city-names.js';
import { CsrfField, ErrorSummary, emptyForm, type FormState, TextField } from '../../components/form.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { requireUser } from '../../errors.js';
import { readForm, toInput } from '../../form-input.js';
import { webMessages } from '../../messages.js';
import { page, redirectWith, requestContext, type WebContext } from '../../render.js';

const fields = { code: '城市代码', zh: '中文名称', province: '所属省份' };

/**
 * Completes 只有省级平台工作人员可以…: city staff get the 403 page rather than a form the decider would
 * refuse anyway.
 */
const ACTION = '管理省外城市';

function AddedCities() {
  const added = currentCities().cities.filter((city) => city.province !== null);
  if (added.length === 0) return <p class="muted">还没有添加省外城市。</p>;
  return (
    <table data-testid="added-cities">
      <thead>
        <tr>
          <th scope="col">中文名称</th>
          <th scope="col">城市代码</th>
          <th scope="col">所属省份</th>
        </tr>
      </thead>
      <tbody>
        {added.map((city) => (
          <tr>
            <th scope="row">{city.zh}</th>
            <td>
              <code>{city.code}</code>
            </td>
            <td>{city.province}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function citiesPage(c: WebContext, form: FormState) {
  return page(
    c,
    '省外城市',
    <>
      <h1>省外城市（百城牵手）</h1>
      <p class="muted">
        山东省16市始终在平台中。这里添加的省外城市，机构注册、需求和方案、征集批次、工作人员范围和城市打榜都可以选用；添加后不能删除或改名，请核对后再提交。
      </p>
      <section class="card" aria-labelledby="added-title">
        <h2 id="added-title">已添加的城市</h2>
        <AddedCities />
      </section>
      <section class="card" aria-labelledby="add-title">
        <h2 id="add-title">添加城市</h2>
        <ErrorSummary errors={form.errors} fields={fields} />
        <form method="post" action="/admin/cities" class="form" novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <TextField
            name="code"
            label={fields.code}
            form={form}
            required
            maxLength={30}
            hint="小写拼音字母或数字，如 wenzhou"
          />
          <TextField
            name="zh"
            label={fields.zh}
            form={form}
            required
            maxLength={10}
            hint="不带“市”字，如 温州"
          />
          <TextField
            name="province"
            label={fields.province}
            form={form}
            required
            maxLength={10}
            hint="如 浙江省"
          />
          <button type="submit">添加城市</button>
        </form>
      </section>
    </>,
  );
}

/** 省外城市: province staff list the cities added beyond the province's 16 and add one. */
export function addedCityPages({ app }: WebDeps) {
  const web = new Hono<WebEnv>();

  web.get('/admin/cities', requireUser('staff'), async (c) => {
    await requireProvinceStaff(app, requestContext(c), ACTION);
    return citiesPage(c, emptyForm);
  });

  web.post('/admin/cities', requireUser('staff'), async (c) => {
    await requireProvinceStaff(app, requestContext(c), ACTION);
    const values = await readForm(c);
    const input = toInput(values, { code: 'text', zh: 'text', province: 'text' });
    const added = await attempt(() => addCity(app, requestContext(c), input as AddCityInput));
    if (!added.ok) return citiesPage(c, { values, errors: added.errors });
    return redirectWith(c, '/admin/cities', { tone: 'success', text: webMessages.cityAdded(added.value.zh) });
  });

  return web;
}
