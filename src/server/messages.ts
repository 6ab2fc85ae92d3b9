/**
 * Chinese texts of what the server itself answers, for the API (problem+json) and the pages alike: statuses,
 * malformed requests, limits, a store that is down. The domain's texts come from each entity.
 */
export const statusTitles: Record<number, string> = {
  400: '请求格式错误',
  401: '未登录或登录已失效',
  403: '无权执行此操作',
  404: '未找到',
  409: '与当前状态冲突',
  412: '数据已被修改',
  413: '请求体过大',
  415: '不支持的内容类型',
  422: '数据校验未通过',
  429: '请求过于频繁',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

export const httpMessages = {
  routeNotFound: (method: string, path: string) => `没有这个接口：${method} ${path}`,
  malformedJson: '请求体不是合法的 JSON',
  badRequest: '请求无法解析',
  payloadTooLarge: (limit: number) => `请求体不能超过 ${Math.round(limit / 1024)} KB`,
  unsupportedMediaType: '请求体须为 application/json',
  validation: '提交的数据不符合要求',
  unauthenticated: '请先登录',
  invalidToken: '登录凭证无效或已过期，请重新登录',
  forbiddenRole: '当前角色无权执行此操作',
  rateLimited: (seconds: number) => `请求过于频繁，请 ${seconds} 秒后再试`,
  preconditionFailed: '数据已被他人修改，请刷新后重试',
  concurrentUpdate: '数据正被同时修改，请稍后重试',
  badIfMatch: 'If-Match 须为 W/"<revision>" 形式',
  idempotencyMismatch: '同一个 Idempotency-Key 已用于另一份请求内容',
  idempotencyInProgress: '同一个 Idempotency-Key 的请求仍在处理中',
  badIdempotencyKey: 'Idempotency-Key 须为 1 到 255 个可见字符',
  internal: (requestId: string) => `服务器出错了，请稍后重试（请求编号 ${requestId}）`,
  unavailable: '后端存储暂不可用，请稍后重试',
  badPosition: 'after / X-Min-Position 须为非负整数',
  formTooLarge: (limit: number) =>
    `提交的内容过大，不能超过 ${Math.round(limit / 1024 / 1024)} MB，请精简后重试`,
  metricsForbidden: '指标只对本机或携带指标令牌（YUNSUPEI_METRICS_TOKEN）的请求开放',
} as const;
