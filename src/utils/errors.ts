import createHttpError from 'http-errors';
import { errors } from '@strapi/utils';

/**
 * Strapi has no 409/503 ApplicationError; its errors middleware formats any http-errors HttpError
 * with its own status into the same `{ data: null, error: { status, name, message, details } }` envelope.
 */
export const conflictError = (message: string, details: Record<string, unknown> = {}) =>
  Object.assign(createHttpError(409, message), { details });

/** 422: well-formed, but it contradicts what the server already holds (an idempotency key reused for another request). */
export const unprocessableError = (message: string, details: Record<string, unknown> = {}) =>
  Object.assign(createHttpError(422, message), { details });

export const serviceUnavailableError = (message: string, details: Record<string, unknown> = {}) =>
  Object.assign(createHttpError(503, message), { details });

/**
 * 401 and 403 with a message the client can act on. Strapi's authorize middleware wraps every
 * controller and turns its own UnauthorizedError / ForbiddenError into a bare "Unauthorized" /
 * "Forbidden" (compose-endpoint.ts), so ours are http-errors: same envelope, message kept.
 */
export const unauthorizedError = (message: string, details: Record<string, unknown> = {}) =>
  Object.assign(createHttpError(401, message), { details });

export const forbiddenError = (message: string, details: Record<string, unknown> = {}) =>
  Object.assign(createHttpError(403, message), { details });

export const { ValidationError, NotFoundError, ApplicationError } = errors;
