import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';

// Generous caps: real header blocks of list mail reach tens of kilobytes,
// but a dry run is one message, not a mailbox.
const MAX_RAW_CHARS = 256 * 1024;
const MAX_HEADERS = 1000;
const MAX_RECIPIENTS = 500;

export class EmailAddressDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  name?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  address?: string | null;
}

export class RecipientDto {
  @ApiPropertyOptional({ type: EmailAddressDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmailAddressDto)
  emailAddress?: EmailAddressDto | null;
}

export class InternetMessageHeaderDto {
  @ApiProperty() @IsString() @MaxLength(1000) name!: string;
  @ApiProperty() @IsString() @MaxLength(MAX_RAW_CHARS) value!: string;
}

/**
 * Either the Graph message resource's header properties
 * (GET /users/{id}/messages/{id}?$select=internetMessageHeaders,from,…) or
 * `raw`: an RFC 5322 header block (or a whole .eml).
 */
export class ClassifierDryRunDto {
  @ApiPropertyOptional({
    description: 'Raw header block (RFC 5322) instead of the Graph fields',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_RAW_CHARS)
  raw?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Classify as this mailbox's mail (its owner address)",
  })
  @IsOptional()
  @IsUUID()
  mailboxId?: string;

  @ApiPropertyOptional({ enum: ['inbound', 'outbound'], default: 'inbound' })
  @IsOptional()
  @IsIn(['inbound', 'outbound'])
  direction?: 'inbound' | 'outbound';

  @ApiPropertyOptional({ type: [InternetMessageHeaderDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_HEADERS)
  @ValidateNested({ each: true })
  @Type(() => InternetMessageHeaderDto)
  internetMessageHeaders?: InternetMessageHeaderDto[];

  @ApiPropertyOptional({ type: RecipientDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecipientDto)
  from?: RecipientDto;

  @ApiPropertyOptional({ type: RecipientDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecipientDto)
  sender?: RecipientDto;

  @ApiPropertyOptional({ type: [RecipientDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  toRecipients?: RecipientDto[];

  @ApiPropertyOptional({ type: [RecipientDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  ccRecipients?: RecipientDto[];

  @ApiPropertyOptional({ type: [RecipientDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  bccRecipients?: RecipientDto[];

  @ApiPropertyOptional({ type: [RecipientDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  replyTo?: RecipientDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  subject?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sentDateTime?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  receivedDateTime?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isDraft?: boolean;

  @ApiPropertyOptional({ enum: ['low', 'normal', 'high'] })
  @IsOptional()
  @IsIn(['low', 'normal', 'high'])
  importance?: 'low' | 'normal' | 'high';

  @ApiPropertyOptional({ enum: ['focused', 'other'] })
  @IsOptional()
  @IsIn(['focused', 'other'])
  inferenceClassification?: 'focused' | 'other';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  internetMessageId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  conversationId?: string;
}

export class DecisionDto {
  @ApiProperty({
    enum: ['human', 'auto-reply', 'bounce', 'bulk', 'calendar', 'spam'],
  })
  kind!: string;
  @ApiProperty({ enum: ['fetch', 'ignore', 'needs-headers'] }) action!: string;
  @ApiProperty({ type: [String], description: 'Rule ids that fired' })
  rules!: string[];
  @ApiProperty({ type: [String], description: 'Prospects involved' })
  prospects!: string[];
}

export class ClassifierDryRunResultDto {
  @ApiProperty({ type: DecisionDto }) decision!: DecisionDto;
  @ApiProperty({
    enum: ['normal', 'personal', 'private', 'confidential'],
    description: 'From the Sensitivity header (RFC 2156)',
  })
  sensitivity!: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction!: string;
  @ApiProperty({ description: 'Version of the org email settings applied' })
  settingsVersion!: number;
  @ApiProperty({
    type: [String],
    description: 'Raw input only: lines that could not be read (no content)',
  })
  malformed!: string[];
}
