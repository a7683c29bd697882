/**
 * The Experiments worker's request switch, shared by the worker and the client's main-thread fallback:
 * one request in, progress out, one answer (a Result) back.
 */
import { useWorkerBackend } from './experiments-backend';
import type { ExperimentsAnswers, ExperimentsRequest } from './experiments-protocol';
import { ok, fail } from '../core/result';
import type { ExperimentsService, Progress } from './experiments-service';

export async function handleExperimentsRequest(
  service: ExperimentsService,
  request: ExperimentsRequest,
  progress: Progress,
): Promise<ExperimentsAnswers[keyof ExperimentsAnswers]> {
  switch (request.type) {
    case 'backend': {
      const selection = await useWorkerBackend(request.preference);
      const answer: ExperimentsAnswers['backend'] = selection.ok
        ? ok({ backend: selection.choice.backend, reason: selection.choice.reason })
        : fail({ kind: 'no-backend', message: selection.message, file: null, row: null, column: null });
      return answer;
    }
    case 'train-model':
      return service.trainModel(request.data, request.config, request.name, progress);
    case 'compare-models':
      return service.compareModels(request.data, request.candidates, { metric: request.metric, B: request.B, seed: request.seed }, progress);
    case 'importance':
      return service.importance(request.model, { metric: request.metric, repeats: request.repeats, seed: request.seed, classIndex: request.classIndex }, progress);
    case 'drift':
      return service.drift(request.reference, request.current, { ...request.options, ...(request.target ? { target: request.target } : {}) });
    case 'drift-example':
      return service.driftExample(request.example, request.text, request.fileName);
    case 'model-on-data':
      return service.modelOnData(request.model, request.current, request.metric);
    case 'learning-curve':
      return service.learningCurve(request.data, request.config, request.options, progress);
    case 'validation-curve':
      return service.validationCurve(request.data, request.config, request.options, progress);
  }
}
