import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  CardHeader,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle1,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { PageHeader } from '../../app/page-header';
import { ApiError, apiRequest, describeError } from '../../shared/api-client';
import type {
  ConnectionTestResult,
  GraphCredentialInfo,
  GraphCredentialPurpose,
} from '../../shared/api-types';
import { formatDateTime } from '../../shared/format';
import { readBlobText } from '../../shared/read-file.util';
import { ErrorState, LoadingState } from '../../shared/query-states';

const CREDENTIALS_KEY = ['graph-connection', 'credentials'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXL,
    maxWidth: '820px',
  },
  card: { padding: tokens.spacingHorizontalL },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const PURPOSES: {
  purpose: GraphCredentialPurpose;
  title: string;
  description: string;
}[] = [
  {
    purpose: 'full',
    title: 'App registration',
    description:
      'The Entra app that reads mail with the Mail.Read application permission.',
  },
  {
    purpose: 'header',
    title: 'Least-privilege pair (optional)',
    description:
      'A second app for the header pass only (Mail.ReadBasic.All): bodies are then fetched only with the first app.',
  },
];

function readFileText(event: ChangeEvent<HTMLInputElement>): Promise<string> {
  const file = event.target.files?.[0];
  return file ? readBlobText(file) : Promise.resolve('');
}

function CredentialForm({
  purpose,
  existing,
}: {
  purpose: GraphCredentialPurpose;
  existing: GraphCredentialInfo | undefined;
}) {
  const styles = useStyles();
  const client = useQueryClient();
  const [tenantId, setTenantId] = useState(existing?.tenantId ?? '');
  const [clientId, setClientId] = useState(existing?.clientId ?? '');
  const [kind, setKind] = useState<'secret' | 'certificate'>(
    existing?.kind ?? 'secret',
  );
  const [clientSecret, setClientSecret] = useState('');
  const [certificatePem, setCertificatePem] = useState('');
  const [privateKeyPem, setPrivateKeyPem] = useState('');
  const [touched, setTouched] = useState(false);

  const save = useMutation({
    mutationFn: () =>
      apiRequest<GraphCredentialInfo>(
        `/v1/graph-connection/credentials/${purpose}`,
        {
          method: 'PUT',
          json:
            kind === 'secret'
              ? { tenantId, clientId, kind, clientSecret }
              : { tenantId, clientId, kind, certificatePem, privateKeyPem },
        },
      ),
    onSuccess: () => {
      // The secret is write-only: forget it as soon as it is stored.
      setClientSecret('');
      setPrivateKeyPem('');
      void client.invalidateQueries({ queryKey: CREDENTIALS_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      apiRequest<void>(`/v1/graph-connection/credentials/${purpose}`, {
        method: 'DELETE',
      }),
    onSuccess: () =>
      void client.invalidateQueries({ queryKey: CREDENTIALS_KEY }),
  });

  const serverProblem = (field: string) =>
    save.error instanceof ApiError
      ? save.error.fieldProblems.find((p) => p.field === field)?.message
      : undefined;
  const errors = {
    tenantId: !GUID.test(tenantId)
      ? 'Enter the directory (tenant) id, a GUID'
      : serverProblem('tenantId'),
    clientId: !GUID.test(clientId)
      ? 'Enter the application (client) id, a GUID'
      : serverProblem('clientId'),
    clientSecret:
      kind === 'secret' && clientSecret.length < 8
        ? 'Enter the client secret value (not its id)'
        : serverProblem('clientSecret'),
    certificatePem:
      kind === 'certificate' &&
      !certificatePem.includes('-----BEGIN CERTIFICATE-----')
        ? 'Upload or paste the PEM certificate'
        : serverProblem('certificatePem'),
    privateKeyPem:
      kind === 'certificate' &&
      !privateKeyPem.includes('-----BEGIN PRIVATE KEY-----')
        ? 'Upload or paste the PKCS#8 private key (BEGIN PRIVATE KEY)'
        : serverProblem('privateKeyPem'),
  };
  const invalid = Object.values(errors).some(Boolean);
  const show = (message: string | undefined) => (touched ? message : undefined);
  const state = (message: string | undefined) =>
    show(message) ? 'error' : 'none';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!invalid) save.mutate();
  };

  return (
    <form
      noValidate
      className={styles.form}
      onSubmit={submit}
      aria-label={`Credentials: ${purpose === 'full' ? 'app registration' : 'least-privilege pair'}`}
    >
      <Field
        label="Directory (tenant) id"
        required
        validationState={state(errors.tenantId)}
        validationMessage={show(errors.tenantId)}
      >
        <Input
          value={tenantId}
          onChange={(_, d) => setTenantId(d.value.trim())}
        />
      </Field>
      <Field
        label="Application (client) id"
        required
        validationState={state(errors.clientId)}
        validationMessage={show(errors.clientId)}
      >
        <Input
          value={clientId}
          onChange={(_, d) => setClientId(d.value.trim())}
        />
      </Field>
      <Field label="Credential type">
        <RadioGroup
          layout="horizontal"
          value={kind}
          onChange={(_, d) =>
            setKind(d.value === 'certificate' ? 'certificate' : 'secret')
          }
        >
          <Radio value="secret" label="Client secret" />
          <Radio value="certificate" label="Certificate" />
        </RadioGroup>
      </Field>
      {kind === 'secret' ? (
        <Field
          label="Client secret"
          required
          hint={
            existing
              ? 'Stored encrypted and never shown again; enter a new one to replace it.'
              : 'Stored encrypted and never shown again.'
          }
          validationState={state(errors.clientSecret)}
          validationMessage={show(errors.clientSecret)}
        >
          <Input
            type="password"
            autoComplete="off"
            value={clientSecret}
            onChange={(_, d) => setClientSecret(d.value)}
          />
        </Field>
      ) : (
        <>
          <Field
            label="Certificate (PEM)"
            required
            validationState={state(errors.certificatePem)}
            validationMessage={show(errors.certificatePem)}
          >
            <Textarea
              resize="vertical"
              value={certificatePem}
              onChange={(_, d) => setCertificatePem(d.value)}
            />
          </Field>
          <Field label="Upload certificate file">
            {(fieldProps) => (
              <input
                id={fieldProps.id}
                type="file"
                accept=".pem,.crt,.cer"
                onChange={(e) => void readFileText(e).then(setCertificatePem)}
              />
            )}
          </Field>
          <Field
            label="Private key (PEM, PKCS#8)"
            required
            hint="Stored encrypted and never shown again."
            validationState={state(errors.privateKeyPem)}
            validationMessage={show(errors.privateKeyPem)}
          >
            <Textarea
              resize="vertical"
              value={privateKeyPem}
              onChange={(_, d) => setPrivateKeyPem(d.value)}
            />
          </Field>
          <Field label="Upload private key file">
            {(fieldProps) => (
              <input
                id={fieldProps.id}
                type="file"
                accept=".pem,.key"
                onChange={(e) => void readFileText(e).then(setPrivateKeyPem)}
              />
            )}
          </Field>
        </>
      )}
      {save.isSuccess && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Credentials saved</MessageBarBody>
        </MessageBar>
      )}
      {save.isError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Not saved</MessageBarTitle>
            {describeError(save.error)}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={save.isPending}>
          {existing ? 'Replace credentials' : 'Register credentials'}
        </Button>
        {existing && (
          <Button disabled={remove.isPending} onClick={() => remove.mutate()}>
            Remove
          </Button>
        )}
      </div>
    </form>
  );
}

function CredentialCard({
  purpose,
  title,
  description,
  existing,
}: (typeof PURPOSES)[number] & { existing: GraphCredentialInfo | undefined }) {
  const styles = useStyles();
  return (
    <Card className={styles.card}>
      <CardHeader
        header={<Subtitle1 as="h2">{title}</Subtitle1>}
        description={<Text>{description}</Text>}
      />
      {existing ? (
        <dl className={styles.facts} aria-label={`${title}: registered`}>
          <dt>Tenant</dt>
          <dd>{existing.tenantId}</dd>
          <dt>Client</dt>
          <dd>{existing.clientId}</dd>
          <dt>Type</dt>
          <dd>
            {existing.kind === 'certificate'
              ? `Certificate (thumbprint ${existing.certificateThumbprint ?? 'unknown'})`
              : 'Client secret'}
          </dd>
          <dt>Registered</dt>
          <dd>{formatDateTime(existing.rotatedAt ?? existing.createdAt)}</dd>
        </dl>
      ) : (
        <Text>Not registered yet.</Text>
      )}
      <CredentialForm purpose={purpose} existing={existing} />
    </Card>
  );
}

function ConsentAndTest({ registered }: { registered: boolean }) {
  const styles = useStyles();
  const [params] = useSearchParams();
  const [upn, setUpn] = useState('');
  const consentOutcome = params.get('consent');
  const consent = useMutation({
    mutationFn: () =>
      apiRequest<{ url: string }>('/v1/graph-connection/admin-consent-url'),
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const test = useMutation({
    mutationFn: () =>
      apiRequest<ConnectionTestResult>('/v1/graph-connection/test', {
        method: 'POST',
        json: upn ? { userPrincipalName: upn } : {},
      }),
  });
  return (
    <Card className={styles.card}>
      <CardHeader
        header={<Subtitle1 as="h2">Consent and connection test</Subtitle1>}
      />
      {consentOutcome === 'granted' && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            Admin consent granted. Test the connection next.
          </MessageBarBody>
        </MessageBar>
      )}
      {consentOutcome === 'denied' && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>
            Admin consent was not granted. A Global or Privileged Role
            Administrator of the tenant has to accept it.
          </MessageBarBody>
        </MessageBar>
      )}
      {consentOutcome === 'invalid-state' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            The consent answer could not be matched to your org. Start the
            consent again.
          </MessageBarBody>
        </MessageBar>
      )}
      <Text>
        Microsoft asks a tenant admin to grant the app's permissions once.
      </Text>
      <div className={styles.row}>
        <Button
          disabled={!registered || consent.isPending}
          onClick={() => consent.mutate()}
        >
          Grant admin consent
        </Button>
      </div>
      {consent.isError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{describeError(consent.error)}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Field
          label="Mailbox to read (optional)"
          hint="Default: the first added mailbox."
        >
          <Input
            type="email"
            value={upn}
            onChange={(_, d) => setUpn(d.value.trim())}
          />
        </Field>
        <Button
          appearance="primary"
          disabled={!registered || test.isPending}
          onClick={() => test.mutate()}
        >
          Test connection
        </Button>
      </div>
      {test.isPending && (
        <Spinner size="tiny" label="Testing the connection…" />
      )}
      {test.isError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{describeError(test.error)}</MessageBarBody>
        </MessageBar>
      )}
      {test.data && (
        <section aria-label="Connection test result">
          <MessageBar intent={test.data.ok ? 'success' : 'error'} role="status">
            <MessageBarBody>
              {test.data.ok ? 'Connection works' : 'Connection failed'}
            </MessageBarBody>
          </MessageBar>
          <ul className={styles.steps}>
            {test.data.steps.map((s) => (
              <li key={s.step}>
                <Text weight="semibold">{s.ok ? 'Passed' : 'Failed'}:</Text>{' '}
                {s.step}
                {s.error && <Text> — {s.error}</Text>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Card>
  );
}

export function GraphConnectionPage() {
  const styles = useStyles();
  const query = useQuery({
    queryKey: CREDENTIALS_KEY,
    queryFn: () =>
      apiRequest<GraphCredentialInfo[]>('/v1/graph-connection/credentials'),
  });
  return (
    <div className={styles.page}>
      <PageHeader
        title="Graph connection"
        description="How Headersync reaches your Microsoft 365 mailboxes through Microsoft Graph."
      />
      {query.isPending && (
        <LoadingState label="Loading the Graph connection…" />
      )}
      {query.isError && (
        <ErrorState
          error={query.error}
          title="Could not load the Graph connection"
          onRetry={() => void query.refetch()}
        />
      )}
      {query.data && (
        <>
          {query.data.length === 0 && (
            <MessageBar intent="info">
              <MessageBarBody>
                <MessageBarTitle>No app registered yet</MessageBarTitle>
                Register your Entra app's ids and a secret or certificate to
                start.
              </MessageBarBody>
            </MessageBar>
          )}
          {PURPOSES.map((p) => (
            <CredentialCard
              key={p.purpose}
              {...p}
              existing={query.data.find((c) => c.purpose === p.purpose)}
            />
          ))}
          <ConsentAndTest registered={query.data.length > 0} />
        </>
      )}
    </div>
  );
}
