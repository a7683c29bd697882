/**
 * The CSV parsing worker: only the message switch. Reading, decoding, parsing and summarising run in
 * csv-service.ts, so a 30 MB file never blocks the page. See csv-protocol.ts for what crosses.
 */
import type { CsvRequest, CsvResponse } from './csv-protocol';
import { createCsvService } from './csv-service';

const service = createCsvService();
const scope = self as unknown as { postMessage(message: CsvResponse, transfer?: Transferable[]): void };

self.onmessage = async (event: MessageEvent<CsvRequest>) => {
  const request = event.data;
  try {
    switch (request.type) {
      case 'parse': {
        const onProgress = (fraction: number): void => scope.postMessage({ type: 'progress', id: request.id, fraction });
        const result = await service.parse(request.source, request.name, onProgress, request.delimiter);
        scope.postMessage({ type: 'parsed', id: request.id, result });
        return;
      }
      case 'numeric-columns': {
        const result = service.numericColumns(request.tableId, request.names, request.allowMissing);
        // Hand the buffers over instead of copying them.
        scope.postMessage({ type: 'numeric-columns', id: request.id, result }, result.ok ? result.value.map((c) => c.buffer) : []);
        return;
      }
      case 'string-column':
        scope.postMessage({ type: 'string-column', id: request.id, result: service.stringColumn(request.tableId, request.name) });
        return;
      case 'release':
        service.release(request.tableId);
        return;
    }
  } catch (error) {
    const id = 'id' in request ? request.id : -1;
    scope.postMessage({ type: 'crashed', id, message: error instanceof Error ? error.message : String(error) });
  }
};
