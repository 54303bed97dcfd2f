/**
 * Step by step, for someone who is not a developer: how to get the four values Intuit gives for a sandbox
 * (or production) company, with the pages to open. Links open in the system browser.
 */
const PLAYGROUND_REDIRECT = 'https://developer.intuit.com/v2/OAuth2Playground/RedirectUrl';

export function SandboxGuide({ production }: { production: boolean }) {
  return (
    <details className="panel guide" open={!production} data-testid="sandbox-guide">
      <summary>
        <strong>How to get these four values</strong> (about 10 minutes, once)
      </summary>
      <ol>
        <li>
          Sign in to the Intuit developer site with your Intuit account:{' '}
          <a href="https://developer.intuit.com/app/developer/dashboard" target="_blank" rel="noreferrer">
            developer.intuit.com
          </a>
          . No programming is needed.
        </li>
        <li>
          {production ? 'Use the app you rehearsed with, or create one: ' : 'Create an app: '}
          <strong>Dashboard → Create an app → QuickBooks Online and Payments</strong>, and tick the <strong>Accounting</strong> permission.
        </li>
        <li>
          {production ? 'Find your real company' : 'A sandbox company comes with your account'}:{' '}
          <a href="https://developer.intuit.com/app/developer/sandbox" target="_blank" rel="noreferrer">
            Sandbox companies
          </a>{' '}
          lists it with its <strong>Company ID</strong> (Intuit also calls it the realm ID).
        </li>
        <li>
          In your app, open <strong>Keys and credentials</strong> ({production ? 'Production' : 'Development'}): copy the <strong>Client ID</strong> and{' '}
          <strong>Client Secret</strong>. Under Redirect URIs, add <code>{PLAYGROUND_REDIRECT}</code>.
        </li>
        <li>
          Open the{' '}
          <a href="https://developer.intuit.com/app/developer/playground" target="_blank" rel="noreferrer">
            OAuth 2.0 Playground
          </a>
          , choose your app and the <strong>Accounting</strong> scope, press <strong>Get authorization code</strong>, sign in and choose the company, then{' '}
          <strong>Get tokens</strong>. Copy the <strong>Refresh Token</strong> and the <strong>Realm ID</strong>.
        </li>
        <li>Paste the four values below and press Connect. The app checks them with QuickBooks and keeps them in this computer's keychain.</li>
      </ol>
    </details>
  );
}
