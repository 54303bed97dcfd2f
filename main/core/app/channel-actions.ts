/**
 * Each request in the words of the person who made it ("while creating store classes"), for the
 * message shown when it fails unexpectedly. A channel missing here is named by its channel id.
 */
import type { RequestChannel } from '../../../preload/contract';

const ACTIONS: Partial<Record<RequestChannel, string>> = {
  'app:info': 'reading the app information',
  'app:open-log': 'opening the log',
  'env:get': 'reading the environment',
  'env:set': 'switching environment',
  'status:get': 'reading the sync status',
  'dashboard:get': 'loading the dashboard',
  'settings:get': 'reading the settings',
  'settings:set': 'saving the settings',
  'setup:get': 'loading setup',
  'setup:visit': 'opening a setup step',
  'setup:finish': 'finishing setup',
  'connection:get': 'reading the QuickBooks connection',
  'connection:paste': 'connecting to QuickBooks',
  'connection:sign-in': 'signing in with Intuit',
  'connection:sign-in-cancel': 'cancelling the sign-in',
  'connection:practice': 'connecting to the practice company',
  'connection:disconnect': 'disconnecting from QuickBooks',
  'stores:get': 'loading the stores',
  'stores:update': 'saving a store',
  'stores:check-classes': 'checking the store classes in QuickBooks',
  'stores:create-classes': 'creating store classes in QuickBooks',
  'mode:get': 'reading the export mode',
  'mode:set': 'saving the export mode',
  'mapping:get': 'loading the account mapping',
  'mapping:automap': 'matching accounts automatically',
  'mapping:set': 'saving the account mapping',
  'mapping:refresh-accounts': 'reading the accounts from QuickBooks',
  'exports:days': 'loading the store days',
  'exports:preview': 'preparing the export preview',
  'exports:post': 'sending exports to QuickBooks',
  'exports:retry': 'retrying an export',
  'exports:undo': 'undoing an export in QuickBooks',
  'sync:now': 'starting a sync',
  'sync:pause': 'pausing sync',
  'sync:resume': 'resuming sync',
  'history:list': 'loading the history',
  'history:detail': 'loading an export',
  'history:open-in-qbo': 'opening the export in QuickBooks',
  'reconcile:get': 'reconciling with QuickBooks',
  'reconcile:day': 'loading a reconciled day',
  'cutover:get': 'loading the go-live checklist',
  'cutover:confirm': 'saving a go-live check',
  'cutover:replay': 'sending the held exports',
  'inbox:get': 'loading the inbox',
  'inbox:scan': 'reading the inbox folder',
  'inbox:decide': 'saving a decision on a revised document',
  'inbox:approval-set': 'changing whether files wait for approval',
  'inbox:approve': 'approving an imported file',
  'practice:generate': 'generating practice days',
};

export function describeChannel(channel: RequestChannel): string {
  return ACTIONS[channel] ?? `handling "${channel}"`;
}
