/**
 * The CLI's gradient workers: N Node worker threads running gradient-thread.ts, as a GradientPool.
 *
 * Bundled (dist-cli), the thread is its own entry `gradient-thread.js` next to the chunk that starts it;
 * run from the TypeScript source (tests), it is `gradient-thread.ts`, loaded through tsx (a dev dependency).
 */
import { Worker } from 'node:worker_threads';
import { MessageGradientPool, type ShardEndpoint, type ShardReply } from '../core/train/data-parallel';

/** Registers tsx in the thread (execArgv --import is not honoured by worker threads), then loads the entry. */
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData); });
`;

export function threadGradientPool(workers: number): MessageGradientPool {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './gradient-thread.ts' : './gradient-thread.js', import.meta.url);
  const endpoints: ShardEndpoint[] = Array.from({ length: workers }, () => {
    const thread = fromSource ? new Worker(TSX_BOOTSTRAP, { eval: true, workerData: url.href }) : new Worker(url);
    let onFailure: (message: string) => void = () => undefined;
    thread.on('error', (err) => onFailure(err.message));
    thread.on('exit', (code) => code !== 0 && onFailure(`the thread exited with code ${code}`));
    return {
      post: (command) => thread.postMessage(command),
      onReply: (handler) => thread.on('message', (reply: ShardReply) => handler(reply)),
      onFailure: (handler) => {
        onFailure = handler;
      },
      terminate: () => void thread.terminate(),
    };
  });
  return new MessageGradientPool(endpoints, `${workers} worker threads`);
}
