import { ScreenCanvas } from './screen-canvas';

/** A full-screen message (bad link, loading, outage) in the big screen's look. */
export function ScreenMessage({
  title,
  description,
  tone = 'info',
}: {
  title: string;
  description?: string;
  tone?: 'info' | 'error';
}) {
  return (
    <ScreenCanvas>
      <div className={`screen-message screen-message-${tone}`} role="alert">
        <h1>{title}</h1>
        {description !== undefined && <p>{description}</p>}
      </div>
    </ScreenCanvas>
  );
}
