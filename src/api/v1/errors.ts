import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError, type ErrorKind } from '../../services/errors.js';

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  invalid: 422,
};

/** Gitea's error body points at the API document. */
export const swaggerUrl = (rootUrl: string) => `${rootUrl}api/swagger`;

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { missingProperty?: string };
}

// Gitea reports binding failures as "[Field]: reason".
function validationMessage(error: FastifyError): string {
  const issue = (error.validation as ValidationIssue[] | undefined)?.[0];
  if (!issue) return error.message;
  const field = issue.params?.missingProperty ?? issue.instancePath?.replace(/^\//, '').replace(/\//g, '.');
  const where = error.validationContext && error.validationContext !== 'body' ? `${error.validationContext} ` : '';
  return field ? `[${where}${field}]: ${issue.message ?? 'invalid'}` : `${where}${issue.message ?? error.message}`;
}

export function statusAndMessage(error: FastifyError | ServiceError | Error): { status: number; message: string } {
  if (error instanceof ServiceError) return { status: STATUS[error.kind], message: error.message };
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return { status: 422, message: validationMessage(fastifyError) };
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, message: 'request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: `unsupported content type: ${fastifyError.message}` };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, message: 'request body is empty but Content-Type is application/json' };
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return { status, message: error instanceof SyntaxError ? `malformed JSON body: ${error.message}` : error.message };
  }
  return { status: 500, message: 'internal server error' };
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, message } = statusAndMessage(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (status === 401 && request.principal === null && !request.headers.authorization) {
    reply.header('WWW-Authenticate', 'Basic realm="Samovar"');
  }
  void reply.code(status).type('application/json; charset=utf-8').send({ message, url: swaggerUrl(request.server.services.config.server.rootUrl) });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply.code(404).type('application/json; charset=utf-8').send({
    message: `not found: ${request.method} ${request.url.split('?')[0]}`,
    url: swaggerUrl(request.server.services.config.server.rootUrl),
  });
}
