import { act, screen, waitFor, within } from '@testing-library/react';
import type { Prospect } from '../../shared/api-types';
import { mockApi, mockUpload, PENDING, problem } from '../../testing/mock-api';
import {
  OPENING_SURFACE,
  renderPage,
  setupUser,
} from '../../testing/render-app';
import { ProspectsPage } from './prospects-page';

const JANE: Prospect = {
  id: '22222222-2222-4222-8222-222222222222',
  email: 'jane.doe@fabrikam.example',
  accountDomain: 'fabrikam.example',
  name: 'Jane Doe',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
};
const list = (items: Prospect[], nextCursor: string | null = null) => ({
  body: { items, nextCursor },
});

describe('Prospects page', () => {
  it('shows a spinner while loading', () => {
    mockApi({ 'GET /v1/prospects': PENDING });
    renderPage(<ProspectsPage />);
    expect(screen.getByText('Loading the prospects…')).toBeInTheDocument();
  });

  it('invites to add or import when there are none', async () => {
    mockApi({ 'GET /v1/prospects': list([]) });
    renderPage(<ProspectsPage />);
    expect(await screen.findByText('No prospects yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Import CSV' }),
    ).toBeInTheDocument();
  });

  it('says so when the list cannot be loaded', async () => {
    mockApi({ 'GET /v1/prospects': problem(500, 'boom') });
    renderPage(<ProspectsPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the prospects',
    );
  });

  it('searches by email prefix', async () => {
    const calls = mockApi({
      'GET /v1/prospects': (call) =>
        call.query.get('q') === 'nobody' ? list([]) : list([JANE]),
    });
    const user = setupUser();
    renderPage(<ProspectsPage />);
    const table = await screen.findByRole('table', { name: 'Prospects' });
    expect(
      within(table).getByText('jane.doe@fabrikam.example'),
    ).toBeInTheDocument();
    await user.type(
      screen.getByRole('searchbox', { name: 'Search prospects by email' }),
      'Nobody',
    );
    expect(
      await screen.findByText('No prospect matches "nobody"'),
    ).toBeInTheDocument();
    expect(calls.at(-1)?.query.get('q')).toBe('nobody');
  });

  it('adds a prospect, checking the email first', async () => {
    const calls = mockApi({
      'GET /v1/prospects': list([]),
      'POST /v1/prospects': { status: 201, body: JANE },
    });
    const user = setupUser();
    renderPage(<ProspectsPage />);
    await user.click(
      await screen.findByRole('button', { name: 'Add prospect' }),
    );
    const dialog = await screen.findByRole('dialog', OPENING_SURFACE);
    const email = within(dialog).getByRole('textbox', {
      name: /^Email/,
      ...OPENING_SURFACE,
    });
    await user.type(email, 'not-an-address');
    await user.click(
      within(dialog).getByRole('button', {
        name: 'Add prospect',
        ...OPENING_SURFACE,
      }),
    );
    expect(
      within(dialog).getByText(
        'Enter an email address, like jane@fabrikam.com',
      ),
    ).toBeInTheDocument();
    await user.clear(email);
    await user.type(email, 'Jane.Doe@Fabrikam.example');
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Name', ...OPENING_SURFACE }),
      'Jane Doe',
    );
    await user.click(
      within(dialog).getByRole('button', {
        name: 'Add prospect',
        ...OPENING_SURFACE,
      }),
    );
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        email: 'jane.doe@fabrikam.example',
        name: 'Jane Doe',
        accountDomain: null,
      }),
    );
  });

  it('edits a prospect', async () => {
    const calls = mockApi({
      'GET /v1/prospects': list([JANE]),
      'PATCH /v1/prospects/:id': { body: { ...JANE, name: 'Jane D.' } },
    });
    const user = setupUser();
    renderPage(<ProspectsPage />);
    await user.click(
      await screen.findByRole('button', {
        name: 'Edit jane.doe@fabrikam.example',
      }),
    );
    const dialog = await screen.findByRole('dialog', OPENING_SURFACE);
    const name = within(dialog).getByRole('textbox', {
      name: 'Name',
      ...OPENING_SURFACE,
    });
    await user.clear(name);
    await user.type(name, 'Jane D.');
    await user.click(
      within(dialog).getByRole('button', {
        name: 'Save prospect',
        ...OPENING_SURFACE,
      }),
    );
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.path).toBe(
        `/v1/prospects/${JANE.id}`,
      ),
    );
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      name: 'Jane D.',
      accountDomain: 'fabrikam.example',
    });
  });

  it('imports a CSV with progress and a per-row error report', async () => {
    mockApi({ 'GET /v1/prospects': list([]) });
    let sent: unknown;
    const upload = mockUpload(
      {
        body: {
          rows: 3,
          upserted: 2,
          rejected: 1,
          errors: [
            { row: 3, field: 'email', message: 'is not a valid email address' },
          ],
        },
      },
      (body) => {
        sent = body;
      },
    );
    const user = setupUser();
    renderPage(<ProspectsPage />);
    const file = new File(
      ['email,name\na@x.example,A\nb@x.example,B\nnot-an-address,C\n'],
      'prospects.csv',
      { type: 'text/csv' },
    );
    await user.upload(await screen.findByLabelText('CSV file to import'), file);
    expect(
      await screen.findByText('Uploading prospects.csv… 50 %'),
    ).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    act(() => upload.finish());
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Import finished');
    expect(status).toHaveTextContent(
      '3 rows read, 2 added or updated, 1 refused.',
    );
    const report = screen.getByRole('table', { name: 'Refused rows' });
    expect(
      within(report).getByText('is not a valid email address'),
    ).toBeInTheDocument();
    expect(within(report).getByText('3')).toBeInTheDocument();
    expect(sent).toBe(file);
  });

  it('says why an import was refused', async () => {
    mockApi({ 'GET /v1/prospects': list([]) });
    const upload = mockUpload(
      problem(413, 'The request body is larger than this endpoint accepts'),
    );
    const user = setupUser();
    renderPage(<ProspectsPage />);
    await user.upload(
      await screen.findByLabelText('CSV file to import'),
      new File(['x'], 'big.csv', { type: 'text/csv' }),
    );
    await screen.findByRole('progressbar');
    act(() => upload.finish());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The file or request is too large.',
    );
  });
});
