import { CRITERIA_MAX } from '../../domain/need/criteria.js';
import { CRITERION_NAME, CRITERION_WEIGHT } from '../criteria-form.js';
import { errorFor, type FormState, fieldId } from './form.js';

const many = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

/** Blank rows offered beyond those filled in. */
const SPARE_ROWS = 2;

/** 评审标准: rows of a name and a weight (%), the weights adding up to 100; all empty for no expert review. */
export function CriteriaFields({ form, label }: { form: FormState; label: string }) {
  const names = many(form.values[CRITERION_NAME]);
  const weights = many(form.values[CRITERION_WEIGHT]);
  const filled = Math.max(names.length, weights.length);
  const rows = Math.min(CRITERIA_MAX, Math.max(4, filled + SPARE_ROWS));
  const error = errorFor(form.errors, 'criteria');
  const id = fieldId('criteria');
  return (
    <fieldset id={id} class={error ? 'field invalid' : 'field'} aria-describedby={`${id}-hint`}>
      <legend>{label}（可不填）</legend>
      <p class="hint" id={`${id}-hint`}>
        专家评审时逐项打分（0–100分），按权重加权：如技术方案40、实施经验30、报价20、服务保障10。权重为整数，合计须为100。
      </p>
      <table class="criteria-rows">
        <thead>
          <tr>
            <th scope="col">评审标准名称</th>
            <th scope="col">权重（%）</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr>
              <td>
                <input
                  type="text"
                  name={CRITERION_NAME}
                  value={names[i] ?? ''}
                  maxlength={20}
                  aria-label={`第${i + 1}项评审标准名称`}
                />
              </td>
              <td>
                <input
                  type="number"
                  name={CRITERION_WEIGHT}
                  value={weights[i] ?? ''}
                  min={1}
                  max={100}
                  step="1"
                  aria-label={`第${i + 1}项评审标准权重`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
