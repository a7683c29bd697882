/**
 * The metrics worker: only the message switch. Parsing, loading and every metric run in the engine
 * (metrics-engine.ts), so the page's main thread never blocks on a large file.
 */
import { createMetricsEngine } from './metrics-engine';
import type { MetricsRequest, MetricsResponse } from './metrics-protocol';

const engine = createMetricsEngine();
const scope = self as unknown as { postMessage(message: MetricsResponse, transfer: Transferable[]): void };

self.onmessage = (event: MessageEvent<MetricsRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'load':
    case 'remap':
    case 'remove':
    case 'errors':
    case 'bootstrap':
    case 'compare':
    case 'cancel':
    case 'slices':
    case 'windows':
    case 'filter':
    case 'slice-intervals':
      void engine.handle(request, (message, transfer = []) => scope.postMessage(message, transfer));
      return;
    default:
      scope.postMessage({ type: 'crashed', id: (request as { id?: number }).id ?? -1, message: 'unknown request' }, []);
  }
};
