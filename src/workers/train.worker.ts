/**
 * The training Worker: the browser's TensorFlow.js backends and the message switch. All training logic
 * is in TrainController (src/core/train/train-controller.ts); the backend policy in backend-select.ts.
 * This file only registers the backends, probes them for the policy, and forwards messages.
 *
 * WASM binaries are bundled by Vite from node_modules (`?url`) and served with the app: never a CDN.
 */
/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers no gradients by itself; the browser (ESM) build has them here.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { selectBackend, type BackendHost, type BackendName, type BackendProbe } from '../core/train/backend-select';
import { TrainController } from '../core/train/train-controller';
import { describeEngineFailure } from '../core/train/engine-failure';
import type { TrainCommand, TrainEvent } from './train-protocol';
import { webGradientPool } from './gradient-pool-web';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});
tf.env().set('PROD', true);

const SOFTWARE_GPU = /swiftshader|llvmpipe|lavapipe|software|basic render/i;

interface GpuAdapterInfoLike { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean }
interface GpuAdapterLike { info?: GpuAdapterInfoLike; isFallbackAdapter?: boolean; requestAdapterInfo?: () => Promise<GpuAdapterInfoLike> }

async function probe(name: BackendName): Promise<BackendProbe> {
  switch (name) {
    case 'webgpu': {
      const gpu = (self.navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
      if (!gpu) return { available: false, detail: 'this browser has no WebGPU' };
      const adapter = await gpu.requestAdapter();
      if (!adapter) return { available: false, detail: 'requestAdapter() returned null (no usable GPU adapter)' };
      const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
      const text = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
      const fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true;
      const software = fallback || SOFTWARE_GPU.test(text);
      return { available: true, software, detail: `${fallback ? 'fallback adapter' : 'adapter'}${text ? ` ${text}` : ''}` };
    }
    case 'webgl': {
      if (typeof OffscreenCanvas === 'undefined') return { available: false, detail: 'no OffscreenCanvas in this Worker' };
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
      if (!gl) return { available: false, detail: 'no WebGL2 context' };
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      gl.getExtension('WEBGL_lose_context')?.loseContext(); // free the probe's context
      return { available: true, software: SOFTWARE_GPU.test(renderer), detail: `renderer ${renderer}` };
    }
    case 'wasm':
      return typeof WebAssembly === 'object' ? { available: true } : { available: false, detail: 'no WebAssembly' };
    case 'cpu':
      return { available: true };
  }
}

const host: BackendHost = {
  probe,
  activate: async (name) => {
    // setBackend resolves false when initialisation fails, and then still names the failed backend:
    // read both, then tf.getBackend() (a failure can leave another backend active).
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok) throw new Error('tf.setBackend() returned false');
    if (name === 'webgl') watchContextLoss();
    if (name === 'webgpu') watchDeviceLoss();
    return tf.getBackend();
  },
};

/** WebGL context loss is only logged by tfjs: stop the run with a message instead. */
function watchContextLoss(): void {
  const canvas = (tf.backend() as unknown as { gpgpu?: { gl?: { canvas?: EventTarget } } }).gpgpu?.gl?.canvas;
  canvas?.addEventListener('webglcontextlost', () => {
    void controller.abort('The WebGL context was lost (the GPU was reset or reclaimed by the browser); the run was stopped. Start again, or choose the wasm backend.');
  });
}

/** A lost WebGPU device only rejects later reads: stop the run with a message when it is lost. */
function watchDeviceLoss(): void {
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> } }).device;
  void device?.lost?.then((info) => {
    void controller.abort(describeEngineFailure(new Error(`GPU device lost: ${info?.message ?? 'no reason given'}`)));
  });
}

const scope = self as unknown as { postMessage(message: TrainEvent): void };
const controller = new TrainController({
  post: (event) => scope.postMessage(event),
  selectBackend: (preference) => selectBackend(preference, host, { fallback: true }),
  createGradientPool: webGradientPool,
  // A MessageChannel round trip yields to pending messages without setTimeout's 4 ms clamp.
  yieldToEvents: () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
});

self.onmessage = (event: MessageEvent<TrainCommand>) => {
  void controller.handle(event.data);
};
