import { screen, waitFor, within } from '@testing-library/react';
import { mockApi, PENDING, problem } from '../../testing/mock-api';
import { renderPage, setupUser } from '../../testing/render-app';
import { GraphConnectionPage } from './graph-connection-page';

const TENANT = '33333333-3333-4333-8333-333333333333';
const CLIENT = '44444444-4444-4444-8444-444444444444';
const FULL = {
  id: 'c1',
  purpose: 'full',
  tenantId: TENANT,
  clientId: CLIENT,
  kind: 'secret',
  certificateThumbprint: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  rotatedAt: null,
};

describe('Graph connection page', () => {
  it('shows a spinner while loading', () => {
    mockApi({ 'GET /v1/graph-connection/credentials': PENDING });
    renderPage(<GraphConnectionPage />, { path: '/graph-connection' });
    expect(
      screen.getByText('Loading the Graph connection…'),
    ).toBeInTheDocument();
  });

  it('says so when it cannot be loaded', async () => {
    mockApi({ 'GET /v1/graph-connection/credentials': problem(500, 'boom') });
    renderPage(<GraphConnectionPage />, { path: '/graph-connection' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the Graph connection',
    );
  });

  it('registers a client secret, validating the ids, and never shows the secret again', async () => {
    const calls = mockApi({
      'GET /v1/graph-connection/credentials': { body: [] },
      'PUT /v1/graph-connection/credentials/full': { body: FULL },
    });
    const user = setupUser();
    renderPage(<GraphConnectionPage />, { path: '/graph-connection' });
    expect(
      await screen.findByText('No app registered yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Test connection' }),
    ).toBeDisabled();
    const form = screen.getByRole('form', {
      name: 'Credentials: app registration',
    });
    await user.type(
      within(form).getByRole('textbox', { name: /Directory \(tenant\) id/ }),
      'not-a-guid',
    );
    await user.click(
      within(form).getByRole('button', { name: 'Register credentials' }),
    );
    expect(
      within(form).getByText('Enter the directory (tenant) id, a GUID'),
    ).toBeInTheDocument();
    await user.clear(
      within(form).getByRole('textbox', { name: /Directory \(tenant\) id/ }),
    );
    await user.type(
      within(form).getByRole('textbox', { name: /Directory \(tenant\) id/ }),
      TENANT,
    );
    await user.type(
      within(form).getByRole('textbox', { name: /Application \(client\) id/ }),
      CLIENT,
    );
    await user.type(
      within(form).getByLabelText(/^Client secret/, {
        selector: 'input[type=password]',
      }),
      's3cret-value',
    );
    await user.click(
      within(form).getByRole('button', { name: 'Register credentials' }),
    );
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
        tenantId: TENANT,
        clientId: CLIENT,
        kind: 'secret',
        clientSecret: 's3cret-value',
      }),
    );
    expect(
      await within(form).findByText('Credentials saved'),
    ).toBeInTheDocument();
    expect(
      within(form).getByLabelText(/^Client secret/, {
        selector: 'input[type=password]',
      }),
    ).toHaveValue('');
  });

  it('takes a certificate and its private key for the least-privilege pair', async () => {
    const calls = mockApi({
      'GET /v1/graph-connection/credentials': { body: [FULL] },
      'PUT /v1/graph-connection/credentials/header': {
        body: { ...FULL, purpose: 'header', kind: 'certificate' },
      },
    });
    const user = setupUser();
    renderPage(<GraphConnectionPage />, { path: '/graph-connection' });
    const form = await screen.findByRole('form', {
      name: 'Credentials: least-privilege pair',
    });
    await user.type(
      within(form).getByRole('textbox', { name: /Directory \(tenant\) id/ }),
      TENANT,
    );
    await user.type(
      within(form).getByRole('textbox', { name: /Application \(client\) id/ }),
      CLIENT,
    );
    await user.click(within(form).getByRole('radio', { name: 'Certificate' }));
    const cert =
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const key =
      '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
    await user.upload(
      within(form).getByLabelText('Upload certificate file'),
      new File([cert], 'app.crt'),
    );
    await user.upload(
      within(form).getByLabelText('Upload private key file'),
      new File([key], 'app.key'),
    );
    await waitFor(() =>
      expect(
        within(form).getByRole('textbox', { name: /^Certificate \(PEM\)/ }),
      ).toHaveValue(cert),
    );
    await waitFor(() =>
      expect(
        within(form).getByRole('textbox', { name: /^Private key/ }),
      ).toHaveValue(key),
    );
    await user.click(
      within(form).getByRole('button', { name: 'Register credentials' }),
    );
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
        tenantId: TENANT,
        clientId: CLIENT,
        kind: 'certificate',
        certificatePem: cert,
        privateKeyPem: key,
      }),
    );
  });

  it('tests the connection and shows each step', async () => {
    mockApi({
      'GET /v1/graph-connection/credentials': { body: [FULL] },
      'POST /v1/graph-connection/test': {
        body: {
          ok: false,
          steps: [
            { step: 'token and directory', ok: true },
            {
              step: 'read mailbox rep@contoso.example',
              ok: false,
              error: 'Graph answered 403: grant admin consent',
            },
          ],
        },
      },
    });
    const user = setupUser();
    renderPage(<GraphConnectionPage />, { path: '/graph-connection' });
    expect(await screen.findByText(TENANT)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = await screen.findByRole('region', {
      name: 'Connection test result',
    });
    expect(within(result).getByText('Connection failed')).toBeInTheDocument();
    expect(within(result).getByText(/grant admin consent/)).toBeInTheDocument();
  });

  it('reports the outcome of admin consent', async () => {
    mockApi({ 'GET /v1/graph-connection/credentials': { body: [FULL] } });
    renderPage(<GraphConnectionPage />, {
      path: '/graph-connection',
      at: '/graph-connection?consent=granted',
    });
    expect(
      await screen.findByText(
        'Admin consent granted. Test the connection next.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Grant admin consent' }),
    ).toBeEnabled();
  });
});
