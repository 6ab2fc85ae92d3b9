import { Hono } from 'hono';

export interface ReadinessCheck {
  name: string;
  check(): Promise<Record<string, unknown> | undefined>;
}

/** `/healthz` says the process answers; `/readyz` says every backend it needs answers too. */
export function healthRoutes(checks: ReadinessCheck[]): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          return { name, ok: true, ...(await check()) };
        } catch (error) {
          return { name, ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const ready = results.every((r) => r.ok);
    return c.json({ status: ready ? 'ready' : 'unavailable', checks: results }, ready ? 200 : 503);
  });
  return app;
}
