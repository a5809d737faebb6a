// Plain data without Zod: the web client checks an error body's code against it without loading the validator.
/**
 * Every error the API can answer with. The HTTP status of each code is fixed here, in one
 * table the compiler checks for completeness, so a client can rely on code <-> status.
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 422,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  ACCOUNT_INACTIVE: 403,
  ORGANIZATION_SUSPENDED: 403,
  CSRF_REJECTED: 403,
  INVALID_RESET_CODE: 400,
  USER_LIMIT_REACHED: 409,
  LAST_ORG_ADMIN: 409,
  LAST_PLATFORM_ADMIN: 409,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  /** A share link that has expired or was revoked. */
  LINK_GONE: 410,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  DUPLICATE: 409,
  IN_USE: 409,
  INSUFFICIENT_STOCK: 409,
  ALREADY_CANCELLED: 409,
  NUMBERING_EXHAUSTED: 409,
  /** An invoice whose bill receipts, payments or notes are allocated to (release them first). */
  BILL_ALLOCATED: 409,
  /** Dated on or before the organisation's books lock date. */
  BOOKS_LOCKED: 409,
  /** A sales invoice or note dated in a month whose GSTR-1 is marked filed: correct it with a note instead. */
  GST_PERIOD_FILED: 409,
  /** An invoice with active credit or debit notes against it (cancel them first). */
  VOUCHER_HAS_NOTES: 409,
  COMPANY_PROFILE_INCOMPLETE: 422,
  /** A GST return that cannot be exported as it stands (invoice lines without a valid HSN/SAC): each one is listed. */
  GST_RETURN_BLOCKED: 422,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
