import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowUploadRegular } from '@fluentui/react-icons';
import { apiUpload, describeError } from '../../shared/api-client';
import type { ImportReport } from '../../shared/api-types';
import { formatNumber } from '../../shared/format';
import { PROSPECTS_KEY } from './prospect-dialog';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
  },
  hidden: { display: 'none' },
});

/** Uploads a CSV (email,name,accountDomain) and shows what was refused, row by row. */
export function CsvImport() {
  const styles = useStyles();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string>();
  const [progress, setProgress] = useState(0);
  const upload = useMutation({
    mutationFn: (file: File) => {
      setProgress(0);
      return apiUpload<ImportReport>(
        '/v1/prospects/import',
        file,
        'text/csv',
        setProgress,
      );
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: PROSPECTS_KEY }),
  });
  const report = upload.data;

  return (
    <section className={styles.box} aria-labelledby="csv-import-title">
      <Subtitle1 as="h2" id="csv-import-title">
        Import from CSV
      </Subtitle1>
      <Text>
        A header row with <code>email</code> and optionally <code>name</code>{' '}
        and <code>accountDomain</code>. Existing prospects are updated.
      </Text>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        className={styles.hidden}
        aria-label="CSV file to import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) {
            setFileName(file.name);
            upload.mutate(file);
          }
          e.target.value = '';
        }}
      />
      <div>
        <Button
          icon={<ArrowUploadRegular />}
          disabled={upload.isPending}
          onClick={() => input.current?.click()}
        >
          Import CSV
        </Button>
      </div>
      {upload.isPending && (
        <Field
          label={
            progress < 1
              ? `Uploading ${fileName ?? ''}… ${Math.round(progress * 100)} %`
              : `Importing ${fileName ?? ''}…`
          }
        >
          <ProgressBar
            aria-label="Import progress"
            {...(progress < 1 ? { value: progress } : {})}
          />
        </Field>
      )}
      {upload.isError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Import failed</MessageBarTitle>
            {describeError(upload.error)}
          </MessageBarBody>
        </MessageBar>
      )}
      {report && (
        <>
          <MessageBar
            intent={report.rejected > 0 ? 'warning' : 'success'}
            role="status"
          >
            <MessageBarBody>
              <MessageBarTitle>Import finished</MessageBarTitle>
              {formatNumber(report.rows)} rows read,{' '}
              {formatNumber(report.upserted)} added or updated,{' '}
              {formatNumber(report.rejected)} refused.
            </MessageBarBody>
          </MessageBar>
          {report.errors.length > 0 && (
            <Table aria-label="Refused rows" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Row</TableHeaderCell>
                  <TableHeaderCell>Field</TableHeaderCell>
                  <TableHeaderCell>Problem</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {report.errors.map((e) => (
                  <TableRow key={`${e.row}-${e.field}`}>
                    <TableCell>{e.row}</TableCell>
                    <TableCell>{e.field}</TableCell>
                    <TableCell>{e.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {report.rejected > report.errors.length && (
            <Text size={200}>
              Only the first {formatNumber(report.errors.length)} refused rows
              are listed.
            </Text>
          )}
        </>
      )}
    </section>
  );
}
