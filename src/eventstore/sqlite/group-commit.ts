/** What one item of a batch came to: its value, or the error that failed it alone. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Writes every item queued before the next turn of the event loop in one transaction, so that N
 * concurrent writers pay for one fsync instead of N. `commit` runs the batch synchronously and returns one
 * outcome per item; when it throws, the transaction is lost and every item of the batch fails with it.
 * A promise settles only after `commit` has returned, that is, after the transaction committed.
 */
export interface GroupCommit<I, O> {
  submit(item: I): Promise<O>;
  /** Commits everything queued now, synchronously. */
  flush(): void;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

export function createGroupCommit<I, O>(
  commit: (items: I[]) => Outcome<O>[],
  maxBatch = 1000,
): GroupCommit<I, O> {
  let queue: Waiting<I, O>[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      let outcomes: Outcome<O>[];
      try {
        outcomes = commit(batch.map((w) => w.item));
      } catch (error) {
        for (const w of batch) w.reject(error);
        continue;
      }
      batch.forEach((w, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) w.resolve(outcome.value);
        else w.reject(outcome.error);
      });
    }
  };

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
