import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config.js';

// Field names that must never reach a log line, wherever they sit in a log
// object: credentials, and the parts of an email that carry its content.
export const REDACTED_LOG_PATHS: readonly string[] = [
  '*.password',
  '*.clientSecret',
  '*.secret',
  '*.accessToken',
  '*.access_token',
  '*.authorization',
  '*.cookie',
  '*.subject',
  '*.body',
  '*.bodyPreview',
  '*.internetMessageHeaders',
];

/** One structured JSON line per event on stdout, with redaction applied. */
export function createLogger(
  service: string,
  level: LogLevel,
  destination?: { write(line: string): void },
): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ sync: false }),
  );
}

/** Adapts pino to Nest's LoggerService so framework messages are structured too. */
export class JsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    rest: unknown[],
  ): void {
    // Nest passes the context (class name) last; an error's stack comes before it.
    const context = typeof rest.at(-1) === 'string' ? rest.at(-1) : undefined;
    if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...message });
      return;
    }
    this.logger[level]({ context }, String(message));
  }
}
