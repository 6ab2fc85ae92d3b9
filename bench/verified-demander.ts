/**
 * What the notification benches set up before they measure: a JSON caller over the app, a staff account and
 * one verified demander, both signed in.
 */

import type { AppDeps } from '../src/application/deps.js';
import { currentPolicyVersions } from '../src/application/policies/policies.js';
import { createStaffUser } from '../src/application/user-service.js';
import { usccCheckCharacter } from '../src/domain/shared/uscc.js';
import { systemContext } from '../src/runtime.js';
import type { createApp } from '../src/server/app.js';

export type ApiCall = (
  method: string,
  path: string,
  token?: string,
  body?: unknown,
) => Promise<Record<string, unknown>>;

export function apiCaller(app: ReturnType<typeof createApp>): ApiCall {
  return async (method, path, token, body) => {
    const res = await app.request(path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
}

/** The tokens of staff `bench-staff` and of the verified demander `bench-demander`. */
export async function staffAndVerifiedDemander(deps: AppDeps, call: ApiCall, password: string) {
  const login = async (username: string) =>
    (await call('POST', '/api/v1/auth/token', undefined, { username, password })).token as string;
  await createStaffUser(deps, systemContext('bench'), { username: 'bench-staff', password });
  const staff = await login('bench-staff');
  const registered = await call('POST', '/api/v1/orgs', undefined, {
    name: '济南市云速配测试制造有限公司',
    uscc: `91370100MA1234567${usccCheckCharacter('91370100MA1234567')}`,
    kind: 'demander',
    city: 'jinan',
    contact: { name: '李主任', phone: '0531-88881234', email: 'bench@example.cn' },
    admin: { username: 'bench-demander', password },
    accepted: currentPolicyVersions(),
  });
  const orgId = (registered.org as { id: string }).id;
  await call('POST', `/api/v1/orgs/${orgId}/verify`, staff);
  return { staff, demander: await login('bench-demander') };
}
