/**
 * Shrinks a photo in the browser before upload (a phone photo of 3–5 MB becomes ~200 KB), so a
 * weak connection carries a fraction of the bytes. The longest side is capped at `maxSide`.
 */
export interface Downscaled {
  blob: Blob;
  /** A small JPEG data URL for the preview and the saved draft. */
  thumb: string;
}

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('unreadable image'));
    };
    image.src = url;
  });
}

function draw(image: HTMLImageElement, maxSide: number): HTMLCanvasElement {
  const scale = Math.min(1, maxSide / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  const context = canvas.getContext('2d');
  if (context === null) {
    throw new Error('no canvas');
  }
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}

export async function downscalePhoto(
  file: Blob,
  maxSide = 1280,
  quality = 0.8,
): Promise<Downscaled> {
  const image = await loadImage(file);
  const canvas = draw(image, maxSide);
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', quality),
  );
  const thumb = draw(image, 160).toDataURL('image/jpeg', 0.6);
  const fitsAlready = Math.max(image.naturalWidth, image.naturalHeight) <= maxSide;
  // Keep the original when it is already small and no larger than the re-encoded copy.
  const smallest = blob === null || (fitsAlready && file.size <= blob.size) ? file : blob;
  return { blob: smallest, thumb };
}
