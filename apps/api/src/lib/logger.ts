import pino, { type DestinationStream, type Logger } from 'pino';
import { redactSecrets } from './redact';
import { currentRequestId } from './request-context';

export type LogCategory = 'app' | 'http' | 'security' | 'database' | 'email' | 'error';

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  destination?: DestinationStream;
}

export type AppLogger = Logger;

export function createLogger(options: LoggerOptions): AppLogger {
  const transport =
    options.pretty && !options.destination
      ? pino.transport({
          target: 'pino-pretty',
          options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', messageKey: 'msg' },
        })
      : undefined;
  return pino(
    {
      level: options.level,
      base: undefined,
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin(mergeObject) {
        if ('request_id' in mergeObject) return {};
        const requestId = currentRequestId();
        return requestId ? { request_id: requestId } : {};
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactSecrets(object),
      },
      serializers: {
        err: pino.stdSerializers.err,
        error: pino.stdSerializers.err,
      },
    },
    options.destination ?? transport,
  );
}

export type Loggers = Record<LogCategory, AppLogger> & { root: AppLogger };

/** Every line carries a category: code logs through one of these children, never the root. */
export function categoryLoggers(root: AppLogger): Loggers {
  const make = (category: LogCategory) => root.child({ category });
  return {
    root,
    app: make('app'),
    http: make('http'),
    security: make('security'),
    database: make('database'),
    email: make('email'),
    error: make('error'),
  };
}

/** The seed's `log_security_event(event, user_email, ip, details)`; pass the `security` logger. */
export function logSecurityEvent(
  logger: AppLogger,
  event: string,
  fields: { userEmail?: string | null; ip?: string | null; details?: Record<string, unknown> } = {},
): void {
  logger.warn(
    { event, user_email: fields.userEmail ?? undefined, ip: fields.ip ?? undefined, details: fields.details },
    `Security event: ${event}`,
  );
}

/** The seed's `log_database_operation(operation, table, ids)`; pass the `database` logger. */
export function logDatabaseOperation(
  logger: AppLogger,
  operation: string,
  table: string,
  ids: Record<string, string | number | null | undefined> = {},
): void {
  logger.info({ operation, table, ...ids }, `DB operation: ${operation} on ${table}`);
}
