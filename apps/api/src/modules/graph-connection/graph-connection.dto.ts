import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { GRAPH_CREDENTIAL_PURPOSES } from '@headersync/domain-model';

/**
 * The tenant's app registration. Write-only: the secret or private key is
 * encrypted at rest and never returned (GET answers ids and the thumbprint).
 */
export class RegisterGraphCredentialDto {
  @ApiProperty({ description: 'Entra tenant id (GUID)' })
  @IsUUID('all')
  tenantId!: string;

  @ApiProperty({ description: 'Application (client) id' })
  @IsUUID('all')
  clientId!: string;

  @ApiProperty({ enum: ['secret', 'certificate'] })
  @IsIn(['secret', 'certificate'])
  kind!: 'secret' | 'certificate';

  @ApiPropertyOptional({
    description: 'Client secret (kind "secret")',
    writeOnly: true,
  })
  @ValidateIf((o: RegisterGraphCredentialDto) => o.kind === 'secret')
  @IsString()
  @Length(8, 512)
  clientSecret?: string;

  @ApiPropertyOptional({ description: 'PEM certificate (kind "certificate")' })
  @ValidateIf((o: RegisterGraphCredentialDto) => o.kind === 'certificate')
  @IsString()
  @MaxLength(64 * 1024)
  @Matches(/-----BEGIN CERTIFICATE-----/, {
    message: 'certificatePem must be a PEM certificate',
  })
  certificatePem?: string;

  @ApiPropertyOptional({
    description: 'PEM PKCS#8 private key (kind "certificate")',
    writeOnly: true,
  })
  @ValidateIf((o: RegisterGraphCredentialDto) => o.kind === 'certificate')
  @IsString()
  @MaxLength(64 * 1024)
  @Matches(/-----BEGIN PRIVATE KEY-----/, {
    message:
      'privateKeyPem must be a PEM PKCS#8 private key (BEGIN PRIVATE KEY)',
  })
  privateKeyPem?: string;
}

export class PurposeParamDto {
  @ApiProperty({ enum: GRAPH_CREDENTIAL_PURPOSES })
  @IsIn(GRAPH_CREDENTIAL_PURPOSES)
  purpose!: (typeof GRAPH_CREDENTIAL_PURPOSES)[number];
}

export class ConnectionTestDto {
  @ApiPropertyOptional({
    description: 'Mailbox to read; default the first added mailbox',
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  userPrincipalName?: string;
}

export class DiscoverUsersQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 999, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999)
  limit = 100;
}

export class AdminConsentCallbackQueryDto {
  @IsOptional() @IsString() @MaxLength(200) admin_consent?: string;
  @IsOptional() @IsString() @MaxLength(200) tenant?: string;
  @IsOptional() @IsString() @MaxLength(200) state?: string;
  @IsOptional() @IsString() @MaxLength(200) error?: string;
  @IsOptional() @IsString() @MaxLength(2000) error_description?: string;
  @IsOptional() @IsString() @MaxLength(2000) scope?: string;
}

export class GraphCredentialInfoDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: GRAPH_CREDENTIAL_PURPOSES }) purpose!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ enum: ['secret', 'certificate'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) certificateThumbprint!:
    | string
    | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) rotatedAt!: Date | null;
}

export class ConnectionTestStepDto {
  @ApiProperty() step!: string;
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional() error?: string;
}

export class ConnectionTestResultDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: [ConnectionTestStepDto] })
  steps!: ConnectionTestStepDto[];
}
