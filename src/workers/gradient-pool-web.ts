/**
 * The page's gradient workers for data-parallel training: N Web Workers (gradient.worker.ts) started by
 * the training Worker, as the core's MessageGradientPool.
 */
import { MessageGradientPool, type ShardEndpoint, type ShardReply } from '../core/train/data-parallel';

export function webGradientPool(workers: number): MessageGradientPool {
  const endpoints: ShardEndpoint[] = Array.from({ length: workers }, () => {
    const worker = new Worker(new URL('./gradient.worker.ts', import.meta.url), { type: 'module' });
    let onFailure: (message: string) => void = () => undefined;
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      onFailure(e.message || 'the worker could not start');
    });
    worker.addEventListener('messageerror', () => onFailure('a message could not be read'));
    return {
      post: (command) => worker.postMessage(command),
      onReply: (handler) => worker.addEventListener('message', (e: MessageEvent<ShardReply>) => handler(e.data)),
      onFailure: (handler) => {
        onFailure = handler;
      },
      terminate: () => worker.terminate(),
    };
  });
  return new MessageGradientPool(endpoints, `${workers} Web Workers`);
}
