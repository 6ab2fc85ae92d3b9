import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { generateListings } from '../generate/generate-listings.js';
import { loadGenerated } from '../generate/load-listings.js';
import type { GeneratedRecord } from '../generate/records.js';
import { count, parseCommandLine, UsageError } from './args.js';
import { createProgress } from './progress.js';
import { withSession } from './session.js';

const DEFAULT_PASSWORD = 'yunsupei-gen-2025';

export const generateUsage = `yunsupei generate --needs <N> --solutions <M> [--seed <S>] [--out <文件.ndjson>]
yunsupei generate --in <文件.ndjson>
  生成用于压测的合成数据：按行业、场景类型和技术领域的短语模板组合出的场景需求与解决方案，
  以及发布它们的机构。相同的 --seed（默认 1）总是生成相同的数据。
    --out <文件>         写成 NDJSON（每行一个 JSON 对象，机构在其第一条需求/方案之前），不写入平台
    --in <文件>          把 --out 写出的文件载入平台
    不带 --out / --in 时直接生成并载入平台：机构注册并认证，需求和方案提交并审核通过（即发布）。
    --password <密码>    生成机构的管理员密码（默认 ${DEFAULT_PASSWORD}；账号名为记录编号的小写形式）
    --concurrency <n>    载入时同时执行的命令数（默认 8）
  载入可中断：已载入的记录不会重复，重新运行同一命令即继续。`;

export async function runGenerate(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    needs: { type: 'string' },
    solutions: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    in: { type: 'string' },
    password: { type: 'string' },
    concurrency: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
  const seed = values.seed ?? '1';
  if (!/^[A-Za-z0-9]{1,12}$/.test(seed)) throw new UsageError('--seed 须为 1 到 12 位字母或数字');
  const needs = count(values.needs, 'needs', 0);
  const solutions = count(values.solutions, 'solutions', 0);
  if (values.in && (values.out || values.needs || values.solutions)) {
    throw new UsageError('--in 不能与 --out、--needs、--solutions 同用');
  }
  if (!values.in && needs + solutions === 0) throw new UsageError('请用 --needs 和/或 --solutions 给出数量');

  if (values.out) return writeNdjson(values.out, { needs, solutions, seed });
  const input = values.in;
  const total = input ? await countListings(input) : needs + solutions;
  const records = input ? readNdjson(input) : generateListings({ needs, solutions, seed });
  return withSession('generate', async ({ deps, staff, signal, progress, say }) => {
    const task = progress.task('载入合成数据', total);
    const summary = await loadGenerated(deps, staff, records, {
      password: values.password ?? DEFAULT_PASSWORD,
      concurrency: count(values.concurrency, 'concurrency', 8) || 1,
      signal,
      onProgress: (done) => task.update(done),
    });
    task.finish();
    say(
      `已载入：机构 ${summary.organizations} 家，需求 ${summary.needs} 条，方案 ${summary.solutions} 个` +
        `${summary.alreadyLoaded ? `（另有 ${summary.alreadyLoaded} 条此前已载入）` : ''}。`,
    );
    return 0;
  });
}

async function writeNdjson(
  path: string,
  options: { needs: number; solutions: number; seed: string },
): Promise<number> {
  const task = createProgress(process.stderr).task('生成', options.needs + options.solutions);
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  let listings = 0;
  let organizations = 0;
  for (const record of generateListings(options)) {
    if (record.type === 'organization') organizations++;
    else task.update(++listings);
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  // Renamed only once complete, so that an interrupted run never leaves a truncated file under the real name.
  await rename(partial, path);
  task.finish();
  process.stdout.write(
    `已写入 ${path}：需求 ${options.needs} 条，方案 ${options.solutions} 个，机构 ${organizations} 家。\n`,
  );
  return 0;
}

async function* readNdjson(path: string): AsyncGenerator<GeneratedRecord> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (!line.trim()) continue;
    let record: GeneratedRecord;
    try {
      record = JSON.parse(line) as GeneratedRecord;
    } catch {
      throw new UsageError(`${path} 第 ${number} 行不是 JSON`);
    }
    if (!['organization', 'need', 'solution'].includes(record.type)) {
      throw new UsageError(`${path} 第 ${number} 行的 type 须为 organization、need 或 solution`);
    }
    yield record;
  }
}

async function countListings(path: string): Promise<number> {
  let listings = 0;
  for await (const record of readNdjson(path)) if (record.type !== 'organization') listings++;
  return listings;
}
