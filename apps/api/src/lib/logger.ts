import pino, { type DestinationStream, type Logger } from 'pino';
import { redactSecretsOrSame } from './redact';
import { currentRequestId } from './request-context';

export type LogCategory = 'app' | 'http' | 'security' | 'database' | 'email' | 'error';

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  destination?: DestinationStream;
}

export type AppLogger = Logger;

/**
 * Standard output for every logger of the process without a destination of its own: one stream,
 * written in chunks of at least 4 KiB instead of a write per line (each an `fs.write` through
 * libuv's thread pool: a hand-off, a system call and a callback per `http` line). Lines wait at most
 * `LOG_FLUSH_MS` for their chunk; the process's exit (a signal's clean stop, `process.exit`, an
 * exception nothing catches) writes what is left synchronously (pino's flush at exit). A SIGKILL, or
 * Node aborting (out of memory), loses at most the last `LOG_FLUSH_MS` of lines (README, Operations).
 */
export const LOG_FLUSH_MS = 200;
let stdoutStream: DestinationStream | undefined;
function bufferedStdout(): DestinationStream {
  if (!stdoutStream) {
    const stream = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: LOG_FLUSH_MS });
    // A new one for loggers made after pino ended this one (at `beforeExit`, the process going on).
    stream.once('close', () => {
      if (stdoutStream === stream) stdoutStream = undefined;
    });
    stdoutStream = stream;
  }
  return stdoutStream;
}

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
        // The line's fields as they are when none needs redacting (the `http` line's always).
        log: redactSecretsOrSame,
      },
      serializers: {
        err: pino.stdSerializers.err,
        error: pino.stdSerializers.err,
      },
    },
    options.destination ?? transport ?? bufferedStdout(),
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
