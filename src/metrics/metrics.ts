import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ProjectionLag } from '../projections/status.js';

/**
 * The Prometheus metrics of one process, in their own registry (not prom-client's global one), so that
 * several apps in one test process do not collide.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  appendDuration: Histogram<'outcome'>;
}

export interface MetricsOptions {
  /** Events in `$all` not yet processed by the projections; read at each scrape. */
  projectionLag?: () => Promise<ProjectionLag>;
  defaultMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'yunsupei_' });
  const httpRequests = new Counter({
    name: 'yunsupei_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'yunsupei_http_request_duration_seconds',
    help: 'HTTP request latency, by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const appendDuration = new Histogram({
    name: 'yunsupei_eventstore_append_duration_seconds',
    help: 'Event store append latency, by outcome (ok, conflict, error)',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const lag = options.projectionLag;
  if (lag) {
    new Gauge({
      name: 'yunsupei_projection_lag_events',
      help: 'Positions in $all the projections have not processed yet',
      registers: [registry],
      async collect() {
        this.set(Number((await lag()).positions));
      },
    });
    new Gauge({
      name: 'yunsupei_projection_lag_seconds',
      help: 'How long the projections have been behind the event store',
      registers: [registry],
      async collect() {
        this.set((await lag()).seconds);
      },
    });
  }
  return { registry, httpRequests, httpDuration, appendDuration };
}
