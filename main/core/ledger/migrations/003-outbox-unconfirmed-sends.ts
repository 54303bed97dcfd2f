/**
 * Schema 3. Exactly once without trusting QBO's requestid replay (QBO.md): a job whose request may
 * have reached QBO without a definite answer is marked, and is looked up in QBO before it is sent
 * again; request_seq moves its requestid on when it must go out as a new request. Jobs that had been
 * tried before this version may have left without an answer: they are looked up once.
 */
export const name = 'outbox-unconfirmed-sends';

export const sql = /* sql */ `
ALTER TABLE outbox ADD COLUMN request_seq INTEGER NOT NULL DEFAULT 1;
ALTER TABLE outbox ADD COLUMN unconfirmed_send INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET unconfirmed_send = 1 WHERE attempts > 0 AND status IN ('queued', 'inFlight', 'failed', 'held');
CREATE INDEX outbox_unconfirmed ON outbox (id, next_attempt_at) WHERE status = 'queued' AND unconfirmed_send = 1;
`;
