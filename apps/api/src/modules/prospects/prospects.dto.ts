import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsFQDN,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { LimitQueryDto } from '../../common/pagination.dto';

// No control characters (CR/LF included): names end up in CSV exports and logs.
const PRINTABLE = /^[^\p{Cc}]*$/u;

export class CreateProspectDto {
  @ApiProperty({ example: 'jane.doe@fabrikam.example' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  )
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  email!: string;

  @ApiPropertyOptional({ example: 'fabrikam.example', nullable: true })
  @IsOptional()
  @IsFQDN({ require_tld: false })
  @MaxLength(253)
  accountDomain?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string | null;
}

export class UpdateProspectDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsFQDN({ require_tld: false })
  @MaxLength(253)
  accountDomain?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string | null;
}

export class BulkUpsertProspectsDto {
  // Items are checked one by one by the service, so that one bad row is
  // reported by index instead of refusing the whole batch.
  @ApiProperty({ type: [CreateProspectDto], maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  prospects!: Record<string, unknown>[];
}

export class SearchProspectsQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'Email prefix' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  q?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;
}

export class ProspectDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) accountDomain!: string | null;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class RowErrorDto {
  @ApiProperty({
    description:
      'CSV line number (the header is line 1), or array index for JSON',
  })
  row!: number;
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

export class ImportReportDto {
  @ApiProperty({ description: 'Data rows read' }) rows!: number;
  @ApiProperty({ description: 'Rows inserted or updated' }) upserted!: number;
  @ApiProperty({ description: 'Rows refused' }) rejected!: number;
  @ApiProperty({
    type: [RowErrorDto],
    description: 'The first 1000 refused rows',
  })
  errors!: RowErrorDto[];
}
