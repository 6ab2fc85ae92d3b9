import type { FieldError } from '../../domain/shared/errors.js';
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
import { type FormSpec, toInput } from '../form-input.js';
import { cityOptions, industryOptions, scenarioTypeOptions, technologyOptions } from '../options.js';

export const needFieldLabels = {
  title: '需求标题',
  description: '需求描述',
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
};

const fields = {
  title: 'text',
  description: 'text',
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
export const createNeedSpec: FormSpec = { ...fields, deadline: 'text', campaignId: 'text' };
/** An edit: emptying the deadline or the campaign clears it. */
export const editNeedSpec: FormSpec = {
  ...fields,
  deadline: { kind: 'text', empty: 'null' },
  campaignId: { kind: 'text', empty: 'null' },
};

const BUDGET_BOUNDS = ['budgetWan.min', 'budgetWan.max'] as const;

/**
 * The service input of the new-need form: the budget always goes, so that each missing bound is reported
 * under its own field rather than the budget as a whole.
 */
export function needInput(values: FormValues, spec: FormSpec): Record<string, unknown> {
  return toInput(values, spec, ['budgetWan']);
}

/**
 * The schema says of a missing amount only that something is required; the form names the budget field
 * that was left empty, in its own words.
 */
export function namedBudgetErrors(values: FormValues, errors: FieldError[]): FieldError[] {
  return errors.map((error) => {
    const bound = BUDGET_BOUNDS.find((name) => name === error.path);
    if (!bound || String(values[bound] ?? '').trim() !== '') return error;
    return { ...error, message: `请填写${needFieldLabels[bound]}` };
  });
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
          <SelectField name="city" label={needFieldLabels.city} form={form} required options={cityOptions} />
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
    </>
  );
}
