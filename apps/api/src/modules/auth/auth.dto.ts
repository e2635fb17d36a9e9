import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { LimitQueryDto } from '../../common/pagination.dto';

export class SignInDto {
  @ApiProperty({ example: 'admin@demo.headersync.local' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  password!: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'CRM export job' })
  @IsString()
  @Length(1, 100)
  // A label, not free text: no quotes, markup or line breaks to carry into
  // logs, CSV exports or headers.
  @Matches(/^[\p{L}\p{N} ._()-]+$/u, {
    message: 'name may contain letters, digits, spaces and . _ ( ) - only',
  })
  name!: string;
}

export class SessionOrgDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class SessionResponseDto {
  @ApiProperty() userId!: string;
  @ApiProperty() orgId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role!: string;
  @ApiProperty({
    description: 'Send it back in X-CSRF-Token on unsafe requests',
  })
  csrfToken!: string;
  @ApiProperty({ type: SessionOrgDto }) org!: SessionOrgDto;
}

export class AuthProvidersDto {
  @ApiProperty() password!: boolean;
  @ApiProperty({ description: 'Whether "Sign in with Microsoft" is set up' })
  microsoft!: boolean;
}

export class MicrosoftStartQueryDto {
  @ApiPropertyOptional({ description: 'Path of the admin app to return to' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  returnTo?: string;
}

export class MicrosoftCallbackQueryDto {
  @IsOptional() @IsString() @MaxLength(4000) code?: string;
  @IsOptional() @IsString() @MaxLength(200) state?: string;
  @IsOptional() @IsString() @MaxLength(200) error?: string;
  @IsOptional() @IsString() @MaxLength(2000) error_description?: string;
  @IsOptional() @IsString() @MaxLength(4000) client_info?: string;
  @IsOptional() @IsString() @MaxLength(200) session_state?: string;
}

export class ListApiTokensQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class ApiTokenDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) lastUsedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt!: Date | null;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'Shown once; only its hash is stored' })
  token!: string;
}
