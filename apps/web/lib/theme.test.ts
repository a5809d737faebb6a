import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, readableColors, readableOn } from './theme';

describe('readable colours', () => {
  it('darkens a colour only as far as WCAG AA needs', () => {
    expect(readableOn('#000000', '#ffffff')).toBe('#000000');
    const green = readableOn(DEFAULT_THEME.colors.green[6], '#ffffff');
    expect(contrastRatio(green, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(green, '#ffffff')).toBeLessThan(5.2);
  });

  it('gives every palette colour filled, text and light variants that read at AA', () => {
    const { light } = readableColors(DEFAULT_THEME);
    for (const name of ['indigo', 'red', 'green', 'teal', 'yellow', 'orange', 'gray', 'blue']) {
      expect(contrastRatio(light[`--mantine-color-${name}-filled`]!, '#ffffff'), name).toBeGreaterThanOrEqual(4.5);
      const tint = DEFAULT_THEME.colors[name]![1]!;
      expect(contrastRatio(light[`--mantine-color-${name}-light-color`]!, tint), name).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio(light['--mantine-color-dimmed']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
