import type { Filter } from '@kurrent/kurrentdb-client';
import { eventTypeFilter, excludeSystemEvents, streamNameFilter } from '@kurrent/kurrentdb-client';
import type { SubscriptionFilter } from '../port.js';

/**
 * The server filters on one field only, so it gets the stream prefixes when there are any, else the event
 * types (as prefixes, a superset of the exact names), else just "no system events". The subscription then
 * applies the whole filter exactly, so the server's share only saves bandwidth.
 */
export function serverFilterFor(filter: SubscriptionFilter | undefined): Filter {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: filter.eventTypes });
  return excludeSystemEvents();
}
