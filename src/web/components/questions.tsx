import type { QuestionSeen } from '../../application/question-service.js';
import type { FieldError } from '../../domain/shared/errors.js';
import { formatDateTime } from '../format.js';
import { webMessages } from '../messages.js';
import { CsrfField, ErrorSummary, type FormState, TextArea } from './form.js';

/** The forms of the 答疑 section that come back with errors: the vendor's question, or one answer. */
export interface QuestionForms {
  ask?: FormState;
  answer?: { questionId: string; form: FormState };
}

/** The posted field of each form: one 提问 box, and one 回答 box per waiting question (ids stay unique). */
export const ASK_FIELD = 'question';
export const answerField = (questionId: string) => `answer-${questionId}`;

/** The service names its field `text`; the form shows the error on the box the person typed in. */
export function onField(errors: FieldError[], field: string): FieldError[] {
  return errors.map((error) => (error.path === 'text' ? { ...error, path: field } : error));
}

const text = webMessages.questions;

function AnswerForm({
  needId,
  question,
  form,
  csrfToken,
}: {
  needId: string;
  question: QuestionSeen;
  form: FormState | undefined;
  csrfToken: string;
}) {
  const field = answerField(question.id);
  const state = form ?? { values: {}, errors: [] };
  return (
    <form method="post" action={`/needs/${needId}/questions/${question.id}/answer`} class="form" novalidate>
      <CsrfField token={csrfToken} />
      <TextArea
        name={field}
        label={text.answerLabel}
        form={state}
        required
        rows={3}
        maxLength={1000}
        hint={text.answerHint}
      />
      <button type="submit">{text.answerButton}</button>
    </form>
  );
}

/**
 * 答疑 on the need page: the questions the viewer may see (answered ones public, without who asked), a
 * 提问 form for a verified vendor, and an answer form under each waiting question for the need's owner.
 */
export function QuestionSection({
  needId,
  questions,
  ask,
  isOwner,
  forms,
  csrfToken,
}: {
  needId: string;
  questions: QuestionSeen[];
  /** 'form' for a verified vendor on a published need, 'unverified' for a vendor not (yet) verified. */
  ask: 'form' | 'unverified' | null;
  isOwner: boolean;
  forms: QuestionForms;
  csrfToken: string;
}) {
  const askForm = forms.ask ?? { values: {}, errors: [] };
  return (
    <section class="card" id="questions" aria-labelledby="questions-title">
      <h2 id="questions-title">{text.title}</h2>
      {questions.length === 0 ? <p class="muted">{text.none}</p> : null}
      <ol class="questions">
        {questions.map((question) => {
          const answerForm = forms.answer?.questionId === question.id ? forms.answer.form : undefined;
          return (
            <li>
              <p>
                <strong>{text.asked}</strong>
                {question.text}
              </p>
              <p class="muted small">
                {formatDateTime(question.askedAt)}
                {question.askedByViewer ? ` · ${text.yours}` : ''}
              </p>
              {answerForm ? (
                <ErrorSummary
                  errors={answerForm.errors}
                  fields={{ [answerField(question.id)]: text.answerLabel }}
                />
              ) : null}
              {question.answer ? (
                <p>
                  <strong>{text.answered}</strong>
                  {question.answer.text}
                </p>
              ) : isOwner ? (
                <AnswerForm needId={needId} question={question} form={answerForm} csrfToken={csrfToken} />
              ) : (
                <p class="muted small">{text.waiting}</p>
              )}
            </li>
          );
        })}
      </ol>
      {ask === 'unverified' ? <p class="muted">{text.unverified}</p> : null}
      {/* Also without the form: a need closed since the page was shown still says why it was refused. */}
      <ErrorSummary errors={askForm.errors} fields={{ [ASK_FIELD]: text.askLabel }} />
      {ask === 'form' ? (
        <form method="post" action={`/needs/${needId}/questions`} class="form" novalidate>
          <CsrfField token={csrfToken} />
          <TextArea
            name={ASK_FIELD}
            label={text.askLabel}
            form={askForm}
            required
            rows={3}
            maxLength={500}
            hint={text.askHint}
          />
          <button type="submit">{text.askButton}</button>
        </form>
      ) : null}
    </section>
  );
}
