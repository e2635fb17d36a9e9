import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInitialSchema1796360696886 implements MigrationInterface {
  name = 'CreateInitialSchema1796360696886';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_organization" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "domain" text NOT NULL, "name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_account_domain_lowercase" CHECK ("domain" = lower("domain")), CONSTRAINT "pk_account" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_account_org_domain" ON "account"  ("org_id", "domain") `,
    );
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "email" text NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "password_hash" text, "failed_sign_in_count" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "entra_object_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_app_user_role" CHECK ("role" IN ('admin', 'member')), CONSTRAINT "chk_app_user_email_lowercase" CHECK ("email" = lower("email")), CONSTRAINT "pk_app_user" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_app_user_org_entra_object_id" ON "app_user"  ("org_id", "entra_object_id") WHERE "entra_object_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_app_user_email" ON "app_user"  ("email") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_app_user_org_email" ON "app_user"  ("org_id", "email") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "user_id" uuid NOT NULL, "name" text NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_api_token" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_api_token_org_user" ON "api_token"  ("org_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_api_token_token_hash" ON "api_token"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "actor_user_id" uuid, "actor_label" text NOT NULL, "action" text NOT NULL, "entity" text NOT NULL, "entity_id" text, "before" jsonb, "after" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_audit_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_event_org_at" ON "audit_event"  ("org_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "graph_credential" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "purpose" text NOT NULL, "tenant_id" text NOT NULL, "client_id" text NOT NULL, "kind" text NOT NULL, "certificate_thumbprint" text, "secret_ciphertext" bytea NOT NULL, "secret_iv" bytea NOT NULL, "secret_auth_tag" bytea NOT NULL, "key_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "rotated_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_graph_credential_tag_length" CHECK (octet_length("secret_auth_tag") = 16), CONSTRAINT "chk_graph_credential_iv_length" CHECK (octet_length("secret_iv") = 12), CONSTRAINT "chk_graph_credential_kind" CHECK ("kind" IN ('secret', 'certificate')), CONSTRAINT "chk_graph_credential_purpose" CHECK ("purpose" IN ('full', 'header')), CONSTRAINT "pk_graph_credential" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_graph_credential_key_version" ON "graph_credential"  ("key_version") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_graph_credential_org_purpose" ON "graph_credential"  ("org_id", "purpose") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mailbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "user_principal_name" text NOT NULL, "graph_user_id" text, "connection_kind" text NOT NULL DEFAULT 'application', "status" text NOT NULL DEFAULT 'active', "status_reason" text, "sync_interval_seconds" integer, "last_sync_started_at" TIMESTAMP WITH TIME ZONE, "last_sync_finished_at" TIMESTAMP WITH TIME ZONE, "last_success_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_mailbox_status" CHECK ("status" IN ('active', 'paused', 'error')), CONSTRAINT "chk_mailbox_connection_kind" CHECK ("connection_kind" IN ('application', 'delegated')), CONSTRAINT "chk_mailbox_upn_lowercase" CHECK ("user_principal_name" = lower("user_principal_name")), CONSTRAINT "pk_mailbox" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_mailbox_status_last_sync_started_at" ON "mailbox"  ("status", "last_sync_started_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mailbox_org_graph_user_id" ON "mailbox"  ("org_id", "graph_user_id") WHERE "graph_user_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mailbox_org_upn" ON "mailbox"  ("org_id", "user_principal_name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mailbox_folder_state" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mailbox_id" uuid NOT NULL, "folder" text NOT NULL, "folder_id" text, "delta_link" text, "status" text NOT NULL DEFAULT 'pending', "last_error" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_mailbox_folder_state_status" CHECK ("status" IN ('pending', 'syncing', 'idle', 'error')), CONSTRAINT "chk_mailbox_folder_state_folder" CHECK ("folder" IN ('inbox', 'sentitems')), CONSTRAINT "pk_mailbox_folder_state" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mailbox_folder_state_mailbox_folder" ON "mailbox_folder_state"  ("mailbox_id", "folder") `,
    );
    await queryRunner.query(
      `CREATE TABLE "stored_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "dedupe_key" text NOT NULL, "internet_message_id" text, "conversation_id" text, "participants" jsonb NOT NULL, "participant_addresses" text array NOT NULL, "subject" text, "sent_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "headers" jsonb NOT NULL, "body_content_type" text NOT NULL, "body_content" text NOT NULL, "size_bytes" bigint NOT NULL, "kind" text NOT NULL, "rules" text array NOT NULL DEFAULT '{}', "matched_prospects" text array NOT NULL DEFAULT '{}', "out_of_office_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_stored_message_dedupe_key" CHECK (("internet_message_id" IS NULL AND "dedupe_key" LIKE 'graph:%') OR "dedupe_key" = "internet_message_id"), CONSTRAINT "chk_stored_message_body_content_type" CHECK ("body_content_type" IN ('text', 'html')), CONSTRAINT "chk_stored_message_kind" CHECK ("kind" IN ('human', 'auto-reply', 'bounce', 'bulk', 'calendar', 'spam')), CONSTRAINT "pk_stored_message" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_stored_message_org_conversation_id" ON "stored_message"  ("org_id", "conversation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_stored_message_org_kind_received_at" ON "stored_message"  ("org_id", "kind", "received_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_stored_message_org_received_at" ON "stored_message"  ("org_id", "received_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_stored_message_org_dedupe_key" ON "stored_message"  ("org_id", "dedupe_key") `,
    );
    // Added by hand: TypeORM cannot declare GIN indexes. They serve array
    // containment (participant_addresses @> ARRAY[$1]) for search by address
    // and purge by prospect, and matched_prospects @> ARRAY[$1] for lists.
    await queryRunner.query(
      `CREATE INDEX "idx_stored_message_participant_addresses" ON "stored_message" USING gin ("participant_addresses")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_stored_message_matched_prospects" ON "stored_message" USING gin ("matched_prospects")`,
    );
    await queryRunner.query(
      `CREATE TABLE "mailbox_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "mailbox_id" uuid NOT NULL, "stored_message_id" uuid NOT NULL, "graph_id" text NOT NULL, "folder" text NOT NULL, "direction" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_mailbox_message_direction" CHECK ("direction" IN ('inbound', 'outbound')), CONSTRAINT "chk_mailbox_message_folder" CHECK ("folder" IN ('inbox', 'sentitems')), CONSTRAINT "pk_mailbox_message" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_mailbox_message_stored_message_id" ON "mailbox_message"  ("stored_message_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mailbox_message_mailbox_graph_id" ON "mailbox_message"  ("mailbox_id", "graph_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "org_email_settings" ("org_id" uuid NOT NULL, "header_based_sync" boolean NOT NULL DEFAULT false, "internal_domains" text array NOT NULL DEFAULT '{}', "blocked_domains" text array NOT NULL DEFAULT '{}', "blocked_addresses" text array NOT NULL DEFAULT '{}', "allowed_domains" text array NOT NULL DEFAULT '{}', "allowed_addresses" text array NOT NULL DEFAULT '{}', "folders" text array NOT NULL DEFAULT '{inbox,sentitems}', "backfill_days" integer NOT NULL DEFAULT '90', "ignore_private" boolean NOT NULL DEFAULT true, "sensitive_subject_terms" text array NOT NULL DEFAULT '{}', "match_prospects_by_domain" boolean NOT NULL DEFAULT false, "treat_calendar_as_relevant" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_org_email_settings_backfill_days" CHECK ("backfill_days" BETWEEN 1 AND 3650), CONSTRAINT "chk_org_email_settings_folders" CHECK ("folders" <@ ARRAY['inbox', 'sentitems']::text[]), CONSTRAINT "pk_org_email_settings" PRIMARY KEY ("org_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "prospect" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "email" text NOT NULL, "account_domain" text, "name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_prospect_account_domain_lowercase" CHECK ("account_domain" = lower("account_domain")), CONSTRAINT "chk_prospect_email_lowercase" CHECK ("email" = lower("email")), CONSTRAINT "pk_prospect" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_prospect_org_account_domain" ON "prospect"  ("org_id", "account_domain") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_prospect_org_email" ON "prospect"  ("org_id", "email") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sync_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "mailbox_id" uuid NOT NULL, "mode" text NOT NULL, "trigger" text NOT NULL, "status" text NOT NULL DEFAULT 'running', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "seen" integer NOT NULL DEFAULT '0', "fetched" integer NOT NULL DEFAULT '0', "stored" integer NOT NULL DEFAULT '0', "updated" integer NOT NULL DEFAULT '0', "removed" integer NOT NULL DEFAULT '0', "ignored" jsonb NOT NULL DEFAULT '{}', "graph_requests" integer NOT NULL DEFAULT '0', "bytes_header" bigint NOT NULL DEFAULT '0', "bytes_body" bigint NOT NULL DEFAULT '0', "error" text, CONSTRAINT "chk_sync_run_ignored_object" CHECK (jsonb_typeof("ignored") = 'object'), CONSTRAINT "chk_sync_run_status" CHECK ("status" IN ('running', 'succeeded', 'failed')), CONSTRAINT "chk_sync_run_trigger" CHECK ("trigger" IN ('schedule', 'manual', 'rescan', 'initial')), CONSTRAINT "chk_sync_run_mode" CHECK ("mode" IN ('header-based', 'standard')), CONSTRAINT "pk_sync_run" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_sync_run_org_started_at" ON "sync_run"  ("org_id", "started_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_sync_run_mailbox_started_at" ON "sync_run"  ("mailbox_id", "started_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "account" ADD CONSTRAINT "fk_account_org_id" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_org_id" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_token" ADD CONSTRAINT "fk_api_token_org_id" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_token" ADD CONSTRAINT "fk_api_token_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_event" ADD CONSTRAINT "fk_audit_event_org_id" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_event" ADD CONSTRAINT "fk_audit_event_actor_user_id" FOREIGN KEY ("actor_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "graph_credential" ADD CONSTRAINT "fk_graph_credential_org_id" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mailbox" ADD CONSTRAINT "fk_mailbox_org_id" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mailbox_folder_state" ADD CONSTRAINT "fk_mailbox_folder_state_mailbox_id" FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stored_message" ADD CONSTRAINT "fk_stored_message_org_id" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mailbox_message" ADD CONSTRAINT "fk_mailbox_message_mailbox_id" FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mailbox_message" ADD CONSTRAINT "fk_mailbox_message_stored_message_id" FOREIGN KEY ("stored_message_id") REFERENCES "stored_message"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "org_email_settings" ADD CONSTRAINT "fk_org_email_settings_org_id" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "prospect" ADD CONSTRAINT "fk_prospect_org_id" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_run" ADD CONSTRAINT "fk_sync_run_org_id" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_run" ADD CONSTRAINT "fk_sync_run_mailbox_id" FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "sync_run" DROP CONSTRAINT "fk_sync_run_mailbox_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_run" DROP CONSTRAINT "fk_sync_run_org_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "prospect" DROP CONSTRAINT "fk_prospect_org_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "org_email_settings" DROP CONSTRAINT "fk_org_email_settings_org_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mailbox_message" DROP CONSTRAINT "fk_mailbox_message_stored_message_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mailbox_message" DROP CONSTRAINT "fk_mailbox_message_mailbox_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "stored_message" DROP CONSTRAINT "fk_stored_message_org_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mailbox_folder_state" DROP CONSTRAINT "fk_mailbox_folder_state_mailbox_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mailbox" DROP CONSTRAINT "fk_mailbox_org_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "graph_credential" DROP CONSTRAINT "fk_graph_credential_org_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_event" DROP CONSTRAINT "fk_audit_event_actor_user_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_event" DROP CONSTRAINT "fk_audit_event_org_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_token" DROP CONSTRAINT "fk_api_token_user_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_token" DROP CONSTRAINT "fk_api_token_org_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_org_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "account" DROP CONSTRAINT "fk_account_org_id"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."idx_sync_run_mailbox_started_at"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."idx_sync_run_org_started_at"`,
    );
    await queryRunner.query(`DROP TABLE "sync_run"`);
    await queryRunner.query(`DROP INDEX "public"."uq_prospect_org_email"`);
    await queryRunner.query(
      `DROP INDEX "public"."idx_prospect_org_account_domain"`,
    );
    await queryRunner.query(`DROP TABLE "prospect"`);
    await queryRunner.query(`DROP TABLE "org_email_settings"`);
    await queryRunner.query(
      `DROP INDEX "public"."uq_mailbox_message_mailbox_graph_id"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."idx_mailbox_message_stored_message_id"`,
    );
    await queryRunner.query(`DROP TABLE "mailbox_message"`);
    await queryRunner.query(
      `DROP INDEX "public"."idx_stored_message_matched_prospects"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."idx_stored_message_participant_addresses"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."uq_stored_message_org_dedupe_key"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."idx_stored_message_org_received_at"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."idx_stored_message_org_kind_received_at"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."idx_stored_message_org_conversation_id"`,
    );
    await queryRunner.query(`DROP TABLE "stored_message"`);
    await queryRunner.query(
      `DROP INDEX "public"."uq_mailbox_folder_state_mailbox_folder"`,
    );
    await queryRunner.query(`DROP TABLE "mailbox_folder_state"`);
    await queryRunner.query(`DROP INDEX "public"."uq_mailbox_org_upn"`);
    await queryRunner.query(
      `DROP INDEX "public"."uq_mailbox_org_graph_user_id"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."idx_mailbox_status_last_sync_started_at"`,
    );
    await queryRunner.query(`DROP TABLE "mailbox"`);
    await queryRunner.query(
      `DROP INDEX "public"."uq_graph_credential_org_purpose"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."idx_graph_credential_key_version"`,
    );
    await queryRunner.query(`DROP TABLE "graph_credential"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_event_org_at"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_token_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."idx_api_token_org_user"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`DROP INDEX "public"."uq_app_user_org_email"`);
    await queryRunner.query(`DROP INDEX "public"."idx_app_user_email"`);
    await queryRunner.query(
      `DROP INDEX "public"."uq_app_user_org_entra_object_id"`,
    );
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_account_org_domain"`);
    await queryRunner.query(`DROP TABLE "account"`);
    await queryRunner.query(`DROP TABLE "organization"`);
  }
}
