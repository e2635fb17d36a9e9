import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isValidDomain, isValidEmailAddress } from '@headersync/domain-model';
import { ApiError, apiRequest, describeError } from '../../shared/api-client';
import type { Prospect } from '../../shared/api-types';

export const PROSPECTS_KEY = ['prospects'] as const;

const useStyles = makeStyles({
  fields: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

/** Add (no prospect given) or edit a prospect. */
export function ProspectDialog({
  prospect,
  onClose,
}: {
  prospect?: Prospect | undefined;
  onClose: () => void;
}) {
  const styles = useStyles();
  const client = useQueryClient();
  const [email, setEmail] = useState(prospect?.email ?? '');
  const [name, setName] = useState(prospect?.name ?? '');
  const [accountDomain, setAccountDomain] = useState(
    prospect?.accountDomain ?? '',
  );
  const [touched, setTouched] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const fields = {
        name: name.trim() === '' ? null : name.trim(),
        accountDomain:
          accountDomain.trim() === ''
            ? null
            : accountDomain.trim().toLowerCase(),
      };
      return prospect
        ? apiRequest<Prospect>(`/v1/prospects/${prospect.id}`, {
            method: 'PATCH',
            json: fields,
          })
        : apiRequest<Prospect>('/v1/prospects', {
            method: 'POST',
            json: { email: email.trim().toLowerCase(), ...fields },
          });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: PROSPECTS_KEY });
      onClose();
    },
  });
  const server = (field: string) =>
    save.error instanceof ApiError
      ? save.error.fieldProblems.find((p) => p.field === field)?.message
      : undefined;
  const emailError =
    !prospect && !isValidEmailAddress(email.trim().toLowerCase())
      ? 'Enter an email address, like jane@fabrikam.com'
      : server('email');
  const domainError =
    accountDomain.trim() !== '' &&
    !isValidDomain(accountDomain.trim().toLowerCase())
      ? 'Enter a domain, like fabrikam.com'
      : server('accountDomain');
  const nameError =
    name.length > 200 ? 'At most 200 characters' : server('name');
  const show = (m: string | undefined) => (touched ? m : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!emailError && !domainError && !nameError) save.mutate();
  };
  const title = prospect ? `Edit ${prospect.email}` : 'Add a prospect';
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label={title}>
        <form noValidate onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.fields}>
              {!prospect && (
                <Field
                  label="Email"
                  required
                  validationState={show(emailError) ? 'error' : 'none'}
                  validationMessage={show(emailError)}
                >
                  <Input
                    type="email"
                    value={email}
                    onChange={(_, d) => setEmail(d.value)}
                  />
                </Field>
              )}
              <Field
                label="Name"
                validationState={show(nameError) ? 'error' : 'none'}
                validationMessage={show(nameError)}
              >
                <Input value={name} onChange={(_, d) => setName(d.value)} />
              </Field>
              <Field
                label="Account domain"
                hint="Mail with anyone in this domain counts when the org matches prospects by domain."
                validationState={show(domainError) ? 'error' : 'none'}
                validationMessage={show(domainError)}
              >
                <Input
                  value={accountDomain}
                  onChange={(_, d) => setAccountDomain(d.value)}
                />
              </Field>
              {save.isError && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{describeError(save.error)}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button
                type="submit"
                appearance="primary"
                disabled={save.isPending}
              >
                {prospect ? 'Save prospect' : 'Add prospect'}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
