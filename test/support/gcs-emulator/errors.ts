// GCS error responses: the JSON error body of the JSON API, and the plain-text bodies of media requests
// (the SDK puts a media error's raw body into err.message, so JSON there would leak into user messages).

import type { ServerResponse } from 'node:http';

/** Reasons GCS (and fake-gcs-server) pair with each status in `errors[].reason`. */
const REASONS: Record<number, string> = {
  400: 'invalid', 401: 'required', 403: 'forbidden', 404: 'notFound', 409: 'conflict', 412: 'conditionNotMet',
  416: 'requestedRangeNotSatisfiable', 429: 'rateLimitExceeded', 500: 'internalError', 501: 'notImplemented',
  502: 'badGateway', 503: 'backendError', 504: 'gatewayTimeout',
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout', 409: 'Conflict',
  412: 'Precondition Failed', 416: 'Requested range not satisfiable', 429: 'Too Many Requests',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export const BUCKET_NOT_FOUND = 'The specified bucket does not exist.';

export function defaultMessage(status: number): string {
  return STATUS_TEXT[status] ?? `HTTP ${status}`;
}

export function noSuchObject(bucket: string, name: string): string {
  return `No such object: ${bucket}/${name}`;
}

/** GCS's wording for a missing IAM permission (what a Storage Object Viewer key sees on buckets.get). */
export function permissionDenied(email: string, permission: string, resource: 'bucket' | 'object'): string {
  return `${email} does not have ${permission} access to the Google Cloud Storage ${resource}. ` +
    `Permission '${permission}' denied on resource (or it may not exist).`;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendJsonError(res: ServerResponse, status: number, message = defaultMessage(status), reason = REASONS[status]): void {
  sendJson(res, status, {
    error: { code: status, message, errors: [{ message, domain: 'global', reason: reason ?? 'unknown' }] },
  });
}

export function sendTextError(res: ServerResponse, status: number, message = defaultMessage(status), headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=UTF-8',
    'Content-Length': Buffer.byteLength(message),
    ...headers,
  });
  res.end(message);
}
