import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { buildRamp, renderHeatmap, strongestInBin, type MatrixData, type Pair } from './heatmapModel';

export interface HeatmapProps {
  matrix: MatrixData;
  rowOrder: Int32Array;
  colOrder: Int32Array;
  min: number;
  max: number;
  threshold: number;
  /** Accessible name and keyboard instructions of the heatmap. */
  label: string;
  /** Text describing a cell (or a group of cells under one pixel) for the info line and live region. */
  describe: (pair: Pair, group: { rowFrom: number; rowTo: number; colFrom: number; colTo: number } | null) => string;
  hint: string;
  /** Texts of rows and columns (original order), drawn beside small matrices. */
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
}

/** Cells at least this big get their texts drawn beside the heatmap. */
const LABEL_MIN_PX = 14;
const ROW_LABEL_PX = 176;

/** Largest image side drawn one pixel per cell; larger matrices show the maximum of each block. */
const MAX_SIDE = 1200;
const MAX_CSS_HEIGHT = 640;
const MAX_CELL_PX = 40;

interface Cell {
  /** Display positions (after sorting). */
  r: number;
  c: number;
}

/**
 * The matrix as a heatmap on one canvas (one pixel per cell, scaled with nearest-neighbour), so
 * 1,000 × 1,000 values cost one image, not a million DOM nodes. A second canvas on top draws the
 * hovered and focused cells. The heatmap is focusable: arrow keys move a focused cell, and a
 * polite live region reads out the two texts and the value.
 */
export function Heatmap({ matrix, rowOrder, colOrder, min, max, threshold, label, describe, hint, rowLabels, colLabels }: HeatmapProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const baseRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const hintId = useId();
  const [width, setWidth] = useState(600);
  const [hover, setHover] = useState<{ cell: Cell; x: number; y: number } | null>(null);
  const [focus, setFocus] = useState<Cell | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const ramp = useMemo(() => buildRamp(), []);

  const image = useMemo(
    () => renderHeatmap(matrix, { rowOrder, colOrder, min, max, threshold, maxSide: MAX_SIDE }, ramp),
    [matrix, rowOrder, colOrder, min, max, threshold, ramp],
  );

  useEffect(() => {
    const element = wrapRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(120, Math.floor(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Small matrices show their texts beside the cells (the hover and keyboard info shows them anyway).
  const showRowLabels = Boolean(rowLabels) && matrix.rows * LABEL_MIN_PX <= MAX_CSS_HEIGHT && width > ROW_LABEL_PX * 2;
  const cssWidth = Math.min(width - (showRowLabels ? ROW_LABEL_PX : 0), matrix.cols * MAX_CELL_PX);
  const cellW = cssWidth / matrix.cols;
  const cssHeight = Math.max(24, Math.min(MAX_CSS_HEIGHT, matrix.rows * Math.min(MAX_CELL_PX, Math.max(cellW, 2))));
  const cellH = cssHeight / matrix.rows;
  const showColLabels = Boolean(colLabels) && cellW >= LABEL_MIN_PX;

  useEffect(() => {
    const canvas = baseRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    canvas.width = image.width;
    canvas.height = image.height;
    context.putImageData(new ImageData(image.rgba, image.width, image.height), 0, 0);
  }, [image]);

  // The cells under one CSS pixel when the matrix is denser than the screen.
  function cellGroup(cell: Cell) {
    const rowsPerPx = Math.max(1, Math.round(1 / cellH));
    const colsPerPx = Math.max(1, Math.round(1 / cellW));
    const rowFrom = Math.floor(cell.r / rowsPerPx) * rowsPerPx;
    const colFrom = Math.floor(cell.c / colsPerPx) * colsPerPx;
    return {
      rowFrom,
      rowTo: Math.min(matrix.rows, rowFrom + rowsPerPx),
      colFrom,
      colTo: Math.min(matrix.cols, colFrom + colsPerPx),
    };
  }

  function pairAt(cell: Cell, grouped: boolean): { pair: Pair; group: ReturnType<typeof cellGroup> | null } {
    if (grouped) {
      const group = cellGroup(cell);
      if (group.rowTo - group.rowFrom > 1 || group.colTo - group.colFrom > 1) {
        return { pair: strongestInBin(matrix, { rowOrder, colOrder }, group.rowFrom, group.rowTo, group.colFrom, group.colTo), group };
      }
    }
    const row = rowOrder[cell.r];
    const col = colOrder[cell.c];
    return { pair: { row, col, value: matrix.values[row * matrix.cols + col] }, group: null };
  }

  useEffect(() => {
    const canvas = overlayRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(cssWidth * dpr);
    canvas.height = Math.round(cssHeight * dpr);
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    context.clearRect(0, 0, cssWidth, cssHeight);
    const outline = (cell: Cell, colour: string, lineWidth: number) => {
      const w = Math.max(cellW, 6);
      const h = Math.max(cellH, 6);
      const x = cell.c * cellW + cellW / 2 - w / 2;
      const y = cell.r * cellH + cellH / 2 - h / 2;
      context.lineWidth = lineWidth;
      context.strokeStyle = '#ffffff';
      context.strokeRect(x - 1, y - 1, w + 2, h + 2);
      context.strokeStyle = colour;
      context.strokeRect(x, y, w, h);
    };
    if (hover) outline(hover.cell, '#1b1f24', 1.5);
    if (focus) outline(focus, '#b35900', 2.5);
  }, [hover, focus, cssWidth, cssHeight, cellW, cellH]);

  // A new matrix or order invalidates positions.
  useEffect(() => {
    setFocus((cell) => (cell && cell.r < matrix.rows && cell.c < matrix.cols ? cell : null));
    setHover(null);
  }, [matrix, rowOrder, colOrder]);

  function cellFromPointer(event: PointerEvent<HTMLCanvasElement>): Cell | null {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    if (x < 0 || y < 0 || x >= rect.width || y >= rect.height) return null;
    return {
      r: Math.min(matrix.rows - 1, Math.floor((y / rect.height) * matrix.rows)),
      c: Math.min(matrix.cols - 1, Math.floor((x / rect.width) * matrix.cols)),
    };
  }

  function onPointerMove(event: PointerEvent<HTMLCanvasElement>) {
    const cell = cellFromPointer(event);
    const rect = event.currentTarget.getBoundingClientRect();
    setHover(cell ? { cell, x: event.clientX - rect.left, y: event.clientY - rect.top } : null);
  }

  function moveFocus(next: Cell) {
    const cell = { r: Math.max(0, Math.min(matrix.rows - 1, next.r)), c: Math.max(0, Math.min(matrix.cols - 1, next.c)) };
    setFocus(cell);
    const { pair } = pairAt(cell, false);
    setAnnouncement(describe(pair, null));
  }

  function onKeyDown(event: KeyboardEvent<HTMLCanvasElement>) {
    const cell = focus ?? { r: 0, c: 0 };
    const moves: Record<string, Cell> = {
      ArrowUp: { r: cell.r - 1, c: cell.c },
      ArrowDown: { r: cell.r + 1, c: cell.c },
      ArrowLeft: { r: cell.r, c: cell.c - 1 },
      ArrowRight: { r: cell.r, c: cell.c + 1 },
      PageUp: { r: cell.r - 10, c: cell.c },
      PageDown: { r: cell.r + 10, c: cell.c },
      Home: event.ctrlKey ? { r: 0, c: 0 } : { r: cell.r, c: 0 },
      End: event.ctrlKey ? { r: matrix.rows - 1, c: matrix.cols - 1 } : { r: cell.r, c: matrix.cols - 1 },
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    moveFocus(next);
  }

  const shown = hover ? pairAt(hover.cell, true) : focus ? pairAt(focus, false) : null;
  const info = shown ? describe(shown.pair, shown.group) : hint;
  const tooltipLeft = hover ? Math.min(hover.x + 14, Math.max(0, cssWidth - 280)) : 0;

  return (
    <div className="heatmap" ref={wrapRef}>
      {showColLabels && (
        <div className="heatmap-col-labels" aria-hidden="true" style={{ marginLeft: showRowLabels ? ROW_LABEL_PX : 0, width: cssWidth }}>
          {Array.from(colOrder, (c) => (
            <span key={c} style={{ width: cellW }} title={colLabels![c]}>
              <span>{colLabels![c]}</span>
            </span>
          ))}
        </div>
      )}
      <div className="heatmap-row">
      {showRowLabels && (
        <div className="heatmap-row-labels" aria-hidden="true" style={{ width: ROW_LABEL_PX, height: cssHeight }}>
          {Array.from(rowOrder, (r) => (
            <span key={r} style={{ height: cellH, lineHeight: `${cellH}px` }} title={rowLabels![r]}>
              {rowLabels![r]}
            </span>
          ))}
        </div>
      )}
      <div className="heatmap-stage" style={{ width: cssWidth, height: cssHeight }}>
        <canvas ref={baseRef} className="heatmap-base" style={{ width: cssWidth, height: cssHeight }} aria-hidden="true" data-testid="heatmap-canvas" />
        <canvas
          ref={overlayRef}
          className="heatmap-overlay"
          style={{ width: cssWidth, height: cssHeight }}
          role="application"
          aria-roledescription="heatmap"
          aria-label={label}
          aria-describedby={hintId}
          tabIndex={0}
          data-testid="heatmap"
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
          onKeyDown={onKeyDown}
          onFocus={() => !focus && moveFocus({ r: 0, c: 0 })}
        />
        {hover && shown && (
          <div className="heatmap-tooltip" role="presentation" style={{ left: tooltipLeft, top: hover.y + 16 }} data-testid="heatmap-tooltip">
            {describe(shown.pair, shown.group)}
          </div>
        )}
      </div>
      </div>
      <p className="heatmap-info" id={hintId} data-testid="cell-info">
        {info}
      </p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="cell-announcement">
        {announcement}
      </p>
    </div>
  );
}
