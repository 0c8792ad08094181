/** The five highlight colours (no Node imports: the renderer uses this too). */
export const COLOURS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type Colour = (typeof COLOURS)[number];
