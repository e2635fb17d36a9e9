import { screen, waitFor } from '@testing-library/react';
import { mockApi, problem } from '../../testing/mock-api';
import {
  ADMIN_SESSION,
  renderRoutes,
  setupUser,
} from '../../testing/render-app';
import { SignInPage } from './sign-in-page';

function renderSignIn(at = '/sign-in') {
  return renderRoutes(
    [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/prospects', element: <p>Prospects page</p> },
      { path: '/', element: <p>Home page</p> },
    ],
    { at, session: null },
  );
}

describe('Sign-in page', () => {
  it('offers email and password, and Microsoft when the API has it set up', async () => {
    mockApi({
      'GET /v1/auth/providers': { body: { password: true, microsoft: true } },
    });
    renderSignIn('/sign-in?next=%2Fprospects');
    expect(screen.getByRole('textbox', { name: /^Email/ })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    expect(
      await screen.findByRole('link', { name: 'Sign in with Microsoft' }),
    ).toHaveAttribute(
      'href',
      '/api/v1/auth/microsoft/start?returnTo=%2Fprospects',
    );
  });

  it('offers no Microsoft sign-in when the API has none', async () => {
    const calls = mockApi({
      'GET /v1/auth/providers': { body: { password: true, microsoft: false } },
    });
    renderSignIn();
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Sign in with Microsoft' }),
    ).not.toBeInTheDocument();
  });

  it('signs in and goes where the user wanted', async () => {
    const calls = mockApi({ 'POST /v1/auth/sign-in': { body: ADMIN_SESSION } });
    const user = setupUser();
    const { router } = renderSignIn('/sign-in?next=%2Fprospects');
    await user.type(
      screen.getByRole('textbox', { name: /^Email/ }),
      'ada@contoso.example',
    );
    await user.type(screen.getByLabelText(/^Password/), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/prospects'),
    );
    expect(calls.find((c) => c.path === '/v1/auth/sign-in')?.body).toEqual({
      email: 'ada@contoso.example',
      password: 'correct horse',
    });
  });

  it('never redirects to another site after signing in', async () => {
    mockApi({ 'POST /v1/auth/sign-in': { body: ADMIN_SESSION } });
    const user = setupUser();
    const { router } = renderSignIn('/sign-in?next=%2F%2Fevil.example');
    await user.type(
      screen.getByRole('textbox', { name: /^Email/ }),
      'ada@contoso.example',
    );
    await user.type(screen.getByLabelText(/^Password/), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('says when the password is wrong', async () => {
    mockApi({
      'POST /v1/auth/sign-in': problem(401, 'Wrong email or password'),
    });
    const user = setupUser();
    renderSignIn();
    await user.type(
      screen.getByRole('textbox', { name: /^Email/ }),
      'ada@contoso.example',
    );
    await user.type(screen.getByLabelText(/^Password/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The email or password is wrong',
    );
  });

  it('says when there were too many attempts', async () => {
    mockApi({ 'POST /v1/auth/sign-in': problem(429, 'Too Many Requests') });
    const user = setupUser();
    renderSignIn();
    await user.type(
      screen.getByRole('textbox', { name: /^Email/ }),
      'ada@contoso.example',
    );
    await user.type(screen.getByLabelText(/^Password/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts',
    );
  });

  it('explains a failed Microsoft sign-in', () => {
    renderSignIn('/sign-in?error=not-a-member');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'not a user of any Headersync org',
    );
  });
});
