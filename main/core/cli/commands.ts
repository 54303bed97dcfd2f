/** The CLI's command table. Each entry loads its module lazily so `por-qbo status` stays fast. */
export interface CliCommand {
  summary: string;
  load: () => Promise<{ run: (argv: string[]) => Promise<number> }>;
}

export const COMMANDS: Record<string, CliCommand> = {
  info: { summary: 'Show the data folder and current environment', load: () => import('./info-command') },
  simulator: { summary: 'Run the practice QBO simulator (prints its URLs and credentials as one JSON line)', load: () => import('./simulator-command') },
  import: { summary: 'Import POR GL export (IIF) and feed (JSON Lines) files into the ledger', load: () => import('./import-command') },
  sync: { summary: 'Send the ledger to QuickBooks: --once for one run, else run the scheduler in the foreground', load: () => import('./sync-command') },
  status: { summary: 'Show the sync status (as the tray does), queue counts and what needs a person', load: () => import('./status-command') },
  reconcile: { summary: 'POR totals vs QuickBooks totals per store, day and account (--from, --to, --csv)', load: () => import('./reconcile-command') },
  practice: { summary: 'Run the practice store through the practice QuickBooks simulator and print the reconciliation', load: () => import('./practice-command') },
  map: { summary: 'POR -> QuickBooks account mapping: --auto, --list or --set POR=QBO', load: () => import('./map-command') },
  connect: { summary: 'Connect to QuickBooks with Client ID, Secret, Realm ID and Refresh Token (--status to check)', load: () => import('./connect-command') },
  disconnect: { summary: 'Disconnect QuickBooks: revoke the token and remove the credentials', load: async () => ({ run: (await import('./connect-command')).runDisconnect }) },
};
