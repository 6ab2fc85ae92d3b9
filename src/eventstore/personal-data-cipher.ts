import type { KeyStore } from '../personal-data/key-store.js';
import { type PersonalDataRule, personalDataOf, subjectName } from '../personal-data/personal-fields.js';
import { isSealed, seal, unseal } from '../personal-data/sm4-envelope.js';
import type { EventData, EventStore, JsonObject, JsonValue, RecordedEvent } from './port.js';

/** A sealed value names a subject that has neither a key nor a tombstone: the key file was lost. */
export class PersonalDataKeyMissingError extends Error {
  constructor(readonly subject: string) {
    super(`no personal-data key for ${subject} and no record of its destruction: restore the keys dir`);
    this.name = 'PersonalDataKeyMissingError';
  }
}

/**
 * The same store, keeping personal data encrypted in it: on append, each personal field of the events
 * `PERSONAL_DATA` lists becomes `{ $sm4: envelope }` under its subject's key; on every read it is opened
 * again, so deciders, projections and pages see plain values. Values stored before encryption existed are
 * plain and read as they are. A field whose subject's key was destroyed reads as the rule's erased value.
 */
export function encryptPersonalData(store: EventStore, keys: KeyStore): EventStore {
  async function sealEvent(stream: string, event: EventData, batch: EventData[]): Promise<EventData> {
    const rule = personalDataOf(event.type);
    if (!rule) return event;
    let data = event.data;
    let subject: string | undefined;
    for (const field of rule.fields) {
      const value = valueAt(data, field.path);
      if (value === undefined || value === null || isSealed(value)) continue;
      subject ??= await subjectOf(rule, stream, event.data, batch);
      const key = await keys.createKey(subject);
      data = withValueAt(data, field.path, seal(JSON.stringify(value), subject, key));
    }
    return data === event.data ? event : { ...event, data };
  }

  async function subjectOf(
    rule: PersonalDataRule,
    stream: string,
    data: JsonObject,
    batch: EventData[],
  ): Promise<string> {
    const { kind, idField } = rule.subject;
    const named = (candidate: JsonObject | undefined) =>
      typeof candidate?.[idField] === 'string' ? candidate[idField] : undefined;
    const id =
      named(data) ??
      batch.map((event) => named(event.data)).find((found) => found !== undefined) ??
      named((await store.readStream(stream, { maxCount: 1 }))[0]?.data);
    if (typeof id !== 'string') {
      throw new Error(`cannot tell whose personal data ${stream} holds: no ${idField}`);
    }
    return subjectName(kind, id);
  }

  async function openEvent(event: RecordedEvent): Promise<RecordedEvent> {
    const rule = personalDataOf(event.type);
    if (!rule) return event;
    let data = event.data;
    for (const field of rule.fields) {
      const value = valueAt(data, field.path);
      if (!isSealed(value)) continue;
      const subject = value.$sm4.subject;
      const key = await keys.keyFor(subject);
      let plain: JsonValue;
      if (key) plain = JSON.parse(unseal(value.$sm4, key)) as JsonValue;
      else if (await keys.isDestroyed(subject)) plain = structuredClone(field.erased);
      else throw new PersonalDataKeyMissingError(subject);
      data = withValueAt(data, field.path, plain);
    }
    return data === event.data ? event : { ...event, data };
  }

  const openAll = (events: RecordedEvent[]) => Promise.all(events.map(openEvent));

  return {
    async append(stream, events, options) {
      const sealed: EventData[] = [];
      for (const event of events) sealed.push(await sealEvent(stream, event, events));
      return store.append(stream, sealed, options);
    },
    readStream: async (stream, options) => openAll(await store.readStream(stream, options)),
    readAll: async (options) => openAll(await store.readAll(options)),
    subscribeToAll(options) {
      const subscription = store.subscribeToAll(options);
      return {
        close: () => subscription.close(),
        // Not an async generator: a generator's return() waits behind a pending next(), and a reader that
        // stops while the live subscription waits for the next event (batches.ts) would wait forever.
        [Symbol.asyncIterator]() {
          const inner = subscription[Symbol.asyncIterator]();
          return {
            async next() {
              const result = await inner.next();
              return result.done ? result : { done: false, value: await openEvent(result.value) };
            },
            async return() {
              await inner.return?.();
              return { done: true, value: undefined };
            },
          };
        },
      };
    },
    headPosition: () => store.headPosition(),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

function valueAt(data: JsonObject, path: readonly string[]): JsonValue | undefined {
  let value: JsonValue | undefined = data;
  for (const part of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = value[part];
  }
  return value;
}

/** A copy of `data` with the value at `path` replaced; the objects along the path are copied, nothing else. */
function withValueAt(data: JsonObject, path: readonly string[], value: JsonValue): JsonObject {
  const [head, ...rest] = path;
  if (head === undefined) return data;
  if (rest.length === 0) return { ...data, [head]: value };
  const inner = data[head];
  const child = typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? inner : {};
  return { ...data, [head]: withValueAt(child, rest, value) };
}
