import { seedDemo } from '../seed/demo-seed.js';
import { parseCommandLine, UsageError } from './args.js';
import { withSession } from './session.js';

const DEFAULT_DEMO_PASSWORD = 'yunsupei-demo-2025';

export const seedUsage = `yunsupei seed --demo [--password <密码>]
  载入演示数据：开发数据集中的机构（已认证）、需求与方案（已发布）、一个已发布清单的征集批次，
  以及揭榜、入围、约谈、签约、交付、评价和典型案例的对接历史。可重复运行，不会重复写入；
  中断后再运行即从中断处继续。每个演示机构的管理员账号为 demo-<数据集编号>（如 demo-d-n01、
  demo-d-v01），密码为 --password（默认 ${DEFAULT_DEMO_PASSWORD}）。仅用于演示环境。`;

export async function runSeed(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, { demo: { type: 'boolean' }, password: { type: 'string' } });
  if (!values.demo) throw new UsageError('目前只支持 --demo（载入演示数据）');
  const password = values.password ?? DEFAULT_DEMO_PASSWORD;
  return withSession('seed', async ({ deps, staff, signal, progress, say }) => {
    let task: ReturnType<typeof progress.task> | undefined;
    const summary = await seedDemo(deps, staff, {
      password,
      signal,
      onProgress: (done, total) => {
        task ??= progress.task('载入演示数据', total);
        task.update(done);
      },
    });
    task?.finish();
    if (summary.eventsWritten === 0n) {
      say('演示数据已全部载入过，本次没有写入任何内容。');
    } else {
      say(
        `已载入演示数据：机构 ${summary.organizations} 家，需求 ${summary.needs} 条，方案 ${summary.solutions} 个，` +
          `对接 ${summary.engagements} 个，典型案例 ${summary.cases} 个（写入 ${summary.eventsWritten} 个事件）。`,
      );
    }
    say(`征集批次：${summary.campaignId}`);
    const sample = (kind: string) => summary.accounts.find((a) => a.kind === kind)!;
    const demander = sample('demander');
    const vendor = sample('vendor');
    say(
      `演示账号（密码 ${password}）：需求方如 ${demander.username}（${demander.name}），服务商如 ${vendor.username}（${vendor.name}）。`,
    );
    return 0;
  });
}
