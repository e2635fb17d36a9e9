import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { LimitQueryDto } from '../../common/pagination.dto';

export class ListAuditEventsQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsISO8601({ strict: true })
  cursor?: string;
}

export class AuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() at!: Date;
  @ApiProperty({ nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty() actorLabel!: string;
  @ApiProperty() action!: string;
  @ApiProperty() entity!: string;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ nullable: true, type: Object }) before!: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ nullable: true, type: Object }) after!: Record<
    string,
    unknown
  > | null;
}
