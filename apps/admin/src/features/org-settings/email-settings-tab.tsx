import { useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  SpinButton,
  Subtitle1,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  MAIL_FOLDERS,
  ORG_EMAIL_SETTINGS_LIMITS,
  isValidDomain,
  isValidEmailAddress,
  normaliseDomain,
  normaliseEmailAddress,
  validateOrgEmailSettingsUpdate,
  type MailFolder,
  type OrgEmailSettings,
  type OrgEmailSettingsUpdate,
  type SettingsIssue,
} from '@headersync/domain-model';
import { ApiError, describeError } from '../../shared/api-client';
import { ErrorState, LoadingState } from '../../shared/query-states';
import { UnsavedChangesGuard } from '../../shared/unsaved-changes';
import { useEmailSettings, useSaveEmailSettings } from './email-settings.api';
import { ListEditor } from './list-editor';

const L = ORG_EMAIL_SETTINGS_LIMITS;

const FOLDER_LABELS: Record<MailFolder, string> = {
  inbox: 'Inbox',
  sentitems: 'Sent Items',
};

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXL,
    maxWidth: '760px',
  },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  switchRow: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  description: {
    color: tokens.colorNeutralForeground3,
    margin: 0,
    paddingLeft: tokens.spacingHorizontalS,
  },
  actionBar: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    position: 'sticky',
    bottom: 0,
    padding: `${tokens.spacingVerticalM} 0`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type Draft = { -readonly [K in keyof OrgEmailSettings]: OrgEmailSettings[K] };

const KEYS = [
  'headerBasedSync',
  'internalDomains',
  'blockedDomains',
  'blockedAddresses',
  'allowedDomains',
  'allowedAddresses',
  'folders',
  'backfillDays',
  'ignorePrivate',
  'sensitiveSubjectTerms',
  'matchProspectsByDomain',
  'treatCalendarAsRelevant',
] as const satisfies readonly (keyof OrgEmailSettings)[];

/** The settings this form edits, whatever else the API sends along. */
function pickSettings(settings: OrgEmailSettings): Draft {
  return Object.fromEntries(KEYS.map((k) => [k, settings[k]])) as Draft;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Only what changed, so the audit log records what the admin did. */
function changesOf(
  saved: OrgEmailSettings,
  draft: Draft,
): OrgEmailSettingsUpdate {
  const update: Record<string, unknown> = {};
  for (const key of KEYS) {
    if (!sameValue(saved[key], draft[key])) update[key] = draft[key];
  }
  return update as OrgEmailSettingsUpdate;
}

function domainProblem(value: string): string | undefined {
  return isValidDomain(value)
    ? undefined
    : 'is not a valid domain name (like contoso.com)';
}

function addressProblem(value: string): string | undefined {
  return isValidEmailAddress(value)
    ? undefined
    : 'is not a valid email address (like jane@contoso.com)';
}

function termProblem(value: string): string | undefined {
  if (value.length > L.maxSubjectTermLength)
    return `is longer than ${L.maxSubjectTermLength} characters`;
  return undefined;
}

function issuesByField(
  issues: readonly SettingsIssue[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.field.replace(/\[\d+\]$/, '');
    out[field] ??= `${issue.field} ${issue.message}`;
  }
  return out;
}

function saveErrorMessage(error: unknown): { title: string; text: string } {
  if (
    error instanceof ApiError &&
    error.status === 403 &&
    !error.detail?.includes('CSRF')
  )
    return {
      title: 'Not saved: you are not an admin',
      text: 'Only admins of your org can change the email settings. Ask an admin to make this change.',
    };
  if (error instanceof ApiError && error.status === 409)
    return {
      title: 'Not saved: changed by someone else',
      text: 'Another admin saved these settings meanwhile. Reload to see their version, then make your change again.',
    };
  return { title: 'Not saved', text: describeError(error) };
}

function EmailSettingsForm({
  saved,
  version,
  justSaved,
  onSaved,
}: {
  saved: OrgEmailSettings;
  version: number;
  justSaved: boolean;
  onSaved: (version: number) => void;
}) {
  const styles = useStyles();
  const save = useSaveEmailSettings();
  const [draft, setDraft] = useState<Draft>(() => pickSettings(saved));

  const changes = useMemo(() => changesOf(saved, draft), [saved, draft]);
  const dirty = Object.keys(changes).length > 0;
  const validation = useMemo(
    () => validateOrgEmailSettingsUpdate(draft),
    [draft],
  );
  const localIssues = validation.ok ? {} : issuesByField(validation.issues);
  const serverIssues =
    save.error instanceof ApiError
      ? Object.fromEntries(
          save.error.fieldProblems.map((p) => [
            p.field.replace(/\[\d+\]$/, ''),
            p.message,
          ]),
        )
      : {};
  const problemOf = (field: string): string | undefined =>
    localIssues[field] ?? serverIssues[field];

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const submit = () => {
    if (!dirty || !validation.ok) return;
    save.mutate(
      { ...changes, version },
      { onSuccess: (result) => onSaved(result.version) },
    );
  };

  const saveError = save.isError ? saveErrorMessage(save.error) : null;

  return (
    <form
      noValidate
      className={styles.form}
      aria-label="Email settings"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <UnsavedChangesGuard when={dirty && !save.isPending} />

      <section className={styles.section} aria-labelledby="email-sync-mode">
        <Subtitle1 as="h2" id="email-sync-mode">
          Sync mode
        </Subtitle1>
        <div>
          <div className={styles.switchRow}>
            <Switch
              label="Sync emails based on headers only"
              checked={draft.headerBasedSync}
              aria-describedby="header-based-sync-description"
              onChange={(_, data) => set('headerBasedSync', data.checked)}
            />
            <Badge appearance="tint" color="brand">
              Beta
            </Badge>
          </div>
          <Text
            as="p"
            id="header-based-sync-description"
            className={styles.description}
          >
            Reads only the headers of each email and downloads it only when it
            concerns a prospect; all other mail is never downloaded or stored.
          </Text>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="email-who">
        <Subtitle1 as="h2" id="email-who">
          Domains and addresses
        </Subtitle1>
        <ListEditor
          label="Internal domains"
          hint="Your org's own domains: mail only among these is never synced."
          values={draft.internalDomains}
          onChange={(v) => set('internalDomains', v)}
          normalise={normaliseDomain}
          validate={domainProblem}
          max={L.maxDomains}
          serverError={problemOf('internalDomains')}
        />
        <ListEditor
          label="Blocked domains"
          hint="Mail with anyone in these domains is always ignored."
          values={draft.blockedDomains}
          onChange={(v) => set('blockedDomains', v)}
          normalise={normaliseDomain}
          validate={domainProblem}
          max={L.maxDomains}
          serverError={problemOf('blockedDomains')}
        />
        <ListEditor
          label="Blocked addresses"
          hint="Mail with these people is always ignored."
          values={draft.blockedAddresses}
          onChange={(v) => set('blockedAddresses', v)}
          normalise={normaliseEmailAddress}
          validate={addressProblem}
          max={L.maxAddresses}
          serverError={problemOf('blockedAddresses')}
        />
        <ListEditor
          label="Allowed domains"
          hint="Human mail with these domains is synced even without a prospect."
          values={draft.allowedDomains}
          onChange={(v) => set('allowedDomains', v)}
          normalise={normaliseDomain}
          validate={domainProblem}
          max={L.maxDomains}
          serverError={problemOf('allowedDomains')}
        />
        <ListEditor
          label="Allowed addresses"
          hint="Human mail with these people is synced even without a prospect."
          values={draft.allowedAddresses}
          onChange={(v) => set('allowedAddresses', v)}
          normalise={normaliseEmailAddress}
          validate={addressProblem}
          max={L.maxAddresses}
          serverError={problemOf('allowedAddresses')}
        />
        <Switch
          label="Match prospects by their account's domain"
          checked={draft.matchProspectsByDomain}
          onChange={(_, data) => set('matchProspectsByDomain', data.checked)}
        />
      </section>

      <section className={styles.section} aria-labelledby="email-what">
        <Subtitle1 as="h2" id="email-what">
          What is synced
        </Subtitle1>
        <Field
          label="Folders"
          validationState={problemOf('folders') ? 'error' : 'none'}
          validationMessage={problemOf('folders')}
        >
          <div role="group" aria-label="Folders">
            {MAIL_FOLDERS.map((folder) => (
              <Checkbox
                key={folder}
                label={FOLDER_LABELS[folder]}
                checked={draft.folders.includes(folder)}
                onChange={(_, data) =>
                  set(
                    'folders',
                    MAIL_FOLDERS.filter((f) =>
                      f === folder
                        ? data.checked === true
                        : draft.folders.includes(f),
                    ),
                  )
                }
              />
            ))}
          </div>
        </Field>
        <Field
          label="Backfill window (days)"
          hint={`How far back the first sync of a mailbox reaches: ${L.minBackfillDays} to ${L.maxBackfillDays} days.`}
          validationState={problemOf('backfillDays') ? 'error' : 'none'}
          validationMessage={problemOf('backfillDays')}
        >
          <SpinButton
            value={draft.backfillDays}
            min={L.minBackfillDays}
            max={L.maxBackfillDays}
            onChange={(_, data) => {
              const value =
                data.value ?? Number.parseInt(data.displayValue ?? '', 10);
              if (value !== undefined && !Number.isNaN(value))
                set('backfillDays', value);
            }}
          />
        </Field>
        <Switch
          label="Ignore Private, Personal and Confidential mail"
          checked={draft.ignorePrivate}
          onChange={(_, data) => set('ignorePrivate', data.checked)}
        />
        <Switch
          label="Treat meeting invitations and responses as relevant"
          checked={draft.treatCalendarAsRelevant}
          onChange={(_, data) => set('treatCalendarAsRelevant', data.checked)}
        />
        <ListEditor
          label="Sensitive subject terms"
          hint="Mail whose subject contains one of these words is ignored (salary, medical…)."
          values={draft.sensitiveSubjectTerms}
          onChange={(v) => set('sensitiveSubjectTerms', v)}
          normalise={(s) => s.trim().toLowerCase()}
          validate={termProblem}
          max={L.maxSubjectTerms}
          serverError={problemOf('sensitiveSubjectTerms')}
        />
      </section>

      {/* Sticky at the bottom of the window, with the outcome of the save
          right above its button, where the admin is looking. */}
      <div className={styles.actionBar}>
        {justSaved && !dirty && (
          <MessageBar intent="success" role="status">
            <MessageBarBody>
              <MessageBarTitle>Settings saved</MessageBarTitle>
              The next sync of each mailbox uses them.
            </MessageBarBody>
          </MessageBar>
        )}
        {saveError && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>{saveError.title}</MessageBarTitle>
              {saveError.text}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => save.reset()}>Dismiss</Button>
            </MessageBarActions>
          </MessageBar>
        )}

        <div className={styles.actions}>
          <Button
            type="submit"
            appearance="primary"
            disabled={!dirty || !validation.ok || save.isPending}
          >
            {save.isPending ? 'Saving…' : 'Save'}
          </Button>
          <Button
            disabled={!dirty || save.isPending}
            onClick={() => {
              save.reset();
              setDraft(pickSettings(saved));
            }}
          >
            Discard changes
          </Button>
        </div>
      </div>
    </form>
  );
}

export function EmailSettingsTab() {
  const query = useEmailSettings();
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  if (query.isPending)
    return <LoadingState label="Loading the email settings…" />;
  if (query.isError)
    return (
      <ErrorState
        error={query.error}
        title="Could not load the email settings"
        onRetry={() => void query.refetch()}
      />
    );
  return (
    // A new version (a save, or a reload after someone else's) starts the
    // form afresh from what is stored.
    <EmailSettingsForm
      key={query.data.version}
      saved={query.data.settings}
      version={query.data.version}
      justSaved={savedVersion === query.data.version}
      onSaved={setSavedVersion}
    />
  );
}
