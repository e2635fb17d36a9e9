import { useId, useState, type KeyboardEvent } from 'react';
import {
  Button,
  Field,
  Input,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS },
  input: { flexGrow: 1, maxWidth: '420px' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalXS,
  },
  item: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

export interface ListEditorProps {
  readonly label: string;
  readonly hint: string;
  readonly values: readonly string[];
  readonly onChange: (values: string[]) => void;
  readonly normalise: (value: string) => string;
  /** An error message for an entry, or undefined when it is acceptable. */
  readonly validate: (value: string) => string | undefined;
  readonly max: number;
  /** A problem the API reported for this list. */
  readonly serverError?: string | undefined;
}

/**
 * A list of short values (domains, addresses, terms) with an input to add
 * one or several at once (separated by spaces, commas or semicolons). Each
 * entry is checked before it is added, so the list only holds valid values.
 */
export function ListEditor({
  label,
  hint,
  values,
  onChange,
  normalise,
  validate,
  max,
  serverError,
}: ListEditorProps) {
  const styles = useStyles();
  const listId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  const add = () => {
    const entries = text
      .split(/[\s,;]+/)
      .map(normalise)
      .filter((e) => e !== '');
    if (entries.length === 0) return;
    for (const entry of entries) {
      const problem = validate(entry);
      if (problem) {
        setError(`"${entry}" ${problem}`);
        return;
      }
    }
    const next = [...new Set([...values, ...entries])].sort();
    if (next.length > max) {
      setError(`At most ${max} entries`);
      return;
    }
    setError(undefined);
    setText('');
    onChange(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };

  const message = error ?? serverError;
  return (
    <div>
      <Field
        label={label}
        hint={hint}
        validationState={message ? 'error' : 'none'}
        validationMessage={message}
      >
        {(fieldProps) => (
          <div className={styles.row}>
            <Input
              {...fieldProps}
              className={styles.input}
              value={text}
              aria-controls={listId}
              onChange={(_, data) => {
                setText(data.value);
                if (error) setError(undefined);
              }}
              onKeyDown={onKeyDown}
            />
            <Button onClick={add} disabled={text.trim() === ''}>
              Add
            </Button>
          </div>
        )}
      </Field>
      <ul id={listId} className={styles.list} aria-label={label}>
        {values.length === 0 && (
          <li>
            <Text italic size={200}>
              None
            </Text>
          </li>
        )}
        {values.map((value) => (
          <li key={value} className={styles.item}>
            <Text size={200}>{value}</Text>
            <Button
              size="small"
              appearance="transparent"
              icon={<DismissRegular />}
              aria-label={`Remove ${value}`}
              onClick={() => onChange(values.filter((v) => v !== value))}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
