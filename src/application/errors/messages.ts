/** Chinese texts of the failures that are no entity's own: concurrency, and back ends that are down or refuse. */
export const errorMessages = {
  preconditionFailed: '数据已被他人修改，请刷新后重试',
  concurrentUpdate: '数据正被同时修改，请稍后重试',
  storeUnavailable: '后端存储暂不可用，请稍后重试',
  streamDeleted: '该记录已被删除，不能再修改',
  appendTooLarge: '提交的内容过大，超出了存储的单次写入上限，请精简后重试',
  searchUnavailable: '搜索服务暂不可用，请稍后重试',
  invalidSearch: '搜索条件无效，请检查筛选、排序和分页条件',
  invalidFilter: '筛选条件无效，请检查后重试',
  filterField: '不能按此项筛选，或取值无效',
  internal: (requestId: string) => `服务器出错了，请稍后重试（请求编号 ${requestId}）`,
} as const;
