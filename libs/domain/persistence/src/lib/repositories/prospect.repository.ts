import {
  domainOfAddress,
  normaliseDomain,
  normaliseEmailAddress,
} from '@headersync/domain-model';
import type { DataSource } from 'typeorm';
import { AccountEntity } from '../entities/account.entity.js';
import { ProspectEntity } from '../entities/prospect.entity.js';
import { managerOf, queryRows, type Tx } from './transaction.js';

export interface ProspectInput {
  readonly email: string;
  readonly accountDomain?: string | null;
  readonly name?: string | null;
}

export interface ProspectMatches {
  /** Prospects whose email is one of the addresses. */
  readonly prospects: ProspectEntity[];
  /** Account domains (of the org's accounts or prospects) among the addresses' domains. */
  readonly accountDomains: Set<string>;
}

/** Rows per upsertMany call (3 parameters each, far below PostgreSQL's 65,535). */
export const MAX_PROSPECTS_PER_UPSERT = 5000;

export class ProspectRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Resolves all participant addresses of a delta page at once: one query
   * on uq_prospect_org_email, plus one on the account domains when the org
   * matches by domain.
   */
  async findMatching(
    orgId: string,
    addresses: readonly string[],
    options: { readonly byDomain?: boolean } = {},
  ): Promise<ProspectMatches> {
    const emails = [...new Set(addresses.map(normaliseEmailAddress))];
    if (emails.length === 0)
      return { prospects: [], accountDomains: new Set() };
    const prospects = await this.dataSource
      .getRepository(ProspectEntity)
      .createQueryBuilder('p')
      .where('p.orgId = :orgId AND p.email = ANY(:emails)', { orgId, emails })
      .getMany();
    if (!options.byDomain) return { prospects, accountDomains: new Set() };
    const domains = [
      ...new Set(
        emails.map(domainOfAddress).filter((d): d is string => d !== undefined),
      ),
    ];
    const rows = await queryRows<{ domain: string }>(
      this.dataSource.manager,
      `SELECT "domain" FROM "account" WHERE "org_id" = $1 AND "domain" = ANY($2::text[])
       UNION
       SELECT DISTINCT "account_domain" FROM "prospect" WHERE "org_id" = $1 AND "account_domain" = ANY($2::text[])`,
      [orgId, domains],
    );
    return { prospects, accountDomains: new Set(rows.map((r) => r.domain)) };
  }

  /** Insert or update by (org, email), idempotently; returns the rows. */
  async upsertMany(
    orgId: string,
    inputs: readonly ProspectInput[],
    tx?: Tx,
  ): Promise<ProspectEntity[]> {
    if (inputs.length === 0) return [];
    if (inputs.length > MAX_PROSPECTS_PER_UPSERT) {
      // PostgreSQL allows 65,535 bind parameters per statement; a streamed
      // CSV import upserts in chunks anyway.
      throw new RangeError(
        `ProspectRepository.upsertMany takes at most ${MAX_PROSPECTS_PER_UPSERT} rows per call`,
      );
    }
    const byEmail = new Map<string, ProspectInput>();
    for (const p of inputs) byEmail.set(normaliseEmailAddress(p.email), p);
    const params: unknown[] = [orgId];
    const values: string[] = [];
    let i = 2;
    for (const [email, p] of byEmail) {
      params.push(
        email,
        p.accountDomain ? normaliseDomain(p.accountDomain) : null,
        p.name ?? null,
      );
      values.push(`($1::uuid, $${i}, $${i + 1}, $${i + 2})`);
      i += 3;
    }
    const rows = await queryRows<{ id: string }>(
      managerOf(this.dataSource, tx),
      `INSERT INTO "prospect" ("org_id", "email", "account_domain", "name") VALUES ${values.join(', ')}
       ON CONFLICT ("org_id", "email") DO UPDATE SET
         "account_domain" = EXCLUDED."account_domain", "name" = EXCLUDED."name", "updated_at" = now()
       RETURNING "id"`,
      params,
    );
    return managerOf(this.dataSource, tx)
      .getRepository(ProspectEntity)
      .createQueryBuilder('p')
      .where('p.id = ANY(:ids)', { ids: rows.map((r) => r.id) })
      .getMany();
  }

  findById(orgId: string, id: string): Promise<ProspectEntity | null> {
    return this.dataSource
      .getRepository(ProspectEntity)
      .findOne({ where: { orgId, id } });
  }

  async deleteById(orgId: string, id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(ProspectEntity)
      .delete({ orgId, id });
    return (result.affected ?? 0) > 0;
  }

  /** Prefix search on email, alphabetical, keyset-paginated on email. */
  search(
    orgId: string,
    query: {
      readonly emailPrefix?: string;
      readonly limit: number;
      readonly afterEmail?: string;
    },
  ): Promise<ProspectEntity[]> {
    const qb = this.dataSource
      .getRepository(ProspectEntity)
      .createQueryBuilder('p')
      .where('p.orgId = :orgId', { orgId });
    if (query.emailPrefix) {
      // Escape LIKE metacharacters: the prefix is user input.
      const prefix = normaliseEmailAddress(query.emailPrefix).replace(
        /[\\%_]/g,
        (c) => `\\${c}`,
      );
      qb.andWhere("p.email LIKE :prefix ESCAPE '\\'", { prefix: `${prefix}%` });
    }
    if (query.afterEmail)
      qb.andWhere('p.email > :after', { after: query.afterEmail });
    return qb
      .orderBy('p.email', 'ASC')
      .limit(Math.min(Math.max(query.limit, 1), 500))
      .getMany();
  }
}

export class AccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertMany(
    orgId: string,
    accounts: readonly { domain: string; name?: string | null }[],
  ): Promise<void> {
    if (accounts.length === 0) return;
    const byDomain = new Map(
      accounts.map((a) => [normaliseDomain(a.domain), a.name ?? null]),
    );
    const params: unknown[] = [orgId];
    const values: string[] = [];
    let i = 2;
    for (const [domain, name] of byDomain) {
      params.push(domain, name);
      values.push(`($1::uuid, $${i}, $${i + 1})`);
      i += 2;
    }
    await queryRows(
      this.dataSource.manager,
      `INSERT INTO "account" ("org_id", "domain", "name") VALUES ${values.join(', ')}
       ON CONFLICT ("org_id", "domain") DO UPDATE SET "name" = EXCLUDED."name", "updated_at" = now()`,
      params,
    );
  }

  list(orgId: string): Promise<AccountEntity[]> {
    return this.dataSource
      .getRepository(AccountEntity)
      .find({ where: { orgId }, order: { domain: 'ASC' } });
  }
}
