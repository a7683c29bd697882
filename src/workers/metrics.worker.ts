/**
 * The metrics worker: only the message pump. Parsing, loading and every metric run in the engine
 * (metrics-engine.ts), which answers an unknown request type itself, so the page's main thread never
 * blocks on a large file.
 */
import { createMetricsEngine } from './metrics-engine';
import type { MetricsRequest, MetricsResponse } from './metrics-protocol';

const engine = createMetricsEngine();
const scope = self as unknown as { postMessage(message: MetricsResponse, transfer: Transferable[]): void };

self.onmessage = (event: MessageEvent<MetricsRequest>) => {
  void engine.handle(event.data, (message, transfer = []) => scope.postMessage(message, transfer));
};
