/**
 * The search's proposals off the page's thread: only the message switch over `createSearch`
 * (search-proposer-switch.ts; see search-proposer.ts for why).
 */
import type { ProposerRequest, ProposerResponse } from './search-protocol';
import { proposerMessageHandler } from './search-proposer-switch';

const scope = self as unknown as { postMessage(message: ProposerResponse): void };
const handle = proposerMessageHandler((message) => scope.postMessage(message));

self.onmessage = (event: MessageEvent<ProposerRequest>) => handle(event.data);
