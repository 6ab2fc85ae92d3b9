/** The security log's query messages, in the words of its filter form. */
export const securityLogMessages = {
  type: (allowed: readonly string[]) => `事件类型须为以下之一：${allowed.join('、')}`,
  date: '日期须为 年-月-日 格式，如 2025-03-01',
  range: '开始日期不能晚于结束日期',
  user: '用户须为用户名或用户编号，最多 64 个字符',
} as const;
