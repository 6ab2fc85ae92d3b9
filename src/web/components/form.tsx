import type { Child } from 'hono/jsx';
import type { FieldError } from '../../domain/shared/errors.js';
import { CSRF_FIELD } from '../session/csrf.js';

/** A form's raw values as posted (or as an entity flattens to): `budgetWan.min` → "10", `technologies` → [...]. */
export type FormValues = Record<string, string | string[] | undefined>;

export interface FormState {
  values: FormValues;
  errors: FieldError[];
}

export const emptyForm: FormState = { values: {}, errors: [] };

export interface Option {
  value: string;
  label: string;
}

export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * Whether an error is about a field: its own path, an element of it (`technologies.2` for `technologies`),
 * or the group it belongs to (`budgetWan`, missing as a whole, for `budgetWan.min`).
 */
function isAbout(error: FieldError, name: string): boolean {
  return (
    error.path === name ||
    error.path.startsWith(`${name}.`) ||
    (error.path !== '' && name.startsWith(`${error.path}.`))
  );
}

/** The first message for a field. */
export function errorFor(errors: FieldError[], name: string): string | undefined {
  return errors.find((e) => isAbout(e, name))?.message;
}

function single(values: FormValues, name: string): string {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function many(values: FormValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : value ? [value] : [];
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

interface FieldProps {
  name: string;
  label: string;
  form: FormState;
  required?: boolean;
  hint?: string;
}

/** Label above, control, hint, then the error; the control points at hint and error for screen readers. */
function Field({
  name,
  label,
  required,
  hint,
  error,
  children,
}: Omit<FieldProps, 'form'> & { error: string | undefined; children: Child }) {
  const id = fieldId(name);
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id} class={required ? 'required' : undefined}>
        {label}
      </label>
      {children}
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const id = fieldId(name);
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function controlProps(props: FieldProps, error: string | undefined) {
  return {
    id: fieldId(props.name),
    name: props.name,
    required: props.required,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy(props.name, props.hint, error),
  };
}

export function TextField(
  props: FieldProps & {
    type?: 'text' | 'password' | 'email' | 'tel' | 'date' | 'datetime-local';
    maxLength?: number;
    autocomplete?: string;
  },
) {
  const error = errorFor(props.form.errors, props.name);
  return (
    <Field {...props} error={error}>
      <input
        type={props.type ?? 'text'}
        {...controlProps(props, error)}
        value={props.type === 'password' ? undefined : single(props.form.values, props.name)}
        maxlength={props.maxLength}
        autocomplete={props.autocomplete}
      />
    </Field>
  );
}

export function NumberField(props: FieldProps & { min?: number; step?: string }) {
  const error = errorFor(props.form.errors, props.name);
  return (
    <Field {...props} error={error}>
      <input
        type="number"
        inputmode="decimal"
        {...controlProps(props, error)}
        value={single(props.form.values, props.name)}
        min={props.min}
        step={props.step ?? 'any'}
      />
    </Field>
  );
}

export function TextArea(props: FieldProps & { maxLength?: number; rows?: number }) {
  const error = errorFor(props.form.errors, props.name);
  return (
    <Field {...props} error={error}>
      <textarea {...controlProps(props, error)} maxlength={props.maxLength} rows={props.rows ?? 6}>
        {single(props.form.values, props.name)}
      </textarea>
    </Field>
  );
}

export function SelectField(props: FieldProps & { options: Option[]; placeholder?: string }) {
  const error = errorFor(props.form.errors, props.name);
  const current = single(props.form.values, props.name);
  return (
    <Field {...props} error={error}>
      <select {...controlProps(props, error)}>
        <option value="">{props.placeholder ?? '请选择'}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A group of checkboxes in a fieldset; its legend labels the group, each box has its own label. */
export function CheckboxGroup(props: FieldProps & { options: Option[] }) {
  const error = errorFor(props.form.errors, props.name);
  const id = fieldId(props.name);
  const chosen = new Set(many(props.form.values, props.name));
  return (
    <fieldset
      id={id}
      class={error ? 'field invalid' : 'field'}
      aria-describedby={describedBy(props.name, props.hint, error)}
    >
      <legend class={props.required ? 'required' : undefined}>{props.label}</legend>
      <div class="checks">
        {props.options.map((o) => (
          <label>
            <input type="checkbox" name={props.name} value={o.value} checked={chosen.has(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * Every problem at the top of the form, each linking to its field, so that a keyboard or screen-reader user
 * learns at once what to fix and where. `fields` names the fields the form shows.
 */
export function ErrorSummary({ errors, fields }: { errors: FieldError[]; fields: Record<string, string> }) {
  if (errors.length === 0) return null;
  // The most specific name first; a group's error links to the first of its fields.
  const named = Object.keys(fields).sort((a, b) => b.length - a.length);
  const fieldOf = (error: FieldError) =>
    named.find((name) => error.path === name || error.path.startsWith(`${name}.`)) ??
    Object.keys(fields).find((name) => isAbout(error, name));
  return (
    <div class="form-summary" role="alert" tabindex={-1} id="form-errors">
      <strong>提交的内容有误，请按提示修改：</strong>
      <ul>
        {errors.map((e) => {
          const field = fieldOf(e);
          return field ? (
            <li>
              <a href={`#${fieldId(field)}`}>
                {fields[field]}：{e.message}
              </a>
            </li>
          ) : (
            <li>{e.message}</li>
          );
        })}
      </ul>
    </div>
  );
}
