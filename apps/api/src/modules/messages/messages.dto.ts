import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_KINDS, type MessageKind } from '@headersync/domain-model';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { LimitQueryDto } from '../../common/pagination.dto';

export class ListMessagesQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({
    description: 'Messages matched to this prospect address',
  })
  @IsOptional()
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  prospect?: string;

  @ApiPropertyOptional({
    description: 'Messages this address took part in (any header)',
  })
  @IsOptional()
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  address?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  mailboxId?: string;

  @ApiPropertyOptional({ enum: MESSAGE_KINDS })
  @IsOptional()
  @IsIn(MESSAGE_KINDS)
  kind?: MessageKind;

  @ApiPropertyOptional({
    description: 'Received at or after (ISO 8601)',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'Received before (ISO 8601)',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;
}

export class PurgeMessagesDto {
  @ApiProperty({
    example: 'jane.doe@fabrikam.example',
    description: 'The person asking to be forgotten',
  })
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  address!: string;
}

export class ParticipantDto {
  @ApiPropertyOptional() name?: string;
  @ApiProperty() address!: string;
}

export class ParticipantsDto {
  @ApiProperty({ type: ParticipantDto, nullable: true })
  from!: ParticipantDto | null;
  @ApiProperty({ type: ParticipantDto, nullable: true })
  sender!: ParticipantDto | null;
  @ApiProperty({ type: [ParticipantDto] }) to!: ParticipantDto[];
  @ApiProperty({ type: [ParticipantDto] }) cc!: ParticipantDto[];
  @ApiProperty({ type: [ParticipantDto] }) bcc!: ParticipantDto[];
  @ApiProperty({ type: [ParticipantDto] }) replyTo!: ParticipantDto[];
}

export class MessageSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String })
  internetMessageId!: string | null;
  @ApiProperty({ nullable: true, type: String })
  conversationId!: string | null;
  @ApiProperty({ type: ParticipantsDto }) participants!: ParticipantsDto;
  @ApiProperty({ nullable: true, type: String }) subject!: string | null;
  @ApiProperty({ nullable: true, type: Date }) sentAt!: Date | null;
  @ApiProperty() receivedAt!: Date;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ enum: MESSAGE_KINDS }) kind!: MessageKind;
  @ApiProperty({ type: [String], description: 'Classifier rules that fired' })
  rules!: string[];
  @ApiProperty({ type: [String] }) matchedProspects!: string[];
  @ApiProperty({ nullable: true, type: Date }) outOfOfficeUntil!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class MessageHeaderDto {
  @ApiProperty() name!: string;
  @ApiProperty() value!: string;
}

export class MessageBodyDto {
  @ApiProperty({ enum: ['text', 'html'] }) contentType!: 'text' | 'html';
  @ApiProperty() content!: string;
}

export class MessageCopyDto {
  @ApiProperty() mailboxId!: string;
  @ApiProperty() graphId!: string;
  @ApiProperty({ enum: ['inbox', 'sentitems'] }) folder!: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction!: string;
}

export class MessageDto extends MessageSummaryDto {
  @ApiProperty({ type: [MessageHeaderDto] }) headers!: MessageHeaderDto[];
  @ApiProperty({ type: MessageBodyDto }) body!: MessageBodyDto;
  @ApiProperty({
    type: [MessageCopyDto],
    description: 'The mailboxes holding this email (those the caller may see)',
  })
  copies!: MessageCopyDto[];
}

export class PurgeResultDto {
  @ApiProperty({ description: 'Stored messages deleted' })
  messagesDeleted!: number;
  @ApiProperty({
    description: 'Whether a prospect with this address was deleted too',
  })
  prospectDeleted!: boolean;
}
