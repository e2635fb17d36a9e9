import { BadRequestException } from '@nestjs/common';

/** 400 naming each field, in the problem+json `errors` shape. */
export function fieldErrors(
  errors: readonly { field: string; message: string }[],
): BadRequestException {
  return new BadRequestException({
    message: errors.map((e) => `${e.field} ${e.message}`).join('; '),
    errors,
  });
}
