import { plainToInstance, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsString,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { flattenValidationErrors } from './field-errors';

class Recipient {
  @IsEmail() address!: string;
}

class Message {
  @IsString() subject!: string;
  @IsIn(['inbox', 'sentitems'], { each: true }) folders!: string[];
  @ValidateNested({ each: true })
  @Type(() => Recipient)
  to!: Recipient[];
}

describe('flattenValidationErrors', () => {
  it('names each broken rule by its path, nested objects and array items included', () => {
    const input = plainToInstance(Message, {
      subject: 7,
      folders: ['inbox'],
      to: [{ address: 'a@b.example' }, { address: 'nope' }],
    });
    expect(flattenValidationErrors(validateSync(input))).toEqual([
      { field: 'subject', message: 'subject must be a string' },
      { field: 'to[1].address', message: 'address must be an email' },
    ]);
  });
});
