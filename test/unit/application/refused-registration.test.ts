import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerOrganization } from '../../../src/application/organization-service.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import {
  anonymous,
  nextUscc,
  openWorld,
  PASSWORD,
  registration,
  type ServiceWorld,
} from './listing-support.js';

let world: ServiceWorld;
beforeEach(() => {
  world = openWorld();
});
afterEach(() => world.close());

/** Given a registered organization, when `second` registers, then it is refused with `code` and $all is unchanged. */
async function refusedWithoutWriting(second: unknown, code: string) {
  const head = await world.store.headPosition();
  const error = await registerOrganization(world.deps, anonymous, second).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect(await world.store.readAll({ fromPosition: head + 1n })).toEqual([]);
  expect(await world.store.headPosition()).toBe(head);
}

describe('a refused registration appends no event at all', () => {
  it('when the USCC is already registered: no username reservation, no release', async () => {
    const first = registration('demander');
    await registerOrganization(world.deps, anonymous, first);
    await refusedWithoutWriting(registration('vendor', { uscc: first.uscc }), 'organization.uscc_taken');
  });

  it('when the username is already in use: no USCC reservation, no release', async () => {
    const first = registration('demander');
    await registerOrganization(world.deps, anonymous, first);
    const second = registration('vendor', {
      uscc: nextUscc(),
      admin: { username: first.admin.username, password: PASSWORD },
    });
    await refusedWithoutWriting(second, 'user.username_taken');
  });
});
