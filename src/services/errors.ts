// Domain errors: services say what went wrong, the API layer decides the HTTP status.
export type ErrorKind =
  | 'bad_request' // the request cannot be understood (400)
  | 'unauthorized' // credentials missing or wrong (401)
  | 'forbidden' // known caller, not allowed (403)
  | 'not_found' // absent, or hidden from this caller (404)
  | 'conflict' // clashes with existing state (409)
  | 'precondition_failed' // not allowed until something else is done first (412)
  | 'too_large' // more than a limit allows (413)
  | 'invalid'; // well-formed but unacceptable values (422)

export class ServiceError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ServiceError('bad_request', message);
export const unauthorized = (message: string) => new ServiceError('unauthorized', message);
export const forbidden = (message: string) => new ServiceError('forbidden', message);
export const notFound = (message: string) => new ServiceError('not_found', message);
export const conflict = (message: string) => new ServiceError('conflict', message);
export const preconditionFailed = (message: string) => new ServiceError('precondition_failed', message);
export const invalid = (message: string) => new ServiceError('invalid', message);
