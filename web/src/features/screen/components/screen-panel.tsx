import type { ReactNode } from 'react';

/** A bordered big-screen panel with a title and an optional note on the right. */
export function ScreenPanel({
  title,
  note,
  className,
  children,
}: {
  title: string;
  note?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={`screen-panel ${className ?? ''}`}>
      <header className="screen-panel-head">
        <h2>{title}</h2>
        {note !== undefined && <div className="screen-panel-note">{note}</div>}
      </header>
      <div className="screen-panel-body">{children}</div>
    </section>
  );
}
