/**
 * Child process for the crash and cross-process tests: `writers` concurrent writers append to their own
 * streams with exact expected revisions and print `ack <stream> <revision> <position>` once each append
 * has resolved (pipes to a parent are written synchronously, so a printed ack outlives a SIGKILL).
 * Usage: appender.ts <path> <streamPrefix> <writers> <appendsPerWriter, 0 = until killed>
 */
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';

const [path, prefix, writersArg, countArg] = process.argv.slice(2);
if (!path || !prefix || !writersArg || !countArg) {
  console.error('usage: appender.ts <path> <streamPrefix> <writers> <appendsPerWriter>');
  process.exit(2);
}
const writers = Number(writersArg);
const count = Number(countArg);
const store = openSqliteEventStore({ path });

async function write(stream: string): Promise<void> {
  let expectedRevision: bigint | 'no_stream' = 'no_stream';
  for (let n = 0; count === 0 || n < count; n++) {
    const result = await store.append(stream, [{ type: 'Appended', data: { n, pid: process.pid } }], {
      expectedRevision,
    });
    expectedRevision = result.nextExpectedRevision;
    process.stdout.write(`ack ${stream} ${result.nextExpectedRevision} ${result.position}\n`);
  }
}

await Promise.all(Array.from({ length: writers }, (_, w) => write(`${prefix}${w}`)));
await store.close();
process.stdout.write('done\n');
