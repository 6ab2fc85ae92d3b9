import type { z } from 'zod';
import { organizationDecider } from '../domain/organization/decider.js';
import { organizationStream } from '../domain/organization/stream.js';
import type { QuestionCommand, QuestionedNeedFact } from '../domain/question/commands.js';
import { answerQuestionInput, askQuestionInput } from '../domain/question/commands.js';
import { questionDecider } from '../domain/question/decider.js';
import type { Answer, Question } from '../domain/question/state.js';
import { needQuestionsStream } from '../domain/question/stream.js';
import type { Actor } from '../domain/shared/actor.js';
import { parseInput } from '../domain/shared/validation.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import type { EntityViews } from './entity-views.js';
import { getNeed } from './need-service.js';

/** A question as a viewer sees it: who asked is never shown, only whether it was the viewer's organization. */
export interface QuestionSeen {
  id: string;
  text: string;
  askedAt: string;
  status: 'open' | 'answered';
  answer: Answer | null;
  askedByViewer: boolean;
}

/** What a command on the Q&A tells its caller: the question and where its event landed (read-your-writes). */
export interface QuestionResult {
  id: string;
  question: QuestionSeen;
  position: bigint;
}

const seenBy = (actor: Actor, question: Question): QuestionSeen => ({
  id: question.id,
  text: question.text,
  askedAt: question.askedAt,
  status: question.answer ? 'answered' : 'open',
  answer: question.answer,
  askedByViewer: actor.orgId !== null && actor.orgId === question.askedBy.orgId,
});

/**
 * An answered question is public; one still waiting is for the need's owner (to answer it), staff, and
 * the organization that asked it.
 */
function maySee(actor: Actor, needOrgId: string, question: Question): boolean {
  if (question.answer || actor.role === 'staff') return true;
  return actor.orgId !== null && (actor.orgId === needOrgId || actor.orgId === question.askedBy.orgId);
}

async function needFact(deps: AppDeps, needId: string): Promise<QuestionedNeedFact> {
  const { state } = await getNeed(deps, needId);
  const demander = await readEntity(deps.store, organizationStream(state.orgId), organizationDecider);
  return { id: needId, orgId: state.orgId, status: state.status, orgStatus: demander.state.status };
}

async function run(deps: AppDeps, ctx: RequestContext, needId: string, command: QuestionCommand) {
  const handled = await handleCommand(deps.store, needQuestionsStream(needId), questionDecider, command, {
    metadata: eventMetadata(ctx, command.context.now),
  });
  const question = handled.state.questions.find((q) => q.id === command.data.questionId);
  if (!question || handled.position === null) {
    throw new Error(`question ${command.data.questionId} was not recorded on need ${needId}`);
  }
  return { id: question.id, question: seenBy(ctx.actor, question), position: handled.position };
}

/** POST /api/v1/needs/:id/questions (a verified vendor): asks the owner of a published need in public. */
export async function askQuestion(
  deps: AppDeps,
  ctx: RequestContext,
  needId: string,
  input: z.input<typeof askQuestionInput>,
): Promise<QuestionResult> {
  const { text } = parseInput(askQuestionInput, input);
  const need = await needFact(deps, needId);
  const orgId = ctx.actor.orgId;
  // Whoever has no organization is refused by the decider for not being a vendor, before its status counts.
  const askerOrg = orgId
    ? { status: (await readEntity(deps.store, organizationStream(orgId), organizationDecider)).state.status }
    : { status: 'none' };
  return run(deps, ctx, needId, {
    type: 'AskQuestion',
    data: { questionId: deps.newId(), text, need, askerOrg },
    context: { actor: ctx.actor, now: deps.clock() },
  });
}

/** POST /api/v1/needs/:id/questions/:questionId/answer (the need's owner): answers once, in public. */
export async function answerQuestion(
  deps: AppDeps,
  ctx: RequestContext,
  needId: string,
  questionId: string,
  input: z.input<typeof answerQuestionInput>,
): Promise<QuestionResult> {
  const { text } = parseInput(answerQuestionInput, input);
  const need = await needFact(deps, needId);
  return run(deps, ctx, needId, {
    type: 'AnswerQuestion',
    data: { questionId, text, need },
    context: { actor: ctx.actor, now: deps.clock() },
  });
}

/**
 * GET /api/v1/needs/:id/questions and the need page's 答疑: the questions this actor may see on a need it
 * may see, newest first.
 */
export async function listQuestions(
  deps: AppDeps,
  views: EntityViews,
  actor: Actor,
  needId: string,
): Promise<QuestionSeen[]> {
  const { state: need } = await views.viewNeed(actor, needId);
  const { state } = await readEntity(deps.store, needQuestionsStream(needId), questionDecider);
  return state.questions
    .filter((question) => maySee(actor, need.orgId, question))
    .map((question) => seenBy(actor, question))
    .reverse();
}
