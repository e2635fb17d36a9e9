import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

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
  name!: string;
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
