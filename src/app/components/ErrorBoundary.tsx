import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, in words ("图表", "对比表"). */
  what: string;
  children: ReactNode;
  /** Changing this key clears a previous error (e.g. new filters). */
  resetKey?: string;
}

interface State {
  error: Error | null;
  key?: string;
}

/** One per chart / table: a failing view shows its own error and leaves the rest of the page working. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.key) return { error: null, key: props.resetKey };
    return null;
  }

  override render() {
    if (this.state.error) return <ErrorPanel title={`${this.props.what}出错`} error={this.state.error} compact />;
    return this.props.children;
  }
}

export function ErrorPanel({ title, error, compact, children }: { title: string; error: unknown; compact?: boolean; children?: ReactNode }) {
  const msg = error instanceof Error ? error.message : String(error);
  return (
    <div className={`error-panel${compact ? ' compact' : ''}`} role="alert">
      <strong>{title}</strong>
      <pre>{msg}</pre>
      {children}
    </div>
  );
}
