import { z } from 'zod';
import { DEFAULT_RETENTION_DAYS } from './application/policies/retention.js';

/**
 * A KurrentDB connection string as its client reads it: one node, a seed list of the cluster's nodes
 * (`kurrentdb://node1:2113,node2:2113,node3:2113`), or DNS discovery (`kurrentdb+discover://`). A seed list
 * is not a URL, so a URL check would refuse it.
 */
const kurrentdbConnectionString = z
  .string()
  .regex(
    /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/([^@/?#\s]+@)?[^@/?#,\s]+(,[^@/?#,\s]+)*\/?(\?\S*)?$/,
    'expected a KurrentDB connection string such as kurrentdb://node1:2113,node2:2113,node3:2113?tls=true',
  );

/** Configuration is environment only (README "Configuration"), validated once at start. */
const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    YUNSUPEI_DATA_DIR: z.string().min(1).default('./data'),
    /**
     * Keys kept apart from the data: the audit chain's MAC key and the personal-data key store. Unset, it is
     * the data dir's name with `-keys` (`./data-keys` beside `./data`), so every data dir has keys of its own.
     */
    YUNSUPEI_KEY_DIR: z.string().min(1).optional(),
    YUNSUPEI_STORE: z.enum(['sqlite', 'kurrentdb']).default('sqlite'),
    KURRENTDB_URL: kurrentdbConnectionString.optional(),
    YUNSUPEI_SEARCH: z.enum(['sqlite', 'meilisearch']).default('sqlite'),
    MEILI_HOST: z.string().url().optional(),
    MEILI_API_KEY: z.string().optional(),
    YUNSUPEI_ADMIN_USER: z.string().min(3).optional(),
    YUNSUPEI_ADMIN_PASSWORD: z.string().min(8).optional(),
    YUNSUPEI_SECRET: z.string().min(16).optional(),
    /** A web session without a request for this many minutes is signed out. */
    YUNSUPEI_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().max(1440).default(30),
    /** Staff sign in with a second factor (TOTP); `off` for development and automated tests only. */
    YUNSUPEI_STAFF_MFA: z.enum(['required', 'off']).default('required'),
    /** Staff passwords expire after this many days; organization users' passwords do not expire. */
    YUNSUPEI_STAFF_PASSWORD_DAYS: z.coerce.number().int().positive().max(3650).default(90),
    /** Lets a scraper on another machine read /metrics (as a bearer token); loopback needs none. */
    YUNSUPEI_METRICS_TOKEN: z.string().min(16).optional(),
    YUNSUPEI_SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
    YUNSUPEI_PROJECTOR: z.enum(['inline', 'external']).default('inline'),
    YUNSUPEI_AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(20),
    YUNSUPEI_RATE_LIMIT: z.coerce.number().int().positive().default(600),
    /** Mail goes out through this SMTP server (smtp:// or smtps://); no mail without it. */
    YUNSUPEI_SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'expected smtp://… or smtps://…')
      .optional(),
    YUNSUPEI_MAIL_FROM: z.string().min(3).optional(),
    /** The site's address as its users reach it: links in mail and webhook payloads are absolute. */
    YUNSUPEI_PUBLIC_URL: z.string().url().optional(),
    /** The footer of every page (主办单位, 承办单位, 网站标识码, 备案号) and the 联系我们 page; demo texts when unset. */
    YUNSUPEI_SITE_SPONSOR: z.string().min(1).optional(),
    YUNSUPEI_SITE_OPERATOR: z.string().min(1).optional(),
    YUNSUPEI_SITE_CODE: z.string().min(1).optional(),
    YUNSUPEI_SITE_ICP: z.string().min(1).optional(),
    YUNSUPEI_SITE_PSB: z.string().min(1).optional(),
    YUNSUPEI_SITE_CONTACT_ADDRESS: z.string().min(1).optional(),
    YUNSUPEI_SITE_CONTACT_PHONE: z.string().min(1).optional(),
    YUNSUPEI_SITE_CONTACT_EMAIL: z.string().min(1).optional(),
    YUNSUPEI_SITE_CONTACT_HOURS: z.string().min(1).optional(),
    /** The personal-information protection contact shown in the 隐私政策 and 用户协议 (PIPL art. 52). */
    YUNSUPEI_PRIVACY_CONTACT: z.string().min(5).optional(),
    /** How long personal data is kept, as 我的数据 and the 隐私政策 page state it; nothing deletes on its own. */
    YUNSUPEI_RETENTION_DAYS: z.coerce.number().int().positive().max(36500).default(DEFAULT_RETENTION_DAYS),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.YUNSUPEI_STORE === 'kurrentdb' && !env.KURRENTDB_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['KURRENTDB_URL'],
        message: 'required when YUNSUPEI_STORE=kurrentdb',
      });
    }
    if (env.YUNSUPEI_SEARCH === 'meilisearch' && !env.MEILI_HOST) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEILI_HOST'],
        message: 'required when YUNSUPEI_SEARCH=meilisearch',
      });
    }
    for (const needed of ['YUNSUPEI_MAIL_FROM', 'YUNSUPEI_PUBLIC_URL'] as const) {
      if (env.YUNSUPEI_SMTP_URL && !env[needed]) {
        ctx.addIssue({ code: 'custom', path: [needed], message: 'required when YUNSUPEI_SMTP_URL is set' });
      }
    }
    if (Boolean(env.YUNSUPEI_ADMIN_USER) !== Boolean(env.YUNSUPEI_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['YUNSUPEI_ADMIN_PASSWORD'],
        message: 'YUNSUPEI_ADMIN_USER and YUNSUPEI_ADMIN_PASSWORD go together',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** Where the keys are: YUNSUPEI_KEY_DIR, else beside the data dir (`<data dir>-keys`). */
export function keyDirOf(config: Pick<Config, 'YUNSUPEI_KEY_DIR' | 'YUNSUPEI_DATA_DIR'>): string {
  return config.YUNSUPEI_KEY_DIR ?? `${config.YUNSUPEI_DATA_DIR.replace(/[/\\]+$/, '')}-keys`;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}
