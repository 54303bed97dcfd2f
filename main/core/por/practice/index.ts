export {
  generatePracticeStore,
  MAX_PRACTICE_DAYS,
  type PracticeOptions,
  type PracticeStoreData,
  type PracticeDay,
  type PracticeSummary,
  type FeedDocument,
} from './practice-store';
export { writePracticeFiles, iifFileName, feedFileName, type PracticeFileOptions } from './practice-files';
export {
  PRACTICE_POR_ACCOUNTS,
  expandPracticeAccounts,
  storeAccounts,
  type PracticePorAccount,
  type ExpandedPracticeAccount,
  type StoreAccounts,
  type QboAccountType,
} from './practice-accounts';
export { practiceStores, MAX_PRACTICE_STORES, type PracticeStoreInfo } from './practice-stores';
export { documentPostings, netPostings, type Posting } from './practice-postings';
