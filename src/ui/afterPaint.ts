import { useEffect, useState } from 'react';

/**
 * Runs `fn` in a task of its own after the next frame has painted. Work started there finds style and
 * layout already clean, so a DOM read (Plotly measures text with getBoundingClientRect) does not force
 * a layout of everything the last render added. Hidden tabs paint no frames: a timer stands in.
 */
export function afterPaint(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => {
    // A message task runs after this frame's paint, ahead of timers.
    const channel = new MessageChannel();
    channel.port1.onmessage = run;
    channel.port2.postMessage(null);
  });
  setTimeout(run, 250);
}

/**
 * How many of a view's `count` sections to mount: 1 on the first render, then one more after each
 * painted frame. A results view mounted at once (tables, panels, seven plot frames) costs one long
 * render and layout; in stages each task stays short and the first section shows sooner.
 */
export function useStages(count: number): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (shown >= count) return;
    let live = true;
    afterPaint(() => live && setShown((s) => s + 1));
    return () => {
      live = false;
    };
  }, [shown, count]);
  return shown;
}
