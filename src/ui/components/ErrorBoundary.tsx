import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** A bug in one page must not take the whole app down: show it, offer a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="error-banner">
        <strong>Something went wrong on this page.</strong> {this.state.error.message}
        <div>
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      </div>
    );
  }
}
