import { createTheme, DEFAULT_THEME, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
});

const WHITE = '#ffffff';
/** gray-1: the darkest background text sits on (striped and hovered rows, light alerts). */
const TINT = '#f1f3f5';
/** WCAG AA for normal text: every text colour below is checked against its background to this ratio. */
const AA = 4.6;

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrastRatio(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

function darker(hex: string, step: number): string {
  return `#${channels(hex)
    .map((v) =>
      Math.round(v * (1 - step))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The colour itself, or the least darkened version of it that reads on `background` at AA. */
export function readableOn(color: string, background: string): string {
  let c = color;
  for (let i = 0; contrastRatio(c, background) < AA && i < 40; i++) c = darker(c, 0.04);
  return c;
}

/**
 * Mantine's default palette puts white text on shades (indigo-6, red-6, green-8 …) and shade-9
 * text on shade-1 badges below WCAG AA contrast, and its dimmed grey (gray-6) is 3.3:1 on white:
 * axe-core reports each as a serious violation. Every colour's filled, text, outline and light
 * variants are therefore taken from its own palette, darkened only as far as AA needs.
 */
export const readableColors: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': readableOn(DEFAULT_THEME.colors.gray[6], TINT),
  };
  for (const [name, shades] of Object.entries(t.colors)) {
    if (!Array.isArray(shades) || name === 'dark') continue;
    const filled = readableOn(shades[6]!, WHITE);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darker(filled, 0.1);
    light[`--mantine-color-${name}-outline`] = filled;
    light[`--mantine-color-${name}-text`] = readableOn(shades[6]!, TINT);
    light[`--mantine-color-${name}-light-color`] = readableOn(shades[9]!, shades[1]!);
  }
  light['--mantine-color-anchor'] = light[`--mantine-color-${t.primaryColor}-text`]!;
  return { variables: {}, light, dark: {} };
};
