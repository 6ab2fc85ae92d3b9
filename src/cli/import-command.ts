import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { importListings } from '../application/import-service.js';
import { parseOverrides } from '../import/header-mapping.js';
import { reportCsv, reportSummary } from '../import/report.js';
import { columnsOf, type ListKind, requiredFields } from '../sheet/list-columns.js';
import { sheetError } from '../sheet/messages.js';
import { defaultSheetLimits } from '../sheet/read-sheet.js';
import { oneOf, parseCommandLine, UsageError } from './args.js';
import { withSession } from './session.js';

const KINDS = ['needs', 'solutions'] as const;

function columnHelp(kind: ListKind): string {
  const required = new Set<string>(requiredFields[kind]);
  return columnsOf[kind]
    .map(
      (c) => `    ${c.field.padEnd(14)}${required.has(c.field) ? '必填 ' : '     '}${c.headers.join(' / ')}`,
    )
    .join('\n');
}

export const importUsage = `yunsupei import <文件.xlsx|文件.csv> --kind needs|solutions [选项]
  从 Excel（.xlsx）或 CSV（UTF-8，含或不含 BOM；GB18030/GBK）导入场景需求或解决方案清单。
  逐行校验，合格的行按文件顺序写入（平台导入即视为已审核：需求随即发布，属于征集批次的需求待清单发布），
  不合格的行写入报告（行号、列、原因）。同一单位的同名条目只导入一次：重复导入、中断后重新导入都安全。
  选项：
    --campaign <编号>   全部导入到该征集批次（须在征集中）
    --org <编号>        全部归属该机构（否则按“需求单位/服务商”列的名称匹配已注册机构）
    --mapping <文件>    列名映射 JSON，如 {"项目名称": "title", "单位": "orgName"}（字段名见下）
    --report <文件>     被拒绝行的报告（CSV），默认 <文件>.report.csv
    --dry-run           只校验，不写入
  单个文件不超过 ${defaultSheetLimits.maxBytes / 1024 / 1024} MB、${defaultSheetLimits.maxRows} 行。表头可在前 10 行内（上方可有标题行）。
  可识别的列（字段名、是否必填、列名及别名；带“*”、全角括号、空格均可）：
  场景需求（--kind needs）：
${columnHelp('needs')}
  解决方案（--kind solutions）：
${columnHelp('solutions')}
  未填“场景类型”时按名称和描述判定，并在报告中提示。预算、价格以万元为单位：“100”或“50-120”。`;

export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    kind: { type: 'string' },
    campaign: { type: 'string' },
    org: { type: 'string' },
    mapping: { type: 'string' },
    report: { type: 'string' },
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${importUsage}\n`);
    return 0;
  }
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new UsageError('请给出一个要导入的文件');
  const kind = oneOf(values.kind, 'kind', KINDS);
  const bytes = await readInput(path, defaultSheetLimits.maxBytes);
  const mapping = values.mapping
    ? parseOverrides((await readInput(values.mapping)).toString('utf8'))
    : undefined;

  return withSession('import', async ({ deps, staff, signal, progress, say }) => {
    let task: ReturnType<typeof progress.task> | undefined;
    const report = await importListings(
      deps,
      staff,
      { bytes, filename: basename(path) },
      {
        kind,
        ...(values.campaign ? { campaignId: values.campaign } : {}),
        ...(values.org ? { orgId: values.org } : {}),
        ...(mapping ? { mapping } : {}),
        dryRun: Boolean(values['dry-run']),
        signal,
        onProgress: (done, total) => {
          task ??= progress.task(values['dry-run'] ? '校验' : '导入', total);
          task.update(done);
        },
      },
    );
    task?.finish();
    say(reportSummary(report));
    if (report.columns.ignored.length > 0) say(`未使用的列：${report.columns.ignored.join('、')}`);
    const inferred = report.warnings.length;
    if (inferred > 0) say(`提示 ${inferred} 条（如按描述判定的场景类型），见报告。`);
    if (report.issues.length + report.duplicates.length + report.warnings.length > 0) {
      const reportPath = values.report ?? `${path}.report.csv`;
      await writeFile(reportPath, reportCsv(report));
      say(`报告：${reportPath}`);
      for (const issue of report.issues.slice(0, 10))
        say(`  第 ${issue.row} 行 ${issue.column}：${issue.reason}`);
      if (report.issues.length > 10) say(`  ……共 ${report.issues.length} 个问题`);
    }
    return 0;
  });
}

/** A file over `maxBytes` is refused by its size, before it is read into memory. */
async function readInput(path: string, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  try {
    const { size } = await stat(path);
    if (size > maxBytes) throw sheetError('too_large', size, maxBytes);
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES')
      throw new UsageError(`无法读取文件：${path}（${code}）`);
    throw error;
  }
}
