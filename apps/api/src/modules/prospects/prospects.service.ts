import { Transform, type Readable } from 'node:stream';
import {
  BadRequestException,
  ConflictException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { parse } from 'csv-parse';
import type {
  ProspectEntity,
  ProspectInput,
} from '@headersync/domain-persistence';
import {
  AuditEventRepository,
  ProspectRepository,
  TransactionRunner,
  type Tx,
} from '@headersync/domain-persistence';
import { API_OPTIONS, type ApiOptions } from '../../api-options';
import { fieldErrors } from '../../common/field-errors';
import {
  decodeCursor,
  encodeCursor,
  type Page,
} from '../../common/pagination.dto';
import type { Principal } from '../auth/auth.types';
import type {
  BulkUpsertProspectsDto,
  CreateProspectDto,
  ImportReportDto,
  ProspectDto,
  RowErrorDto,
  SearchProspectsQueryDto,
  UpdateProspectDto,
} from './prospects.dto';
import { canonicalColumn, parseProspectRow } from './prospect-row.util';

/** Rows per INSERT ... ON CONFLICT: 3 parameters each, far below PostgreSQL's 65,535. */
export const IMPORT_BATCH_SIZE = 1000;
const MAX_REPORTED_ERRORS = 1000;

function tooLarge(limit: number): HttpException {
  return new HttpException(
    `The CSV is larger than ${limit} bytes`,
    HttpStatus.PAYLOAD_TOO_LARGE,
  );
}

function toDto(p: ProspectEntity): ProspectDto {
  return {
    id: p.id,
    email: p.email,
    accountDomain: p.accountDomain,
    name: p.name,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

@Injectable()
export class ProspectsService {
  constructor(
    private readonly prospects: ProspectRepository,
    private readonly audit: AuditEventRepository,
    private readonly transactions: TransactionRunner,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
  ) {}

  async search(
    principal: Principal,
    query: SearchProspectsQueryDto,
  ): Promise<Page<ProspectDto>> {
    let afterEmail: string | undefined;
    if (query.cursor) {
      const parts = decodeCursor(query.cursor, 1);
      if (!parts)
        throw fieldErrors([
          { field: 'cursor', message: 'is not a valid cursor' },
        ]);
      afterEmail = parts[0];
    }
    const rows = await this.prospects.search(principal.orgId, {
      limit: query.limit,
      ...(query.q ? { emailPrefix: query.q } : {}),
      ...(afterEmail ? { afterEmail } : {}),
    });
    const last = rows.at(-1);
    return {
      items: rows.map(toDto),
      nextCursor:
        rows.length === query.limit && last ? encodeCursor([last.email]) : null,
    };
  }

  async get(principal: Principal, id: string): Promise<ProspectDto> {
    const row = await this.prospects.findById(principal.orgId, id);
    if (!row) throw new NotFoundException('No such prospect');
    return toDto(row);
  }

  async create(
    principal: Principal,
    dto: CreateProspectDto,
  ): Promise<ProspectDto> {
    const parsed = parseProspectRow({ ...dto });
    if (!parsed.ok) throw fieldErrors([parsed.problem]);
    const existing = await this.prospects.search(principal.orgId, {
      emailPrefix: parsed.value.email,
      limit: 1,
    });
    if (existing[0]?.email === parsed.value.email)
      throw new ConflictException('A prospect with this email exists already');
    const [row] = await this.prospects.upsertMany(principal.orgId, [
      parsed.value,
    ]);
    if (!row) throw new Error('upsert returned no row');
    return toDto(row);
  }

  async update(
    principal: Principal,
    id: string,
    dto: UpdateProspectDto,
  ): Promise<ProspectDto> {
    const current = await this.prospects.findById(principal.orgId, id);
    if (!current) throw new NotFoundException('No such prospect');
    const parsed = parseProspectRow({
      email: current.email,
      accountDomain:
        dto.accountDomain === undefined
          ? current.accountDomain
          : dto.accountDomain,
      name: dto.name === undefined ? current.name : dto.name,
    });
    if (!parsed.ok) throw fieldErrors([parsed.problem]);
    const [row] = await this.prospects.upsertMany(principal.orgId, [
      parsed.value,
    ]);
    if (!row) throw new Error('upsert returned no row');
    return toDto(row);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    if (!(await this.prospects.deleteById(principal.orgId, id)))
      throw new NotFoundException('No such prospect');
  }

  async bulkUpsert(
    principal: Principal,
    dto: BulkUpsertProspectsDto,
  ): Promise<ImportReportDto> {
    const valid: ProspectInput[] = [];
    const errors: RowErrorDto[] = [];
    dto.prospects.forEach((p, index) => {
      const parsed = parseProspectRow({ ...p });
      if (parsed.ok) valid.push(parsed.value);
      else errors.push({ row: index, ...parsed.problem });
    });
    const rows = await this.prospects.upsertMany(principal.orgId, valid);
    await this.recordImport(
      principal,
      'prospects.bulk-upsert',
      dto.prospects.length,
      rows.length,
      errors.length,
    );
    return {
      rows: dto.prospects.length,
      upserted: rows.length,
      rejected: errors.length,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
    };
  }

  /**
   * Streams a CSV upload (RFC 4180, a header row naming the columns) into
   * batched upserts: memory stays flat whatever the file size, because
   * csv-parse yields records as the body arrives and the next chunk is read
   * only once the current batch is written (stream backpressure).
   */
  async importCsv(
    principal: Principal,
    body: Readable,
    contentType: string | undefined,
    contentLength: string | undefined,
  ): Promise<ImportReportDto> {
    if (!contentType || !/^text\/csv\b/i.test(contentType))
      throw new UnsupportedMediaTypeException('Send the file as text/csv');
    const limit = this.options.csvBodyLimitBytes;
    if (contentLength !== undefined && Number(contentLength) > limit)
      throw tooLarge(limit);
    let bytes = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        // Chunked uploads carry no Content-Length: count what arrives.
        if (bytes > limit) done(tooLarge(limit));
        else done(null, chunk);
      },
    });
    const errors: RowErrorDto[] = [];
    let rejected = 0;
    // Rows as a spreadsheet numbers them: the header is row 1, and a quoted
    // field spanning lines is still one row. Counted as csv-parse emits
    // records, ahead of the batches that consume them.
    let parsedRows = 0;
    const parser = parse({
      bom: true,
      columns: (header: string[]) => header.map(canonicalColumn),
      skip_empty_lines: true,
      relax_column_count: true,
      // A stray quote inside an unquoted field ("O"Brien) is kept as text.
      relax_quotes: true,
      max_record_size: 64 * 1024,
      on_record: (record: Record<string, unknown>) => {
        parsedRows += 1;
        return { row: parsedRows + 1, record };
      },
    });
    // Kept, and checked after the loop: an error raised before iteration
    // starts must not end it as if the file were complete.
    let streamError: unknown;
    parser.on('error', (error) => (streamError ??= error));
    body.on('error', (error) => cap.destroy(error));
    cap.on('error', (error) => parser.destroy(error));

    try {
      // One transaction for the whole file: a syntax error or an oversize
      // body leaves the prospects as they were (csv-parse cannot resume
      // reliably after a syntax error, so a partial import would be
      // arbitrary). It holds one pooled connection for the upload's length.
      return await this.transactions.run(async (tx) => {
        // Read the body only once the transaction is open.
        body.pipe(cap).pipe(parser);
        let batch: ProspectInput[] = [];
        let rows = 0;
        let upserted = 0;
        let sawEmailColumn = false;
        const flush = async () => {
          if (batch.length === 0) return;
          const written = await this.prospects.upsertMany(
            principal.orgId,
            batch,
            tx,
          );
          upserted += written.length;
          batch = [];
        };
        for await (const { row, record } of parser as AsyncIterable<{
          row: number;
          record: Record<string, unknown>;
        }>) {
          rows += 1;
          if (rows === 1) sawEmailColumn = 'email' in record;
          if (!sawEmailColumn)
            throw fieldErrors([
              {
                field: 'email',
                message: 'column is missing from the CSV header',
              },
            ]);
          const parsed = parseProspectRow(record);
          if (parsed.ok) {
            batch.push(parsed.value);
            if (batch.length >= IMPORT_BATCH_SIZE) await flush();
          } else {
            rejected += 1;
            if (errors.length < MAX_REPORTED_ERRORS)
              errors.push({ row, ...parsed.problem });
          }
        }
        if (streamError) throw streamError;
        await flush();
        await this.recordImport(
          principal,
          'prospects.csv-import',
          rows,
          upserted,
          rejected,
          tx,
        );
        return { rows, upserted, rejected, errors };
      });
    } catch (error) {
      body.unpipe(cap);
      body.resume();
      if (error instanceof HttpException) throw error;
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('CSV_')) {
        const row = parsedRows + 2;
        throw new BadRequestException({
          message: `The CSV is not valid at row ${row} (${code}); nothing was imported`,
          errors: [
            { field: 'row', message: `${row} is not valid CSV (${code})` },
          ],
        });
      }
      throw error;
    }
  }

  private async recordImport(
    principal: Principal,
    action: string,
    rows: number,
    upserted: number,
    rejected: number,
    tx?: Tx,
  ): Promise<void> {
    await this.audit.record(
      {
        orgId: principal.orgId,
        actor: { userId: principal.userId, label: principal.email },
        action,
        entity: 'prospect',
        entityId: null,
        before: null,
        after: { rows, upserted, rejected },
      },
      tx,
    );
  }
}
