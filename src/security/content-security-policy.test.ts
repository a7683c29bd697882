import { describe, expect, it } from 'vitest';
import { devContentSecurityPolicy, headerContentSecurityPolicy, metaContentSecurityPolicy, securityHeaders } from './content-security-policy';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

describe('content security policy', () => {
  it('the header policy is the meta policy plus frame-ancestors (which a <meta> policy ignores)', () => {
    expect(headerContentSecurityPolicy).toBe(`${metaContentSecurityPolicy}; frame-ancestors 'none'`);
    expect(metaContentSecurityPolicy).not.toContain('frame-ancestors');
    expect(securityHeaders['Content-Security-Policy']).toBe(headerContentSecurityPolicy);
  });

  it('is strict: own origin only, no inline or eval script, no plugins, no base, no forms', () => {
    const d = directives(headerContentSecurityPolicy);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.get('worker-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(headerContentSecurityPolicy.match(/'unsafe-inline'/g)).toEqual(["'unsafe-inline'"]); // style-src-attr only
    expect(d.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  });

  it('the dev policy loosens only what Vite dev needs (inline preamble, injected CSS, the HMR socket)', () => {
    const dev = directives(devContentSecurityPolicy);
    expect(dev.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
    expect(dev.get('default-src')).toEqual(["'self'"]);
  });

  it('comes with the other security headers', () => {
    expect(securityHeaders).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' });
  });
});
