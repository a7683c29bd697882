/**
 * A gradient worker thread for data-parallel training in Node (see src/core/train/data-parallel.ts):
 * only the message switch; the computation is the core's ShardWorker.
 */
import { parentPort } from 'node:worker_threads';
import { handleShardCommand, type ShardCommand, type ShardWorker } from '../core/train/data-parallel';
import type { BackendName } from '../core/train/backend-select';
import { nodeBackendHost } from './node-backends';

const port = parentPort;
if (!port) throw new Error('gradient-thread runs as a worker thread');
const state: { worker: ShardWorker | null } = { worker: null };
// One command at a time, in order (a compute never overtakes its setup).
let queue: Promise<void> = Promise.resolve();
port.on('message', (command: ShardCommand) => {
  queue = queue.then(async () => {
    const { reply, transfer } = await handleShardCommand(state, command, async (backend) => {
      await (await nodeBackendHost()).activate(backend as BackendName);
    });
    port.postMessage(reply, transfer);
  });
});
