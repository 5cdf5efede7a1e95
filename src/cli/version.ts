/** The version of this package, set at build time (see scripts/build.mjs). */
declare const __MPLAN_VERSION__: string | undefined;
export const VERSION: string = typeof __MPLAN_VERSION__ === 'string' ? __MPLAN_VERSION__ : '0.0.0-dev';
