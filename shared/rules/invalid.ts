import { AppError } from '../errors';

/**
 * Throws the VALIDATION error every rules function uses for bad input: the message starts with the field's path
 * ("receivedOn: …") and the details carry `{path, message}`, so each door can show it beside the right field.
 */
export function invalidField(path: string, message: string): never {
  throw new AppError('VALIDATION', `${path}: ${message}`, [{ path, message }]);
}
