import createHttpError from 'http-errors';
import { errors } from '@strapi/utils';

/**
 * Strapi has no 409/503 ApplicationError; its errors middleware formats any http-errors HttpError
 * with its own status into the same `{ data: null, error: { status, name, message, details } }` envelope.
 */
export const conflictError = (message: string, details: Record<string, unknown> = {}) =>
  Object.assign(createHttpError(409, message), { details });

export const serviceUnavailableError = (message: string, details: Record<string, unknown> = {}) =>
  Object.assign(createHttpError(503, message), { details });

export const { ValidationError, NotFoundError, ForbiddenError, UnauthorizedError, ApplicationError } = errors;
