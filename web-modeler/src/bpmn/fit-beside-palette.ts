/**
 * Fits the whole diagram into the canvas to the right of bpmn-js's palette. diagram-js's `zoom('fit-viewport')`
 * uses the whole canvas, and the palette (drawn over it, top left, about 100 pixels wide) then hides the diagram's
 * first lane and start events on a 1366-pixel screen. Never zooms in past 1:1.
 */
interface ViewboxCanvas {
  zoom(kind: 'fit-viewport', center: 'auto'): number;
  viewbox(): { inner: { x: number; y: number; width: number; height: number } };
  viewbox(box: { x: number; y: number; width: number; height: number }): unknown;
  getContainer(): HTMLElement;
}

const MARGIN = 16;

export function fitBesidePalette(canvas: ViewboxCanvas): void {
  canvas.zoom('fit-viewport', 'auto');
  const container = canvas.getContainer();
  const palette = container.querySelector('.djs-palette');
  const { width, height } = container.getBoundingClientRect();
  const { inner } = canvas.viewbox();
  if (!palette || inner.width <= 0 || inner.height <= 0) return;
  const left = palette.getBoundingClientRect().right - container.getBoundingClientRect().left + MARGIN;
  const scale = Math.min((width - left - MARGIN) / inner.width, (height - 2 * MARGIN) / inner.height, 1);
  if (scale <= 0) return;
  // centred in the room beside the palette, as fit-viewport centres it in the whole canvas
  const offsetX = left + (width - left - MARGIN - inner.width * scale) / 2;
  const offsetY = (height - inner.height * scale) / 2;
  canvas.viewbox({ x: inner.x - offsetX / scale, y: inner.y - offsetY / scale, width: width / scale, height: height / scale });
}
