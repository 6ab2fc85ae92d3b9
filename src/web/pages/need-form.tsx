import type { FieldError } from '../../domain/shared/errors.js';
import { CriteriaFields } from '../components/criteria-fields.js';
import type { FormValues } from '../components/form.js';
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  type FormState,
  NumberField,
  type Option,
  SelectField,
  TextArea,
  TextField,
} from '../components/form.js';
import { criteriaError, criteriaInput } from '../criteria-form.js';
import { type FormSpec, toInput } from '../form-input.js';
import { cityOptions, industryOptions, scenarioTypeOptions, technologyOptions } from '../options.js';
import { RaceFields, raceFieldLabels } from './need-race.js';

export const needFieldLabels = {
  title: '需求标题',
  description: '需求描述',
  problem: '现状与痛点',
  goals: '建设目标',
  requirements: '技术要求',
  acceptanceCriteria: '验收指标',
  periodMonths: '实施周期（月）',
  criteria: '评审标准',
  industry: '所属行业',
  scenarioType: '场景类型',
  technologies: '涉及技术',
  city: '所在城市',
  'budgetWan.min': '预算下限（万元）',
  'budgetWan.max': '预算上限（万元）',
  deadline: '征集截止日期',
  campaignId: '参加征集批次',
  'contact.name': '联系人',
  'contact.phone': '联系电话',
  'contact.email': '电子邮箱',
  ...raceFieldLabels,
};

const fields = {
  title: 'text',
  description: 'text',
  acceptanceCriteria: 'lines',
  industry: 'text',
  scenarioType: 'text',
  technologies: 'list',
  city: 'text',
  'budgetWan.min': 'number',
  'budgetWan.max': 'number',
  'contact.name': 'text',
  'contact.phone': 'text',
  'contact.email': 'text',
} as const;

/** A new need: empty optional fields are left out (the organization's contact, no campaign). */
export const createNeedSpec: FormSpec = {
  ...fields,
  problem: 'text',
  goals: 'text',
  requirements: 'text',
  periodMonths: 'number',
  deadline: 'text',
  campaignId: 'text',
};
/** An edit: emptying the deadline, the campaign or a part of the brief clears it. */
export const editNeedSpec: FormSpec = {
  ...fields,
  problem: { kind: 'text', empty: 'null' },
  goals: { kind: 'text', empty: 'null' },
  requirements: { kind: 'text', empty: 'null' },
  periodMonths: { kind: 'number', empty: 'null' },
  deadline: { kind: 'text', empty: 'null' },
  campaignId: { kind: 'text', empty: 'null' },
};

const BUDGET_BOUNDS = ['budgetWan.min', 'budgetWan.max'] as const;

/**
 * The service input of the new-need form: the budget always goes, so that each missing bound is reported
 * under its own field rather than the budget as a whole.
 */
export function needInput(values: FormValues, spec: FormSpec): Record<string, unknown> {
  const input = toInput(values, spec, ['budgetWan']);
  const criteria = criteriaInput(values);
  return criteria.length > 0 ? { ...input, criteria } : input;
}

/** The service input of the edit form: emptying every row of 评审标准 clears them. */
export function editNeedInput(values: FormValues): Record<string, unknown> {
  return { ...toInput(values, editNeedSpec), criteria: criteriaInput(values) };
}

/**
 * The errors as the form shows them. The schema says of a missing amount only that something is required:
 * the form names the budget field left empty, in its own words. An acceptance criterion is a line of one
 * textarea: its error goes under the textarea, saying which line.
 */
export function needFormErrors(values: FormValues, errors: FieldError[]): FieldError[] {
  return errors.map((error) => {
    const row = criteriaError(error);
    if (row) return row;
    const line = /^acceptanceCriteria\.(\d+)$/.exec(error.path);
    if (line) return { path: 'acceptanceCriteria', message: `第${Number(line[1]) + 1}条：${error.message}` };
    const bound = BUDGET_BOUNDS.find((name) => name === error.path);
    if (!bound || String(values[bound] ?? '').trim() !== '') return error;
    return { ...error, message: `请填写${needFieldLabels[bound]}` };
  });
}

/** The acceptance criteria, a list in the need, as the lines of their textarea. */
function criteriaAsLines(form: FormState): FormState {
  const criteria = form.values.acceptanceCriteria;
  if (!Array.isArray(criteria)) return form;
  return { ...form, values: { ...form.values, acceptanceCriteria: criteria.join('\n') } };
}

/** Said before the form is filled in, not after the first submit. */
function UnverifiedNotice({ orgStatus }: { orgStatus: string | null | undefined }) {
  if (orgStatus === undefined || orgStatus === 'verified') return null;
  return (
    <div class="flash flash-info" role="note">
      {orgStatus === 'suspended'
        ? '您的机构已被平台暂停，可以保存草稿，但暂不能提交审核。'
        : '您的机构尚未通过平台认证：现在可以保存草稿，认证通过后才能提交审核。'}
    </div>
  );
}

export function NeedForm({
  form,
  action,
  csrfToken,
  campaigns,
  revision,
  submitLabel,
  withSubmitNow,
  orgStatus,
}: {
  form: FormState;
  action: string;
  csrfToken: string;
  /** Open campaigns that collect needs. */
  campaigns: Option[];
  /** The revision the edit started from: a concurrent change is refused rather than overwritten. */
  revision?: string;
  submitLabel: string;
  /** A second button that saves and sends the need to review at once. */
  withSubmitNow?: boolean;
  /** The author's organization status: until it is verified a need can be saved but not submitted. */
  orgStatus?: string | null;
}) {
  return (
    <>
      <UnverifiedNotice orgStatus={orgStatus} />
      <ErrorSummary errors={form.errors} fields={needFieldLabels} />
      <form method="post" action={action} class="form" novalidate>
        <CsrfField token={csrfToken} />
        {revision ? <input type="hidden" name="revision" value={revision} /> : null}
        <TextField
          name="title"
          label={needFieldLabels.title}
          form={form}
          required
          maxLength={60}
          hint="4到60个字，说清要解决的问题"
        />
        <TextArea
          name="description"
          label={needFieldLabels.description}
          form={form}
          required
          maxLength={3000}
          rows={8}
          hint="20到3000个字：现状、痛点、期望效果、验收要求"
        />
        <fieldset>
          <legend>需求说明（揭榜挂帅：写得越具体，越容易匹配到合适的方案）</legend>
          <TextArea
            name="problem"
            label={needFieldLabels.problem}
            form={form}
            maxLength={2000}
            rows={4}
            hint="现在怎么做、问题出在哪里，最好有数字：如人工巡检每天4小时、漏检率约3%"
          />
          <TextArea
            name="goals"
            label={needFieldLabels.goals}
            form={form}
            maxLength={2000}
            rows={3}
            hint="建成后要达到的效果"
          />
          <TextArea
            name="requirements"
            label={needFieldLabels.requirements}
            form={form}
            maxLength={2000}
            rows={3}
            hint="部署方式、对接的系统、数据条件、性能要求等"
          />
          <TextArea
            name="acceptanceCriteria"
            label={needFieldLabels.acceptanceCriteria}
            form={criteriaAsLines(form)}
            rows={4}
            hint="每行一条，可衡量：如识别准确率不低于95%、响应时间小于2秒（最多20条）"
          />
          <NumberField
            name="periodMonths"
            label={needFieldLabels.periodMonths}
            form={form}
            min={1}
            hint="1到120个月"
          />
          <CriteriaFields form={form} label={needFieldLabels.criteria} />
        </fieldset>
        <RaceFields form={form} />
        <div class="pair">
          <SelectField
            name="industry"
            label={needFieldLabels.industry}
            form={form}
            required
            options={industryOptions}
          />
          <SelectField
            name="scenarioType"
            label={needFieldLabels.scenarioType}
            form={form}
            required
            options={scenarioTypeOptions}
          />
        </div>
        <CheckboxGroup
          name="technologies"
          label={needFieldLabels.technologies}
          form={form}
          options={technologyOptions}
          hint="最多8项"
        />
        <div class="pair">
          <SelectField
            name="city"
            label={needFieldLabels.city}
            form={form}
            required
            options={cityOptions()}
          />
          <TextField name="deadline" label={needFieldLabels.deadline} type="date" form={form} hint="可不填" />
        </div>
        <div class="pair">
          <NumberField
            name="budgetWan.min"
            label={needFieldLabels['budgetWan.min']}
            form={form}
            required
            min={0}
          />
          <NumberField
            name="budgetWan.max"
            label={needFieldLabels['budgetWan.max']}
            form={form}
            required
            min={0}
          />
        </div>
        {campaigns.length > 0 ? (
          <SelectField
            name="campaignId"
            label={needFieldLabels.campaignId}
            form={form}
            options={campaigns}
            placeholder="不参加征集批次（审核通过即发布）"
          />
        ) : null}
        <fieldset>
          <legend>联系人（不填则使用机构联系人）</legend>
          <TextField name="contact.name" label={needFieldLabels['contact.name']} form={form} maxLength={30} />
          <div class="pair">
            <TextField name="contact.phone" label={needFieldLabels['contact.phone']} type="tel" form={form} />
            <TextField
              name="contact.email"
              label={needFieldLabels['contact.email']}
              type="email"
              form={form}
            />
          </div>
        </fieldset>
        <div id="completeness-live" data-assess="/needs/assess" aria-live="polite" hidden />
        <div class="actions">
          {withSubmitNow ? (
            <button type="submit" name="intent" value="submit">
              保存并提交审核
            </button>
          ) : null}
          <button type="submit" name="intent" value="draft" class={withSubmitNow ? 'secondary' : undefined}>
            {submitLabel}
          </button>
        </div>
      </form>
      <script src="/static/need-hints.js" defer />
    </>
  );
}
