import type { Plugin } from 'vite';
import { metaContentSecurityPolicy } from './content-security-policy';

/**
 * Writes the content security policy into the built index.html as the first <meta> of <head>, so a copy
 * of dist/ served by any static file server keeps it. Build only: the dev server sends its looser policy
 * as a header (devContentSecurityPolicy), and two enforced policies would both apply.
 */
export function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'ml-workbench:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy }, injectTo: 'head-prepend' }],
    },
  };
}
