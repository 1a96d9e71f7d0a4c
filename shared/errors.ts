// Error codes shared by the delivery server, the control API and the GUI. The code is for programs,
// the message for people; each code maps to one HTTP status and one ImageKit `ik-error` code.

export const ERRORS = {
  TRANSFORM_INVALID_ARG: { status: 400, ik: 'EINVAL', title: 'Invalid transformation' },
  TRANSFORM_UNKNOWN_PARAM: { status: 400, ik: 'EINVAL', title: 'Unknown transformation parameter' },
  TRANSFORM_UNSUPPORTED: { status: 400, ik: 'EINVAL', title: 'Transformation not supported yet' },
  TRANSFORM_NAMED_UNKNOWN: { status: 400, ik: 'EINVAL', title: 'Unknown named transformation' },
  TRANSFORM_CHAIN_TOO_LONG: { status: 400, ik: 'EINVAL', title: 'Transformation chain too long' },
  OUTPUT_TOO_LARGE: { status: 400, ik: 'EINVAL', title: 'Output dimension too large' },
  INPUT_TOO_MANY_PIXELS: { status: 413, ik: 'ETOOLARGE', title: 'Input image has too many pixels' },
  INPUT_TOO_LARGE: { status: 413, ik: 'ETOOLARGE', title: 'Input file too large' },
  INPUT_CORRUPT: { status: 422, ik: 'EINVAL', title: 'Input image is corrupt or unsupported' },
  BAD_REQUEST: { status: 400, ik: 'EINVAL', title: 'Bad request' },
  ENDPOINT_NOT_FOUND: { status: 404, ik: 'ENOENT', title: 'No endpoint matches this URL' },
  ORIGIN_NOT_FOUND: { status: 404, ik: 'ENOENT', title: 'File not found' },
  ORIGIN_ACCESS_DENIED: { status: 502, ik: 'EACCES', title: 'Origin denied access' },
  ORIGIN_UNREACHABLE: { status: 502, ik: 'ECONNREFUSED', title: 'Origin unreachable' },
  ORIGIN_ERROR: { status: 502, ik: 'UNIDENTIFIED', title: 'Origin error' },
  SIGNATURE_INVALID: { status: 401, ik: 'EAUTH', title: 'Invalid signature' },
  SIGNATURE_EXPIRED: { status: 401, ik: 'EAUTH', title: 'Signature expired' },
  SIGNATURE_REQUIRED: { status: 401, ik: 'EAUTH', title: 'Signed URL required' },
  METHOD_NOT_ALLOWED: { status: 405, ik: 'EINVAL', title: 'Method not allowed' },
  RANGE_NOT_SATISFIABLE: { status: 416, ik: 'EINVAL', title: 'Range not satisfiable' },
  CONFIG_INVALID: { status: 400, ik: 'EINVAL', title: 'Invalid configuration' },
  OVERLOADED: { status: 503, ik: 'EBUSY', title: 'Server busy' },
  INTERNAL: { status: 500, ik: 'UNIDENTIFIED', title: 'Internal error' },
} as const satisfies Record<string, { status: number; ik: string; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** An expected failure with a stable code; anything else reaching the edge is a bug (500). */
export class LoupeError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'LoupeError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
  toData(): ErrorData {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isLoupeError(e: unknown): e is LoupeError {
  return e instanceof LoupeError;
}

/** The one shape of validation messages: `Invalid w: "abc" (expected a positive number)`. */
export function invalidArg(key: string, value: string, expected: string): LoupeError {
  return new LoupeError('TRANSFORM_INVALID_ARG', `Invalid ${key}: "${value}" (expected ${expected})`, { key, value, expected });
}
