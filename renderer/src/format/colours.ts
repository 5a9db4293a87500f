// Promotion art colours arrive from HQ; the page checks them and picks text that stays readable on them.

const hex = /^#[0-9a-fA-F]{6}$/;
export const fallbackColours: [string, string] = ['#8C6527', '#3B2A20'];

/** Both colours when they are #RRGGBB, otherwise the house colours (a bad value must not reach CSS). */
export function safeColours(colours: readonly [string, string]): [string, string] {
  return hex.test(colours[0]) && hex.test(colours[1]) ? [colours[0], colours[1]] : fallbackColours;
}

/** WCAG relative luminance of #RRGGBB. */
export function luminance(colour: string): number {
  const channel = (i: number) => {
    const v = parseInt(colour.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const lightText = '#FFFFFF';
export const darkText = '#2A1A10';

/** 'light' (white text) or 'dark' (ink text): whichever keeps the better worst-case contrast over both colours. */
export function textToneFor(colours: readonly [string, string]): 'light' | 'dark' {
  const [a, b] = safeColours(colours);
  const worst = (text: string) => Math.min(contrastRatio(text, a), contrastRatio(text, b));
  return worst(darkText) > worst(lightText) * 1.25 ? 'dark' : 'light';
}
