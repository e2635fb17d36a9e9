import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';

export const STATS_BUCKETS = ['day', 'hour'] as const;

export class StatsQueryDto {
  @ApiPropertyOptional({
    description: 'Start (ISO 8601, inclusive); default: 7 days before `to`',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'End (ISO 8601, exclusive); default: now',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  mailboxId?: string;

  @ApiPropertyOptional({ enum: STATS_BUCKETS, default: 'day' })
  @IsOptional()
  @IsIn(STATS_BUCKETS)
  bucket: (typeof STATS_BUCKETS)[number] = 'day';
}

export class StatsBucketDto {
  @ApiProperty({ description: 'Start of the UTC bucket' }) start!: Date;
  @ApiProperty({ description: 'Sync runs started in the bucket' })
  runs!: number;
  @ApiProperty({ description: 'Messages listed by Graph delta' })
  seen!: number;
  @ApiProperty({ description: 'Messages downloaded in full' })
  fetched!: number;
  @ApiProperty({ description: 'Messages stored' }) stored!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Ignored messages by classifier reason',
  })
  ignored!: Record<string, number>;
  @ApiProperty() ignoredTotal!: number;
  @ApiProperty({ description: 'Bytes of header listings from Graph' })
  bytesHeader!: number;
  @ApiProperty({ description: 'Bytes of full messages from Graph' })
  bytesBody!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Estimated bytes header-based sync did not download: messages it listed but skipped, times the average downloaded message size; null without a basis',
  })
  bytesNotDownloaded!: number | null;
}

export class MailboxLagDto {
  @ApiProperty() mailboxId!: string;
  @ApiProperty() userPrincipalName!: string;
  @ApiProperty({ enum: ['active', 'paused', 'error'] }) status!: string;
  @ApiProperty({ nullable: true, type: Date }) lastSuccessAt!: Date | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Seconds since the last successful sync; null if never',
  })
  lagSeconds!: number | null;
}

export class StatsTotalsDto {
  @ApiProperty() runs!: number;
  @ApiProperty() seen!: number;
  @ApiProperty() fetched!: number;
  @ApiProperty() stored!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  ignored!: Record<string, number>;
  @ApiProperty() ignoredTotal!: number;
  @ApiProperty() bytesHeader!: number;
  @ApiProperty() bytesBody!: number;
  @ApiProperty({ nullable: true, type: Number })
  bytesNotDownloaded!: number | null;
}

export class StatsDto {
  @ApiProperty() from!: Date;
  @ApiProperty() to!: Date;
  @ApiProperty({ enum: STATS_BUCKETS }) bucket!: string;
  @ApiProperty({ nullable: true, type: String }) mailboxId!: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Average bytes per downloaded message, the basis of bytesNotDownloaded (standard runs preferred: they download everything)',
  })
  averageMessageBytes!: number | null;
  @ApiProperty({ type: [StatsBucketDto] }) buckets!: StatsBucketDto[];
  @ApiProperty({ type: StatsTotalsDto }) totals!: StatsTotalsDto;
  @ApiProperty({ type: [MailboxLagDto] }) mailboxes!: MailboxLagDto[];
}
