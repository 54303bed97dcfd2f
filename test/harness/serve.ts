/** `npm run harness`: serve the built renderer with the real core on 127.0.0.1 until Ctrl+C. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness } from './server';

const dataDir = process.env.PORQBO_DATA_DIR || mkdtempSync(join(tmpdir(), 'porqbo-harness-'));
const port = Number(process.env.PORT || 5174);
const harness = await startHarness({ dataDir, port });
console.log(`POR QBO Companion harness: ${harness.url}  (data folder: ${dataDir})`);
const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
