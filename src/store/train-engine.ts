/**
 * Wires the training Worker's typed client (src/workers/train-client.ts) to the train store: commands
 * from the store go to the client, every event of the client goes to the store's `onEvent`. The client (and
 * with it the Worker and TensorFlow.js) is loaded on the first run, not when the page opens.
 */
import type { TrainEngine } from './train-session';
import type { TrainEvent } from '../core/train/train-controller';
import type { TrainClient } from '../workers/train-client';

let client: TrainClient | null = null;

/** The client, created once (the page's browser benchmark uses it too). */
export async function trainClient(onEvent: (event: TrainEvent) => void): Promise<TrainClient> {
  if (client) return client;
  const { createTrainClient } = await import('../workers/train-client');
  client = createTrainClient();
  client.subscribe(onEvent);
  return client;
}

/** The engine the store drives: protocol commands to the client's methods. */
export async function createTrainEngine(onEvent: (event: TrainEvent) => void): Promise<TrainEngine> {
  const c = await trainClient(onEvent);
  return {
    send(command) {
      switch (command.type) {
        case 'start': {
          const { type: _type, ...options } = command;
          c.start(options);
          return;
        }
        case 'pause':
          return c.pause();
        case 'resume':
          return c.resume();
        case 'step':
          return c.step();
        case 'stop':
          return c.stop();
        case 'benchmark':
          void c.benchmark(command.backend, command.options);
          return;
      }
    },
    dispose() {
      c.terminate();
      client = null;
    },
  };
}
