import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';

const GRID = 5;
const CELL = 32;
const MARGIN = 20;
export const IDENTICON_SIZE = GRID * CELL + 2 * MARGIN;

/**
 * A default avatar: a 5×5 left-right symmetric pattern in one colour on a light background, both
 * chosen by the seed, so that every account has a distinct picture without storing any.
 */
export function identiconPng(seed: string): Buffer {
  const digest = createHash('sha256').update(seed).digest();
  const [r, g, b] = colourOf(digest);
  const png = new PNG({ width: IDENTICON_SIZE, height: IDENTICON_SIZE });
  png.data.fill(0xf0);
  for (let row = 0; row < GRID; row++) {
    for (let col = 0; col < Math.ceil(GRID / 2); col++) {
      if ((digest[4 + row * 3 + col]! & 1) === 0) continue;
      for (const c of new Set([col, GRID - 1 - col])) fillCell(png, row, c, r, g, b);
    }
  }
  return PNG.sync.write(png);
}

function fillCell(png: PNG, row: number, col: number, r: number, g: number, b: number): void {
  for (let y = MARGIN + row * CELL; y < MARGIN + (row + 1) * CELL; y++) {
    for (let x = MARGIN + col * CELL; x < MARGIN + (col + 1) * CELL; x++) {
      const i = (y * IDENTICON_SIZE + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 0xff;
    }
  }
}

/** A saturated, mid-light colour: the hue from the digest, fixed saturation and lightness. */
function colourOf(digest: Buffer): [number, number, number] {
  const hue = ((digest[0]! << 8) | digest[1]!) % 360;
  const s = 0.55;
  const l = 0.5;
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = hue < 60 ? [c, x, 0] : hue < 120 ? [x, c, 0] : hue < 180 ? [0, c, x] : hue < 240 ? [0, x, c] : hue < 300 ? [x, 0, c] : [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}
