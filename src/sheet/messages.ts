import { DomainError } from '../domain/shared/errors.js';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Why a file could not be read as a sheet at all: nothing of it is imported. */
const problems = {
  empty: () => '文件为空',
  too_large: (size: number, limit: number) =>
    `文件大小 ${mb(size)}，超过单次导入上限 ${mb(limit)}，请拆分后分批导入`,
  unsupported_type: (name: string) => `不支持的文件类型：${name}。请上传 .xlsx 或 .csv 文件`,
  legacy_xls: () =>
    '不支持旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV（逗号分隔）后再导入',
  not_xlsx: () => '文件扩展名为 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的其他文件）',
  xlsx_unreadable: () => 'Excel 文件已损坏或格式不受支持，无法读取',
  xlsx_too_large: (limit: number) => `Excel 文件解压后超过上限 ${mb(limit)}，请删除无关工作表或拆分后导入`,
  csv_unreadable: () =>
    'CSV 文件中有未闭合的引号（某个单元格以英文双引号开头却没有结束），无法读取，请检查后重新导出',
  not_text: () => '文件内容不是文本格式的 CSV（可能是改了扩展名的其他文件）',
  too_many_rows: (rows: number, limit: number) =>
    `文件有 ${rows} 行数据，超过单次导入上限 ${limit} 行，请拆分后分批导入`,
} as const;

export type SheetProblem = keyof typeof problems;

export function sheetError<P extends SheetProblem>(
  problem: P,
  ...args: Parameters<(typeof problems)[P]>
): DomainError {
  const message = (problems[problem] as (...a: unknown[]) => string)(...args);
  return new DomainError(`import.${problem}`, message, 422);
}
