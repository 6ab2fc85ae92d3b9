import { describe, expect, it, vi } from 'vitest';
import { termWeight } from '../../../src/search/tokenizer.js';
import { startReactor } from '../../api/notifications-support.js';
import { createTestApi } from '../../api/support.js';

vi.mock('../../../src/search/tokenizer.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/search/tokenizer.js')>();
  return { ...actual, termWeight: vi.fn(actual.termWeight) };
});

describe('the notification reactor, once started', () => {
  it('loads the word weights of the search in the background, before any search asks for them', async () => {
    const api = await createTestApi();
    try {
      expect(termWeight).not.toHaveBeenCalled();
      const { reactor } = await startReactor(api);
      // Not within start: start does not wait for it.
      expect(termWeight).not.toHaveBeenCalled();
      await vi.waitFor(() => expect(termWeight).toHaveBeenCalled(), { timeout: 10_000 });
      await reactor.stop();
    } finally {
      await api.close();
    }
  });
});
