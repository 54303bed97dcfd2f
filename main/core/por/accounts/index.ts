export { expandAccountTags, hasStoreTag, type TagStore } from './account-tags';
export { automap, normaliseAccountKey } from './automap';
export { validateMapping, findMapping, isRequiredPorAccount, type ValidateMappingInput } from './validate-mapping';
export type { PorAccountRef, MappingEntry, MappingSuggestion, MappingIssue, MappingIssueKind, QboAccountBrief } from './mapping-types';
export { porAccountsUsed } from './accounts-used';
