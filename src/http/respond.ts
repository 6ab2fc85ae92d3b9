import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RequestContext } from '../application/deps.js';
import type { EventStore } from '../eventstore/port.js';
import { requestClient } from '../server/client-ip.js';
import type { HttpEnv } from '../server/env.js';

/**
 * What handlers return. The routes declare their response schemas for the OpenAPI document; the body
 * is the domain's state, serialized here, so the typed-response check of @hono/zod-openapi is waived.
 */
// biome-ignore lint/suspicious/noExplicitAny: the phantom types of TypedResponse are not checked here (see above).
export type ApiResponse = Response & TypedResponse<any, any, any>;

export function requestContext(c: Context<HttpEnv>): RequestContext {
  const expectedRevision = c.get('expectedRevision');
  return {
    actor: c.get('actor'),
    correlationId: c.get('requestId'),
    client: requestClient(c),
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
  };
}

export function etag(revision: bigint | number): string {
  return `W/"${revision}"`;
}

/** JSON with bigints (revisions, positions) as numbers: they stay far below 2^53 in practice. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

export function json(c: Context<HttpEnv>, body: unknown, status: ContentfulStatusCode = 200): ApiResponse {
  return c.body(toJson(body), status, { 'Content-Type': 'application/json; charset=utf-8' }) as ApiResponse;
}

/**
 * JSON of a read model's answer (a page of search results, a stored match list): parsed from the index's
 * JSON, with numbers for counts, so it holds no bigint and is serialized without `toJson`'s replacer, which
 * costs a call for every value of every document and doubled what serializing a page cost.
 */
export function readModelJson(c: Context<HttpEnv>, body: object): ApiResponse {
  return c.body(JSON.stringify(body), 200, {
    'Content-Type': 'application/json; charset=utf-8',
  }) as ApiResponse;
}

/** One entity as the services return it: folded state, stream revision and, after a command, `$all` position. */
export interface EntityResult<State> {
  id: string;
  state: State;
  revision: bigint | null;
  position?: bigint | null;
}

export interface EntityResponseOptions<State> {
  status?: ContentfulStatusCode;
  /** Sent with 201: where the new entity lives. */
  location?: string;
  /** What the caller may see of the state (e.g. a need without its contact). */
  view?: (state: State) => object;
}

/** `{...state, id, status, revision}` with `ETag: W/"<revision>"`. */
export function entityResponse<State extends { status: string }>(
  c: Context<HttpEnv>,
  result: EntityResult<State>,
  options: EntityResponseOptions<State> = {},
): ApiResponse {
  const revision = result.revision ?? -1n;
  const shown = options.view ? options.view(result.state) : result.state;
  c.header('ETag', etag(revision));
  if (options.location) c.header('Location', options.location);
  return json(c, { ...shown, id: result.id, status: result.state.status, revision }, options.status ?? 200);
}

/**
 * An entity after a command, with `X-Position` for read-your-writes. When a service reports no position
 * (the command changed nothing), the store's head stands in: it is past every event the caller depends on.
 */
export async function commandResponse<State extends { status: string }>(
  c: Context<HttpEnv>,
  store: Pick<EventStore, 'headPosition'>,
  result: EntityResult<State>,
  options: EntityResponseOptions<State> = {},
): Promise<ApiResponse> {
  const position = result.position ?? (await store.headPosition());
  c.header('X-Position', String(position));
  return entityResponse(c, result, options);
}
