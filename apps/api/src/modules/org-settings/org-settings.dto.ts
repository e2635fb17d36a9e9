import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import {
  MAIL_FOLDERS,
  ORG_EMAIL_SETTINGS_LIMITS,
} from '@headersync/domain-model';

const L = ORG_EMAIL_SETTINGS_LIMITS;

/**
 * A partial update of the org email settings. Shapes are checked here; the
 * rules (valid domains and addresses, ranges, normalisation) are
 * validateOrgEmailSettingsUpdate's in domain-model, shared with the admin app.
 */
export class UpdateOrgEmailSettingsDto {
  @ApiPropertyOptional({
    description:
      'Optimistic concurrency: the version read; 409 if it changed since',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    description: 'Sync emails based on headers only (Beta)',
  })
  @IsOptional()
  @IsBoolean()
  headerBasedSync?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.maxDomains)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  internalDomains?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.maxDomains)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  blockedDomains?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.maxAddresses)
  @IsString({ each: true })
  @MaxLength(320, { each: true })
  blockedAddresses?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.maxDomains)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  allowedDomains?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.maxAddresses)
  @IsString({ each: true })
  @MaxLength(320, { each: true })
  allowedAddresses?: string[];

  @ApiPropertyOptional({ enum: MAIL_FOLDERS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(MAIL_FOLDERS, { each: true })
  folders?: string[];

  @ApiPropertyOptional({
    minimum: L.minBackfillDays,
    maximum: L.maxBackfillDays,
  })
  @IsOptional()
  @IsInt()
  backfillDays?: number;

  @ApiPropertyOptional({
    description: 'Ignore Private/Personal/Confidential mail',
  })
  @IsOptional()
  @IsBoolean()
  ignorePrivate?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.maxSubjectTerms)
  @IsString({ each: true })
  @MaxLength(L.maxSubjectTermLength, { each: true })
  sensitiveSubjectTerms?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  matchProspectsByDomain?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  treatCalendarAsRelevant?: boolean;
}

export class OrgEmailSettingsResponseDto {
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ description: 'OrgEmailSettings of domain-model' })
  settings!: Record<string, unknown>;
}
