import { BadRequestException, type ValidationError } from '@nestjs/common';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** 400 naming each field, in the problem+json `errors` shape; `detail` joins "field message" sentences. */
export function fieldErrors(
  errors: readonly FieldError[],
): BadRequestException {
  return new BadRequestException({
    message: errors.map((e) => `${e.field} ${e.message}`).join('; '),
    errors,
  });
}

/** The ValidationPipe's errors as they are (class-validator words them). */
export function validationErrors(
  errors: readonly FieldError[],
): BadRequestException {
  return new BadRequestException({
    message: errors.map((e) => e.message).join('; '),
    errors,
  });
}

/** class-validator's error tree as one `{ field, message }` per broken rule, fields as paths (`folders[1]`, `a.b`). */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field =
      parent === ''
        ? error.property
        : /^\d+$/.test(error.property)
          ? `${parent}[${error.property}]`
          : `${parent}.${error.property}`;
    return [
      ...Object.values(error.constraints ?? {}).map((message) => ({
        field,
        message,
      })),
      ...flattenValidationErrors(error.children ?? [], field),
    ];
  });
}
