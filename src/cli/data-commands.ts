import { UsageError } from './args.js';
import { exportUsage, runExport } from './export-command.js';
import { generateUsage, runGenerate } from './generate-command.js';
import { importUsage, runImport } from './import-command.js';
import { runSeed, seedUsage } from './seed-command.js';

/** The commands that bring data in and out: `yunsupei seed | import | export | generate`. */
const commands = {
  seed: { run: runSeed, usage: seedUsage },
  import: { run: runImport, usage: importUsage },
  export: { run: runExport, usage: exportUsage },
  generate: { run: runGenerate, usage: generateUsage },
} as const;

export type DataCommand = keyof typeof commands;

export function isDataCommand(name: string | undefined): name is DataCommand {
  return name !== undefined && Object.hasOwn(commands, name);
}

export const dataCommandsUsage = `  seed --demo                                    载入演示数据（可重复运行）
  import <文件> --kind needs|solutions           从 Excel/CSV 导入需求或方案清单
  export list --campaign <编号> --kind … --format xlsx|csv  导出已发布的清单
  generate --needs <N> --solutions <M>           生成压测用的合成数据（--out 写成 NDJSON）
  （各命令加 --help 查看详细说明）
`;

/** Runs one data command; a command line it cannot use prints its usage and exits with 2. */
export async function runDataCommand(name: DataCommand, args: string[]): Promise<number> {
  const { run, usage } = commands[name];
  if (args.includes('--help') && name !== 'import') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  try {
    return await run(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`yunsupei ${name}: ${error.message}\n\n${usage}\n`);
    return 2;
  }
}
