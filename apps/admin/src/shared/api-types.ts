// The shapes the API answers (apps/api DTOs), as JSON: dates are ISO strings.
import type { OrgEmailSettings, UserRole } from '@headersync/domain-model';

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface Session {
  readonly userId: string;
  readonly orgId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly csrfToken: string;
  readonly org?: { readonly id: string; readonly name: string };
}

export interface VersionedOrgEmailSettings {
  readonly version: number;
  readonly updatedAt: string;
  readonly settings: OrgEmailSettings;
}

export type GraphCredentialPurpose = 'full' | 'header';

export interface GraphCredentialInfo {
  readonly id: string;
  readonly purpose: GraphCredentialPurpose;
  readonly tenantId: string;
  readonly clientId: string;
  readonly kind: 'secret' | 'certificate';
  readonly certificateThumbprint: string | null;
  readonly createdAt: string;
  readonly rotatedAt: string | null;
}

export interface ConnectionTestResult {
  readonly ok: boolean;
  readonly steps: readonly {
    readonly step: string;
    readonly ok: boolean;
    readonly error?: string;
  }[];
}

export interface SyncRunSummary {
  readonly id: string;
  readonly status: string;
  readonly mode: string;
  readonly trigger: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly seen: number;
  readonly fetched: number;
  readonly stored: number;
  readonly ignored: Record<string, number>;
  readonly error: string | null;
}

export interface Mailbox {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly graphUserId: string | null;
  readonly status: 'active' | 'paused' | 'error';
  readonly statusReason: string | null;
  readonly lastSyncStartedAt: string | null;
  readonly lastSyncFinishedAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly storedMessages: number;
  readonly lastRun: SyncRunSummary | null;
  readonly job: { readonly state: string; readonly progress: unknown } | null;
  readonly createdAt: string;
}

export interface Prospect {
  readonly id: string;
  readonly email: string;
  readonly accountDomain: string | null;
  readonly name: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ImportReport {
  readonly rows: number;
  readonly upserted: number;
  readonly rejected: number;
  readonly errors: readonly {
    readonly row: number;
    readonly field: string;
    readonly message: string;
  }[];
}

export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly actorUserId: string | null;
  readonly actorLabel: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

export interface StatsBucket {
  /** Start of the UTC bucket, ISO 8601. */
  readonly start: string;
  readonly runs: number;
  readonly seen: number;
  readonly fetched: number;
  readonly stored: number;
  readonly ignored: Record<string, number>;
  readonly ignoredTotal: number;
  readonly bytesHeader: number;
  readonly bytesBody: number;
  /** An estimate; null while there is no size basis yet. */
  readonly bytesNotDownloaded: number | null;
}

export interface MailboxLag {
  readonly mailboxId: string;
  readonly userPrincipalName: string;
  readonly status: string;
  readonly lastSuccessAt: string | null;
  /** Seconds since the last successful sync; null when it never succeeded. */
  readonly lagSeconds: number | null;
}

export interface Stats {
  readonly from: string;
  readonly to: string;
  readonly bucket: 'day' | 'hour';
  readonly averageMessageBytes: number | null;
  readonly buckets: readonly StatsBucket[];
  readonly totals: Omit<StatsBucket, 'start'>;
  readonly mailboxes: readonly MailboxLag[];
}
