import { runningStack, see, signIn } from './support/admin-pages';
import { ApiSession } from './support/api-session';
import { openBrowser, screenshot } from './support/browser';
import type { BrowserSession } from './support/browser';
import { DEMO_ADMIN } from './support/stack';

// Two good rows and one whose address is not an address (line 3 counting the
// header row as line 1): the import keeps the good ones and reports the bad.
const CSV = [
  'Email,Name,Account domain',
  'e2e.ines.ortega@fabrikam.example,Inés Ortega,fabrikam.example',
  'not-an-address,Broken Row,',
  'e2e.kai.lindqvist@northwind.example,Kai Lindqvist,northwind.example',
].join('\r\n');

interface ProspectsAnswer {
  items: { email: string }[];
}

describe('a CSV import on the Prospects page', () => {
  const { adminUrl } = runningStack();
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser(adminUrl);
    await signIn(browser.page, DEMO_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('imports the good rows and reports the bad one by its line', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Prospects' }).click();
    await see(
      page.getByRole('heading', { name: 'Prospects' }),
      'the Prospects page',
    );
    await screenshot(page, 'prospects');

    const chooser = page.waitForEvent('filechooser');
    await page
      .getByRole('button', { name: /import/i })
      .first()
      .click();
    const file = await chooser;
    await file.setFiles({
      name: 'prospects.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await see(
      page.getByText(/3 rows read, 2 added or updated, 1 refused/i),
      'the count of imported rows',
      30_000,
    );
    await see(
      page.getByRole('row', { name: /^3 email .*not a valid email address/ }),
      'the error report naming line 3',
    );
    await screenshot(page, 'prospects-import-report');

    await page
      .getByRole('searchbox')
      .or(page.getByRole('textbox', { name: /search/i }))
      .first()
      .fill('e2e.ines');
    await see(
      page.getByText('e2e.ines.ortega@fabrikam.example'),
      'the imported prospect in the list',
    );
    // The search filtered the list: the other imported prospect is gone.
    await page
      .getByText('e2e.kai.lindqvist@northwind.example')
      .waitFor({ state: 'hidden', timeout: 15_000 });
  });

  it('has stored the good rows, seen through the API', async () => {
    const api = await ApiSession.fromBrowser(browser.context, adminUrl);
    const answer = await api.get<ProspectsAnswer>(
      '/api/v1/prospects?q=e2e.&limit=50',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((p) => p.email).sort()).toEqual([
      'e2e.ines.ortega@fabrikam.example',
      'e2e.kai.lindqvist@northwind.example',
    ]);
  });
});
