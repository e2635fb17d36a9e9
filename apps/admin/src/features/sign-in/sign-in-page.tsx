import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import {
  Button,
  Card,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiError, apiRequest, describeError } from '../../shared/api-client';
import { useSession, useSignIn } from '../../shared/session';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    display: 'grid',
    placeItems: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  card: { width: '360px', padding: tokens.spacingHorizontalXL },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

/** Where to go after signing in: only a path of this app, never another origin. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function signInMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401)
    return 'The email or password is wrong, or the account is locked for 15 minutes after repeated failures.';
  return describeError(error);
}

interface AuthProviders {
  password: boolean;
  microsoft: boolean;
}

/** Which sign-ins the API has set up: "Sign in with Microsoft" only when it is. */
function useAuthProviders() {
  return useQuery({
    queryKey: ['auth-providers'],
    queryFn: () => apiRequest<AuthProviders>('/v1/auth/providers'),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

function microsoftErrorText(code: string): string {
  switch (code) {
    case 'not-a-member':
      return 'Your Microsoft account is not a user of any Headersync org. Ask your admin to add you.';
    case 'microsoft-refused':
      return 'Microsoft did not complete the sign-in. Try again, or use your email and password.';
    default:
      return 'Sign-in with Microsoft did not complete. Try again, or use your email and password.';
  }
}

export function SignInPage() {
  const styles = useStyles();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const session = useSession();
  const signIn = useSignIn();
  const providers = useAuthProviders();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));
  const microsoftError = params.get('error');

  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email, password },
      { onSuccess: () => void navigate(next, { replace: true }) },
    );
  };

  return (
    <div className={styles.page}>
      <Card className={styles.card}>
        <form
          noValidate
          className={styles.form}
          onSubmit={submit}
          aria-labelledby="sign-in-title"
        >
          <Title2 as="h1" id="sign-in-title">
            Sign in to Headersync
          </Title2>
          <Text>Manage how your org's Microsoft 365 mail is synced.</Text>
          {signIn.isError && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{signInMessage(signIn.error)}</MessageBarBody>
            </MessageBar>
          )}
          {microsoftError && !signIn.isError && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>
                {microsoftErrorText(microsoftError)}
              </MessageBarBody>
            </MessageBar>
          )}
          <Field label="Email" required>
            <Input
              type="email"
              autoComplete="username"
              value={email}
              onChange={(_, data) => setEmail(data.value)}
            />
          </Field>
          <Field label="Password" required>
            <Input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(_, data) => setPassword(data.value)}
            />
          </Field>
          <Button
            type="submit"
            appearance="primary"
            disabled={signIn.isPending || email === '' || password === ''}
            icon={signIn.isPending ? <Spinner size="tiny" /> : undefined}
          >
            Sign in
          </Button>
          {providers.data?.microsoft && (
            <>
              <Divider>or</Divider>
              {/* A full page load: the API redirects to Microsoft's /authorize (OIDC auth code + PKCE). */}
              <Button
                as="a"
                href={`/api/v1/auth/microsoft/start?returnTo=${encodeURIComponent(next)}`}
              >
                Sign in with Microsoft
              </Button>
            </>
          )}
        </form>
      </Card>
    </div>
  );
}
