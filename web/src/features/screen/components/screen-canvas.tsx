import { type ReactNode, useEffect, useState } from 'react';

import { DESIGN_HEIGHT, DESIGN_WIDTH, fitCanvas } from '../screen-layout';

/** The 1920×1080 design canvas, scaled to the window with a CSS transform and letterboxed. */
export function ScreenCanvas({ children }: { children: ReactNode }) {
  const [fit, setFit] = useState(() => fitCanvas(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setFit(fitCanvas(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return (
    <div className="screen-viewport">
      <div
        className="screen-canvas"
        style={{
          width: DESIGN_WIDTH,
          height: DESIGN_HEIGHT,
          transform: `translate(${fit.left}px, ${fit.top}px) scale(${fit.scale})`,
        }}
      >
        {children}
      </div>
    </div>
  );
}
