import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { LimitQueryDto } from '../../common/pagination.dto';

export class AddMailboxDto {
  @ApiProperty({
    example: 'rep@contoso.example',
    description: 'User principal name',
  })
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  userPrincipalName!: string;
}

export class ListMailboxesQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;
}

export class MailboxDto {
  @ApiProperty() id!: string;
  @ApiProperty() userPrincipalName!: string;
  @ApiProperty({ nullable: true, type: String }) graphUserId!: string | null;
  @ApiProperty({ enum: ['active', 'paused', 'error'] }) status!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why paused or in error, and what to do',
  })
  statusReason!: string | null;
  @ApiProperty({ nullable: true, type: Date }) lastSyncStartedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) lastSyncFinishedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) lastSuccessAt!: Date | null;
  @ApiProperty() storedMessages!: number;
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'The latest sync run and its counters',
  })
  lastRun!: Record<string, unknown> | null;
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'The queued or running sync job: { state, progress }',
  })
  job!: { state: string; progress: unknown } | null;
  @ApiProperty() createdAt!: Date;
}
