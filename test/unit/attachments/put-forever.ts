// A writer for fs-store.test.ts to kill: it puts large files under one key until it is killed.
import { fsAttachmentStore } from '../../../src/attachments/fs-store.js';

const [root, key, megabytes] = process.argv.slice(2) as [string, string, string];
const store = fsAttachmentStore(root);
const bytes = new Uint8Array(Number(megabytes) * 1024 * 1024).fill(7);
for (;;) await store.put(key, bytes);
