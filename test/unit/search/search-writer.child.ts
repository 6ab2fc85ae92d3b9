/**
 * A second process writing the search file the test writes too: upserts needs into it until told how long,
 * then prints how many writes it made and how many failed. Started by sqlite-concurrent-writers.test.ts.
 */
import { loadDefinitions } from '../../../src/search/definitions.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { writeUntil } from './search-writes.js';

const [path, milliseconds, prefix] = process.argv.slice(2);
const search = openSqliteSearchIndex({ path: path!, busyTimeoutMs: 10_000 });
await search.applySettings(loadDefinitions().get('needs')!);
const until = Date.now() + Number(milliseconds);
const outcome = await writeUntil(search, () => Date.now() >= until, prefix!);
await search.close();
process.stdout.write(JSON.stringify(outcome));
