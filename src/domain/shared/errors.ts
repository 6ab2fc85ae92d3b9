/**
 * Every rejection the domain can make. Each carries a stable `code` (e.g. `need.not_editable`), a Chinese
 * message for users and an HTTP-like status, so one middleware turns any of them into problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 422 = 409,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export class ValidationError extends DomainError {
  constructor(
    readonly errors: FieldError[],
    message = '提交的数据不符合要求',
  ) {
    super('validation', message, 422);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(`${entity}.not_found`, `未找到${entityLabels[entity] ?? entity}：${id}`, 404, { id });
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 403);
    this.name = 'ForbiddenError';
  }
}

const entityLabels: Record<string, string> = {
  organization: '机构',
  user: '用户',
  need: '场景需求',
  solution: '解决方案',
  campaign: '征集批次',
  engagement: '对接',
  case: '典型案例',
  matchRound: '匹配轮次',
};
