import { ERROR_STATUS, type ErrorCode, type FieldError } from '@tritiq/contracts';

export interface AppErrorOptions {
  errors?: FieldError[];
  /** Seconds; sent as the Retry-After header (429, 503). */
  retryAfter?: number;
  /** Extra response headers, e.g. for 423 the unlock time. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error type business code throws; its code decides the HTTP status. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

export const forbidden = (message = 'You do not have permission to do this') => new AppError('FORBIDDEN', message);

export const validationError = (field: string, message: string) =>
  new AppError('VALIDATION_ERROR', `${field}: ${message}`, { errors: [{ field, message }] });
