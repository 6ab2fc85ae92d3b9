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
import type { FormSpec } from '../form-input.js';
import {
  deploymentOptions,
  industryOptions,
  regionOptions,
  scenarioTypeOptions,
  technologyOptions,
} from '../options.js';

export const solutionFieldLabels = {
  title: '方案名称',
  description: '方案介绍',
  industries: '适用行业',
  scenarioTypes: '适用场景',
  technologies: '核心技术',
  regionsServed: '服务地域',
  'priceWan.min': '报价下限（万元）',
  'priceWan.max': '报价上限（万元）',
  deployment: '部署方式',
  campaignId: '参加征集批次',
};

const fields = {
  title: 'text',
  description: 'text',
  industries: 'list',
  scenarioTypes: 'list',
  technologies: 'list',
  regionsServed: 'list',
  'priceWan.min': 'number',
  'priceWan.max': 'number',
  deployment: 'text',
} as const;

export const createSolutionSpec: FormSpec = { ...fields, campaignId: 'text' };
export const editSolutionSpec: FormSpec = { ...fields, campaignId: { kind: 'text', empty: 'null' } };

export function SolutionForm({
  form,
  action,
  csrfToken,
  campaigns,
  revision,
  submitLabel,
  withSubmitNow,
}: {
  form: FormState;
  action: string;
  csrfToken: string;
  campaigns: Option[];
  revision?: string;
  submitLabel: string;
  withSubmitNow?: boolean;
}) {
  return (
    <>
      <ErrorSummary errors={form.errors} fields={solutionFieldLabels} />
      <form method="post" action={action} class="form" novalidate>
        <CsrfField token={csrfToken} />
        {revision ? <input type="hidden" name="revision" value={revision} /> : null}
        <TextField
          name="title"
          label={solutionFieldLabels.title}
          form={form}
          required
          maxLength={60}
          hint="4到60个字"
        />
        <TextArea
          name="description"
          label={solutionFieldLabels.description}
          form={form}
          required
          maxLength={3000}
          rows={8}
          hint="20到3000个字：功能、技术路线、典型客户、交付方式"
        />
        <CheckboxGroup
          name="industries"
          label={solutionFieldLabels.industries}
          form={form}
          required
          options={industryOptions}
          hint="1到8项"
        />
        <CheckboxGroup
          name="scenarioTypes"
          label={solutionFieldLabels.scenarioTypes}
          form={form}
          required
          options={scenarioTypeOptions}
        />
        <CheckboxGroup
          name="technologies"
          label={solutionFieldLabels.technologies}
          form={form}
          required
          options={technologyOptions}
          hint="1到8项"
        />
        <CheckboxGroup
          name="regionsServed"
          label={solutionFieldLabels.regionsServed}
          form={form}
          required
          options={regionOptions()}
          hint="选“全省”即可服务全部城市，此时不再选择具体城市"
        />
        <div class="pair">
          <NumberField
            name="priceWan.min"
            label={solutionFieldLabels['priceWan.min']}
            form={form}
            required
            min={0}
          />
          <NumberField
            name="priceWan.max"
            label={solutionFieldLabels['priceWan.max']}
            form={form}
            required
            min={0}
          />
        </div>
        <SelectField
          name="deployment"
          label={solutionFieldLabels.deployment}
          form={form}
          required
          options={deploymentOptions}
        />
        {campaigns.length > 0 ? (
          <SelectField
            name="campaignId"
            label={solutionFieldLabels.campaignId}
            form={form}
            options={campaigns}
            placeholder="不参加征集批次"
          />
        ) : null}
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
