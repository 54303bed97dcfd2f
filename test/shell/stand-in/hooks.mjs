/* global URL */
// Module-resolution hook: `import ... from 'electron'` gets the stand-in; everything else resolves as usual.
const standIn = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron' || specifier.startsWith('electron/')) return { url: standIn, shortCircuit: true };
  return next(specifier, context);
}
