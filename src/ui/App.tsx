import { Suspense, useEffect, useState } from 'react';
import { linkTooLongMessage } from '../core/link-limits';
import { defaultRouteId, routes } from './routes';
import { useHashRoute } from './useHashRoute';
import { ErrorBoundary } from './components/ErrorBoundary';

export function App() {
  const { page, tooLong } = useHashRoute();
  // Kept until dismissed: the page soon rewrites the hash with its defaults (the link itself is gone).
  const [longLink, setLongLink] = useState<number | null>(null);
  useEffect(() => {
    if (tooLong !== undefined) setLongLink(tooLong);
  }, [tooLong]);
  const route = routes.find((r) => r.id === page) ?? routes.find((r) => r.id === defaultRouteId)!;
  const Page = route.component;
  return (
    <div className="app">
      <header className="app-header">
        <a className="brand" href="#/">
          <img src="./favicon.svg" alt="" width={24} height={24} />
          ML Workbench
        </a>
        <nav aria-label="Pages">
          {routes.map((r) => (
            <a
              key={r.id}
              href={`#/${r.id}`}
              title={r.hint}
              data-testid={`nav-${r.id}`}
              aria-current={r.id === route.id ? 'page' : undefined}
            >
              {r.title}
            </a>
          ))}
        </nav>
        <span className="privacy" title="Files are read and computed on in this tab; nothing is uploaded.">
          Your data never leaves this browser
        </span>
      </header>
      <main className="app-main">
        {longLink !== null && (
          <div role="status" className="warning" data-testid="link-too-long">
            <span>{linkTooLongMessage(longLink)}</span>{' '}
            <button type="button" className="link" onClick={() => setLongLink(null)}>
              Dismiss
            </button>
          </div>
        )}
        <ErrorBoundary key={route.id}>
          <Suspense fallback={<p className="loading">Loading {route.title}…</p>}>
            <Page />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
