/**
 * The CSV parsing worker: only the message switch (csv-service.ts `handleCsvRequest`). Reading,
 * decoding, parsing and summarising run there, so a 30 MB file never blocks the page. See
 * csv-protocol.ts for what crosses.
 */
import type { CsvRequest, CsvResponse } from './csv-protocol';
import { createCsvService, handleCsvRequest } from './csv-service';

const service = createCsvService();
const scope = self as unknown as { postMessage(message: CsvResponse, transfer?: Transferable[]): void };

self.onmessage = (event: MessageEvent<CsvRequest>) => {
  void handleCsvRequest(service, event.data, (message, transfer = []) => scope.postMessage(message, transfer));
};
