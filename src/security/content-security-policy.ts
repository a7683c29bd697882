/**
 * The app's content security policy and security headers, in one place: vite.config.ts sends them as
 * response headers from the preview server and writes the same policy into index.html as a <meta> tag
 * (security-headers-plugin.ts), so the two cannot drift.
 *
 * "Your data never leaves this browser" is enforced by `connect-src 'self'`: the page and its workers can
 * only fetch the app's own files (bundled datasets, .wasm), never another origin.
 */

/** Each directive with its sources. Every source beyond 'self'/'none' carries the reason it is there. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  // 'wasm-unsafe-eval' lets TensorFlow.js compile its own .wasm (the wasm backend) with
  // WebAssembly.instantiate; it allows WebAssembly compilation only, not eval() or new Function().
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // Stylesheets only from the app's files: no <style> element (Plotly's global rules go into a <link>
  // sheet through the CSSOM, src/ui/plots/loadPlotly.ts).
  'style-src': ["'self'"],
  // Plotly sets style attributes with setAttribute (heatmap image-rendering, colour bars, legend and
  // text styles), which the policy checks as inline styles; React's `style` props go through the CSSOM
  // and need nothing. An attribute holds declarations only (no selectors, no @import), and any url() in
  // it is still bound by img-src and font-src: the narrowest exception that lets Plotly draw.
  'style-src-attr': ["'unsafe-inline'"],
  // data: Plotly's PNG/SVG export draws the figure through an <img> whose src is a data: URL
  // (Plotly.toImage), and the Metrics report embeds those images; blob: for previews of downloads.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  // Workers are the app's own module files (new Worker(new URL('./x.worker.ts', import.meta.url))).
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** Directives a <meta> policy ignores (CSP3 §6.1: frame-ancestors, report-uri, sandbox): header only. */
const HEADER_ONLY_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'frame-ancestors': ["'none'"],
};

function serialise(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives).map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** The policy for the <meta http-equiv="Content-Security-Policy"> tag of the built index.html. */
export const metaContentSecurityPolicy = serialise(CSP_DIRECTIVES);

/** The policy sent as a response header (adds what a <meta> policy cannot express). */
export const headerContentSecurityPolicy = serialise({ ...CSP_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES });

/** The headers of every response of the preview server (the built app). */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': headerContentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Framing protection for browsers without frame-ancestors; both say the same thing.
  'X-Frame-Options': 'DENY',
};

/**
 * The dev server's policy (`npm run dev` only, never the built app): looser, because Vite's dev mode
 * needs what the build does not. 'unsafe-inline' scripts: @vitejs/plugin-react injects an inline module
 * script (the React Refresh preamble) into index.html; 'unsafe-inline' styles: Vite serves CSS as <style>
 * elements inserted by its client; ws: the HMR socket. The policy of the built app stays strict.
 */
export const devContentSecurityPolicy = serialise({
  ...CSP_DIRECTIVES,
  'script-src': [...CSP_DIRECTIVES['script-src']!, "'unsafe-inline'"],
  'style-src': [...CSP_DIRECTIVES['style-src']!, "'unsafe-inline'"],
  'connect-src': [...CSP_DIRECTIVES['connect-src']!, 'ws:', 'wss:'],
  ...HEADER_ONLY_DIRECTIVES,
});

/** The headers of the dev server: the security headers with the dev policy. */
export const devSecurityHeaders: Readonly<Record<string, string>> = {
  ...securityHeaders,
  'Content-Security-Policy': devContentSecurityPolicy,
};
