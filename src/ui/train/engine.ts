/**
 * Wires the training Worker's typed client (src/workers/train-client.ts) to the train store: commands
 * from the store go to the client, every event of the client goes to `onTrainEvent`. The client (and
 * with it the Worker and TensorFlow.js) is loaded on the first run, not when the page opens.
 */
import { onTrainEvent, type TrainEngine } from '../../store/train-store';
import type { TrainClient } from '../../workers/train-client';

let client: TrainClient | null = null;

/** The client, created once (the page's browser benchmark uses it too). */
export async function trainClient(): Promise<TrainClient> {
  if (client) return client;
  const { createTrainClient } = await import('../../workers/train-client');
  client = createTrainClient();
  client.subscribe(onTrainEvent);
  return client;
}

/** The engine the store drives: protocol commands to the client's methods. */
export async function createTrainEngine(): Promise<TrainEngine> {
  const c = await trainClient();
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
