import { describe, expect, it } from 'vitest';
import type { RecordSecurityEvent } from '../../../src/domain/security-log/commands.js';
import { securityLogDecider } from '../../../src/domain/security-log/decider.js';
import type { SecurityLogEvent } from '../../../src/domain/security-log/events.js';
import { securityLogStream } from '../../../src/domain/security-log/stream.js';
import { anonymousActor, context } from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(securityLogDecider);
const NOW = new Date('2025-03-01T02:00:00.000Z');
const USER = '0195a0c0-0000-7000-8000-0000000000c1';

const record = (data: Partial<RecordSecurityEvent['data']> = {}): RecordSecurityEvent => ({
  type: 'RecordSecurityEvent',
  data: {
    kind: 'sign_in_failed',
    userId: USER,
    username: 'zhangsan',
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    detail: '用户名或密码错误，或账号已停用',
    ...data,
  },
  context: context(anonymousActor, NOW),
});

const recorded = (data: Partial<RecordSecurityEvent['data']> = {}): SecurityLogEvent => ({
  type: 'SecurityEventRecorded',
  data: { ...record(data).data, at: NOW.toISOString() },
});

describe('security log', () => {
  it('records what happened, who, from where and when', () => {
    spec([]).when(record()).then([recorded()]);
  });

  it('records after any earlier lines of the day: a record is never refused', () => {
    spec([recorded(), recorded({ kind: 'sign_in_succeeded' })])
      .when(record({ kind: 'signed_out', detail: undefined }))
      .then([recorded({ kind: 'signed_out', detail: undefined })]);
  });

  it('records the command line, which has no client, with neither IP nor user agent', () => {
    spec([])
      .when(record({ ip: null, userAgent: null }))
      .then([recorded({ ip: null, userAgent: null })]);
  });

  it('keeps one stream per Beijing day', () => {
    expect(securityLogStream(new Date('2025-03-01T15:59:59.999Z'))).toBe('security-log-2025-03-01');
    expect(securityLogStream(new Date('2025-03-01T16:00:00.000Z'))).toBe('security-log-2025-03-02');
  });
});
