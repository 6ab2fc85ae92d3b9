import type { Config } from '../config.js';
import { openEventStore } from '../eventstore/open.js';
import type { Logger } from '../logger.js';
import { allProjections } from '../projections/all-projections.js';
import { rebuildIndex } from '../projections/rebuild.js';
import { openSearchIndex } from '../search/open.js';
import { createProgress, type ProgressOutput, type ProgressTask } from './progress.js';

/**
 * `yunsupei rebuild [index]`: rebuilds one index (or all, in dependency order) from the event store into a
 * fresh copy and swaps it in; a running server keeps answering from the old copy meanwhile.
 */
export async function rebuild(
  config: Config,
  logger: Logger,
  args: string[],
  output: ProgressOutput = process.stderr,
): Promise<number> {
  const [name] = args;
  const projections = name ? allProjections.filter((p) => p.index === name) : allProjections;
  if (projections.length === 0) {
    process.stderr.write(
      `yunsupei: 未知索引 ${name}；可选：${allProjections.map((p) => p.index).join('、')}\n`,
    );
    return 2;
  }
  const store = await openEventStore(config, logger);
  const search = await openSearchIndex(config, logger).catch(async (error) => {
    await store.close();
    throw error;
  });
  const progress = createProgress(output);
  try {
    const head = await store.headPosition();
    for (const projection of projections) {
      const task = progress.task(`重建索引 ${projection.index}`, Number(head < 0n ? 0n : head));
      let ranking: ProgressTask | null = null;
      const started = Date.now();
      const done = await rebuildIndex(store, search, projection, (p) => {
        if (!p.completed) return task.update(Number(p.position));
        if (!ranking) {
          task.finish(`${projection.index}: ${p.events} 个事件`);
          ranking = progress.task(`匹配清单排名 ${projection.index}`, p.completed.total);
        }
        ranking.update(p.completed.done);
      });
      const seconds = (Date.now() - started) / 1000;
      const lists = done.completed ? `，${done.completed.total} 份匹配清单` : '';
      (ranking ?? task).finish(
        `${projection.index}: ${done.events} 个事件${lists}，用时 ${seconds.toFixed(1)} 秒`,
      );
      logger.info(
        { index: projection.index, events: done.events, lists: done.completed?.total, seconds },
        'index rebuilt',
      );
    }
    return 0;
  } finally {
    await search.close();
    await store.close();
  }
}
