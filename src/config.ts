import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes from environment variables only. Every variable, its default and its meaning is
 * listed in README.md ("Configuration"); keep the two in step.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  CAIRN_DATA_DIR: z.string().default('./data'),
  CAIRN_BASE_URL: z.string().url().optional(),
  CAIRN_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  CAIRN_SESSION_HOURS: z.coerce.number().positive().default(12),
  CAIRN_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  CAIRN_LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  CAIRN_LOGIN_IP_MAX_FAILURES: z.coerce.number().int().positive().default(30),
  CAIRN_LOGIN_HISTORY_DAYS: z.coerce.number().positive().default(30),
  CAIRN_LOG: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  CAIRN_UPLOAD_MAX_MB: z.coerce.number().positive().max(100).default(10),
  CAIRN_FORM_MAX_KB: z.coerce.number().positive().max(10_240).default(1024),
  CAIRN_IMPORT_MAX_MB: z.coerce.number().positive().max(1024).default(64),
  CAIRN_XLSX_MAX_INFLATED_MB: z.coerce.number().positive().max(2048).default(128),
  CAIRN_IMPORT_MAX_CELLS: z.coerce.number().int().positive().default(2_000_000),
  CAIRN_SMTP_URL: z.string().url().optional(),
  CAIRN_MAIL_FROM: z.string().default('Cairn <no-reply@cairn.invalid>'),
  CAIRN_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  CAIRN_REMINDER_INTERVAL_MINUTES: z.coerce.number().min(0).default(60),
});

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; absent means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  baseUrl: string;
  /** Mark cookies Secure: true when the base URL is https (or when forced). */
  secureCookies: boolean;
  sessionHours: number;
  login: { maxFailures: number; lockoutMinutes: number; ipMaxFailures: number; historyDays: number };
  log: 'silent' | 'error' | 'info' | 'debug';
  /** Largest attachment accepted, in bytes; also the body limit of the routes that take one. */
  uploadMaxBytes: number;
  /** Largest body of a form or JSON request without a file, in bytes (CAIRN_FORM_MAX_KB). */
  formMaxBytes: number;
  /**
   * Limits on the files an import reads (the national imports, own data, resources, the land register):
   * the file itself (also the body limit of import routes), the bytes a workbook may inflate to, and the
   * cells it may hold. The defaults fit the largest real file in ../shared/data with room (docs/SECURITY.md).
   */
  imports: { maxFileBytes: number; maxInflatedBytes: number; maxCells: number };
  /** smtp:// or smtps:// URL; without it, e-mail waits in the outbox table. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Remind the responsible officer this many calendar days before a deadline (and again when it is missed). */
  reminderDays: number;
  /** How often the server looks for deadlines to remind about; 0 turns the timer off. */
  reminderIntervalMinutes: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const baseUrl = (e.CAIRN_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const secureCookies =
    e.CAIRN_SECURE_COOKIES === 'auto' ? baseUrl.startsWith('https://') : e.CAIRN_SECURE_COOKIES === 'true';
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.CAIRN_DATA_DIR),
    baseUrl,
    secureCookies,
    sessionHours: e.CAIRN_SESSION_HOURS,
    login: {
      maxFailures: e.CAIRN_LOGIN_MAX_FAILURES,
      lockoutMinutes: e.CAIRN_LOGIN_LOCKOUT_MINUTES,
      ipMaxFailures: e.CAIRN_LOGIN_IP_MAX_FAILURES,
      historyDays: e.CAIRN_LOGIN_HISTORY_DAYS,
    },
    log: e.CAIRN_LOG,
    uploadMaxBytes: Math.round(e.CAIRN_UPLOAD_MAX_MB * 1024 * 1024),
    formMaxBytes: Math.round(e.CAIRN_FORM_MAX_KB * 1024),
    imports: {
      maxFileBytes: Math.round(e.CAIRN_IMPORT_MAX_MB * 1024 * 1024),
      maxInflatedBytes: Math.round(e.CAIRN_XLSX_MAX_INFLATED_MB * 1024 * 1024),
      maxCells: e.CAIRN_IMPORT_MAX_CELLS,
    },
    smtpUrl: e.CAIRN_SMTP_URL,
    mailFrom: e.CAIRN_MAIL_FROM,
    reminderDays: e.CAIRN_REMINDER_DAYS,
    reminderIntervalMinutes: e.CAIRN_REMINDER_INTERVAL_MINUTES,
  };
}
