const TICK = Symbol('tick');
const tick = () => new Promise<typeof TICK>((resolve) => setImmediate(() => resolve(TICK)));

/**
 * Groups what an async iterable has ready into arrays of at most `max`: items already buffered (a catch-up
 * page) go together; a batch closes as soon as the next item is not ready within a macrotask. Between
 * batches it yields to the event loop.
 */
export async function* batches<T>(source: AsyncIterable<T>, max: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const first = await next;
      if (first.done) return;
      const batch = [first.value];
      next = iterator.next();
      while (batch.length < max) {
        const ready = await Promise.race([next, tick()]);
        if (ready === TICK) break;
        if (ready.done) {
          yield batch;
          return;
        }
        batch.push(ready.value);
        next = iterator.next();
      }
      yield batch;
      // Catch-up pages are ready at once, so without this a projector inside the server would apply the
      // whole store before the server answers another request.
      await tick();
    }
  } finally {
    await iterator.return?.();
  }
}
