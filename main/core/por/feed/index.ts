export { readFeedText, readFeedFile } from './feed-reader';
export { writeFeed, toFeedRecord } from './feed-writer';
export { FEED_TYPES, FEED_SCHEMAS, type FeedType } from './feed-schemas';
