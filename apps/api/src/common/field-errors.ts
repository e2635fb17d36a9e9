import { BadRequestException } from '@nestjs/common';

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
