import { useMemo, useState, type DragEvent } from 'react';
import {
  Badge,
  Button,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Subtitle1,
  Switch,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { DEFAULT_ORG_EMAIL_SETTINGS } from '@headersync/domain-model';
import { PageHeader } from '../../app/page-header';
import { LoadingState } from '../../shared/query-states';
import { describeError } from '../../shared/api-client';
import { readBlobText } from '../../shared/read-file.util';
import { useEmailSettings } from '../org-settings/email-settings.api';
import {
  classifyInBrowser,
  type PlaygroundResult,
} from './classify-in-browser.util';

const useStyles = makeStyles({
  page: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    gap: tokens.spacingHorizontalXL,
  },
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  drop: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalS,
  },
  dragging: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  raw: { fontFamily: tokens.fontFamilyMonospace, minHeight: '320px' },
  result: {
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  badges: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  rules: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontFamily: tokens.fontFamilyMonospace,
  },
});

const ACTION_TEXT = {
  fetch: 'Download: the sync stores this message',
  ignore: 'Ignore: nothing of this message is downloaded or stored',
  'needs-headers':
    'Needs headers: the sync asks Graph for the headers, then decides',
} as const;

function Result({ result }: { result: PlaygroundResult }) {
  const styles = useStyles();
  const { decision } = result;
  return (
    <Card className={styles.result} aria-labelledby="playground-decision">
      <Subtitle1 as="h2" id="playground-decision">
        Decision
      </Subtitle1>
      <div className={styles.badges}>
        <Badge
          size="large"
          appearance="filled"
          color={decision.action === 'fetch' ? 'success' : 'informative'}
        >
          {`Kind: ${decision.kind}`}
        </Badge>
        <Badge
          size="large"
          appearance="tint"
        >{`Action: ${decision.action}`}</Badge>
      </div>
      <Text role="status">{ACTION_TEXT[decision.action]}</Text>
      {result.subject && <Text>Subject: {result.subject}</Text>}
      {result.from && <Text>From: {result.from}</Text>}
      <Text>Sensitivity: {result.sensitivity}</Text>
      {decision.prospects.length > 0 && (
        <Text>Prospects: {decision.prospects.join(', ')}</Text>
      )}
      <Text weight="semibold">Rules that fired</Text>
      <ul className={styles.rules} aria-label="Rules that fired">
        {decision.rules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {result.malformed.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            Skipped while reading: {result.malformed.join('; ')}
          </MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}

export function PlaygroundPage() {
  const styles = useStyles();
  const settings = useEmailSettings();
  const [raw, setRaw] = useState('');
  const [ownerAddress, setOwnerAddress] = useState('');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [prospects, setProspects] = useState('');
  const [everyoneIsProspect, setEveryoneIsProspect] = useState(true);
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string>();

  const result = useMemo(() => {
    if (raw.trim() === '' || (!settings.isSuccess && !settings.isError))
      return undefined;
    return classifyInBrowser(
      {
        raw,
        ownerAddress: ownerAddress.trim().toLowerCase(),
        direction,
        prospectAddresses: prospects.split(/[\s,;]+/).filter(Boolean),
        everyoneIsProspect,
      },
      settings.data?.settings ?? DEFAULT_ORG_EMAIL_SETTINGS,
    );
  }, [
    raw,
    ownerAddress,
    direction,
    prospects,
    everyoneIsProspect,
    settings.isSuccess,
    settings.isError,
    settings.data,
  ]);

  const readFile = (file: File | undefined) => {
    if (!file) return;
    setFileError(undefined);
    // Only headers matter: the first 1 MB holds them in any real message.
    void readBlobText(file.slice(0, 1024 * 1024)).then(setRaw, () =>
      setFileError(`Could not read ${file.name}`),
    );
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    readFile(e.dataTransfer.files[0]);
  };

  return (
    <>
      <PageHeader
        title="Classifier playground"
        description="See what header-based sync would decide for a message. Everything runs in your browser: nothing is sent or stored."
      />
      {settings.isPending && (
        <LoadingState label="Loading your org's settings…" />
      )}
      {settings.isError && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>
            Your org's settings could not be loaded (
            {describeError(settings.error)}); the defaults are used.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.page}>
        <div className={styles.column}>
          <div
            className={mergeClasses(styles.drop, dragging && styles.dragging)}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <Field
              label="Raw headers"
              hint="Paste the headers (or the whole message), or drop an .eml file here."
            >
              <Textarea
                textarea={{ className: styles.raw }}
                resize="vertical"
                value={raw}
                onChange={(_, d) => setRaw(d.value)}
              />
            </Field>
          </div>
          <div>
            <Field
              label="Open an .eml file"
              validationState={fileError ? 'error' : 'none'}
              validationMessage={fileError}
            >
              {(fieldProps) => (
                <input
                  id={fieldProps.id}
                  aria-describedby={fieldProps['aria-describedby']}
                  type="file"
                  accept=".eml,message/rfc822,text/plain"
                  onChange={(e) => readFile(e.target.files?.[0])}
                />
              )}
            </Field>
          </div>
          <Field
            label="Mailbox owner address"
            hint="Whose mailbox the message is in."
          >
            <Input
              type="email"
              value={ownerAddress}
              onChange={(_, d) => setOwnerAddress(d.value)}
            />
          </Field>
          <Field label="Direction">
            <RadioGroup
              layout="horizontal"
              value={direction}
              onChange={(_, d) =>
                setDirection(d.value === 'outbound' ? 'outbound' : 'inbound')
              }
            >
              <Radio value="inbound" label="Received" />
              <Radio value="outbound" label="Sent" />
            </RadioGroup>
          </Field>
          <Switch
            label="Treat every external address as a prospect"
            checked={everyoneIsProspect}
            onChange={(_, d) => setEveryoneIsProspect(d.checked)}
          />
          {!everyoneIsProspect && (
            <Field
              label="Prospect addresses"
              hint="Separated by spaces or commas."
            >
              <Textarea
                value={prospects}
                onChange={(_, d) => setProspects(d.value)}
              />
            </Field>
          )}
          <div>
            <Button disabled={raw === ''} onClick={() => setRaw('')}>
              Clear
            </Button>
          </div>
        </div>
        <div className={styles.column}>
          {result ? (
            <Result result={result} />
          ) : (
            <Card className={styles.result}>
              <Text>
                Paste headers or drop an .eml file to see the decision.
              </Text>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
