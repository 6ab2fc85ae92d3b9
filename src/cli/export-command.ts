import { rename, writeFile } from 'node:fs/promises';
import { loadListSheet } from '../application/list-export-service.js';
import { renderList } from '../export/list-export.js';
import { count, oneOf, parseCommandLine, UsageError } from './args.js';
import { withSession } from './session.js';

export const exportUsage = `yunsupei export list --campaign <编号> --kind needs|solutions --format xlsx|csv [选项]
  导出征集批次已发布的清单：带序号、中文表头；xlsx 冻结表头并设好列宽，csv 为带 BOM 的 UTF-8。
  导出的文件可直接用 yunsupei import 导入。
  选项：
    --version <n>   导出指定版本（默认最新版本）
    --public        不含联系人、联系电话、电子邮箱（对外公布的版本）
    --out <文件>    输出文件（默认按批次名、清单类型和版本命名，写在当前目录）`;

export async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    campaign: { type: 'string' },
    kind: { type: 'string' },
    format: { type: 'string' },
    version: { type: 'string' },
    public: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (positionals[0] !== 'list' || positionals.length > 1) throw new UsageError('目前只支持 export list');
  if (!values.campaign) throw new UsageError('请用 --campaign 指定征集批次');
  const kind = oneOf(values.kind, 'kind', ['needs', 'solutions'] as const);
  const format = oneOf(values.format, 'format', ['xlsx', 'csv'] as const);
  const version = values.version === undefined ? undefined : count(values.version, 'version', 1);
  const campaignId = values.campaign;
  const includeContact = !values.public;

  return withSession('export', async ({ deps, say }) => {
    const sheet = await loadListSheet(
      deps,
      { campaignId, kind, ...(version ? { version } : {}) },
      { includeContact },
    );
    const rendered = await renderList(sheet, format, { includeContact });
    const path = values.out ?? rendered.filename;
    // Written beside and renamed, so that an interrupted export never leaves a truncated list behind.
    await writeFile(`${path}.partial`, rendered.body);
    await rename(`${path}.partial`, path);
    say(`已导出 ${sheet.rows.length} 条（第 ${sheet.version} 版）：${path}`);
    return 0;
  });
}
