/** The inbox: one import pipeline (CLI, watcher, app) and the watched folder with processed/ and rejected/. */
export { importFiles, DEFAULT_READERS, type FileReaders, type ImportOptions } from './import-files';
export { startInboxWatcher, type InboxWatcher, type InboxWatcherOptions, type InboxFileEvent } from './inbox-watcher';
export { defaultInboxDir, resolveInboxDir, ensureInboxFolders, PROCESSED_DIR, REJECTED_DIR } from './inbox-dir';
export { moveToProcessed, moveToRejected, moveIntoFolder } from './file-moves';
export { detectInputFormat, isIgnoredInboxName, type InputFormat } from './file-format';
export { expandImportPaths } from './expand-paths';
export { rejectionText } from './rejection-text';
export * from './import-report';
export { approveImports, approvalRequired, importsAwaitingApproval, setApproveBeforePosting, APPROVE_BEFORE_POSTING_KEY } from './import-approval';
export { inboxFolderProblem, inboxNameProblem, prepareInboxFolder, InboxFolderError, INBOX_MARKER } from './inbox-policy';
