import type { EventData as ClientEventData, Position } from '@kurrent/kurrentdb-client';
import { jsonEvent } from '@kurrent/kurrentdb-client';
import type { EventData, JsonObject, RecordedEvent } from '../port.js';
import { commitPositionOf } from './positions.js';

/** The fields we read from the client's recorded events (JSON or binary alike). */
export interface ClientRecord {
  id: string;
  streamId: string;
  type: string;
  revision: bigint;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

/** KurrentDB's own bookkeeping ($epoch-information, $metadata, links, stats…) never reaches our readers. */
export function isSystemEvent(event: { stream: string; type: string }): boolean {
  return event.type.startsWith('$') || event.stream.startsWith('$');
}

export function toClientEvent(event: EventData, newId: () => string): ClientEventData {
  return jsonEvent({
    id: event.id ?? newId(),
    type: event.type,
    data: event.data,
    ...(event.metadata && { metadata: event.metadata }),
  });
}

/** Events written by other tools may carry binary or non-object payloads; they read as empty objects. */
function asJsonObject(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array)
    return {};
  return value as JsonObject;
}

export function toRecordedEvent(record: ClientRecord): RecordedEvent {
  return {
    id: record.id,
    stream: record.streamId,
    type: record.type,
    revision: record.revision,
    position: commitPositionOf(record.position),
    data: asJsonObject(record.data),
    metadata: asJsonObject(record.metadata),
    time: record.created,
  };
}
